import { describe, expect, it } from 'vitest';
import { closePayload, decodeFrames, encodeFrame } from '../../../src/protocol/index.ts';
import { paint } from '../../../src/shared/paint.ts';
import { frameLines } from '../../../src/widgets/terminal/frameLine.ts';

const plain = paint(false);

describe('terminal frame lines', () => {
  it('a masked text frame from the browser', () => {
    const frame = decodeFrames(encodeFrame({ opcode: 1, payload: 'hello', mask: Uint8Array.of(1, 2, 3, 4) }))
      .frames[0]!;
    expect(frameLines(frame, 'client', plain)).toEqual([
      '→ text         FIN 1  MASK 1  len 5      "hello"',
      '  81 85 01 02 03 04 69 67 6f 68 6e',
    ]);
  });

  it('a close frame shows code and reason; violations follow', () => {
    const frame = decodeFrames(encodeFrame({ opcode: 8, payload: closePayload(1005) }), { sender: 'server' })
      .frames[0]!;
    const lines = frameLines(frame, 'server', plain);
    expect(lines[0]).toContain('close');
    expect(lines[0]).toContain('1005 ""');
    expect(lines[2]).toContain('✗ 1002 close-code-invalid');
  });

  it('colours each byte by its field', () => {
    const frame = decodeFrames(encodeFrame({ opcode: 2, payload: new Uint8Array(200) })).frames[0]!;
    const hexLine = frameLines(frame, 'server', paint(true))[1]!;
    expect(hexLine).toContain('\x1b[38;2;0;114;178m82'); // byte 0 in the opcode's colour
    expect(hexLine).toContain('\x1b[38;2;86;180;233m00'); // extended length in its sky blue
    expect(hexLine).toContain('… +180');
  });
});
