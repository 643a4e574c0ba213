import { describe, expect, it } from 'vitest';
import { decodeFrames, encodeFrame, toHex } from '../../../src/protocol/index.ts';
import { bytesOf, fieldsOf, flipBit, withPayload } from '../../../src/widgets/lab/bitEditorModel.ts';

const key = Uint8Array.of(1, 2, 3, 4);

describe('the bit editor model', () => {
  it('flipping bit 1 sets RSV1, and the core names the violation', () => {
    const bytes = flipBit(encodeFrame({ opcode: 1, payload: 'hi', mask: key }), 1);
    expect(toHex(bytes.subarray(0, 1))).toBe('c1');
    expect(decodeFrames(bytes, { sender: 'client' }).frames[0]!.violations.map((v) => v.rule)).toEqual([
      'rsv-without-extension',
    ]);
  });

  it('flipping a length bit can leave the frame cut short, and that is kept', () => {
    const bytes = flipBit(encodeFrame({ opcode: 1, payload: 'hi' }), 13); // length 2 → 6
    const decoded = decodeFrames(bytes, { sender: 'server' });
    expect(decoded.frames).toHaveLength(0);
    expect(decoded.incomplete?.bytesNeeded).toBe(4);
  });

  it('reads fields back and re-encodes them byte for byte', () => {
    const original = encodeFrame({ opcode: 2, payload: new Uint8Array(300).fill(7), mask: key, fin: false });
    const fields = fieldsOf(original)!;
    expect(fields).toMatchObject({ fin: false, opcode: 2, lengthForm: 16, declaredLength: 300 });
    expect(fields.payload).toEqual(new Uint8Array(300).fill(7));
    expect(bytesOf(fields)).toEqual(original);
  });

  it('a new payload brings its minimal length form with it', () => {
    const fields = withPayload(fieldsOf(encodeFrame({ opcode: 1, payload: 'x' }))!, new Uint8Array(70000));
    const decoded = decodeFrames(bytesOf(fields), { sender: 'server' });
    expect(decoded.frames[0]).toMatchObject({ lengthForm: 64, payloadLength: 70000, violations: [] });
  });

  it('a lying length is written as declared', () => {
    const fields = { ...fieldsOf(encodeFrame({ opcode: 9, payload: 'ping' }))!, declaredLength: 200 };
    const bytes = bytesOf(fields);
    expect(toHex(bytes.subarray(0, 4))).toBe('897e00c8');
    expect(decodeFrames(bytes).incomplete?.bytesNeeded).toBe(196);
  });

  it('no fields until the header is whole', () => {
    expect(fieldsOf(Uint8Array.of(0x81))).toBeNull();
  });
});
