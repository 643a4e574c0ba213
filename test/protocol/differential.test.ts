import { describe, expect, it } from 'vitest';
import {
  closePayload,
  encodeFrame,
  FrameStreamDecoder,
  type Sender as Side,
  toHex,
} from '../../src/protocol/index.ts';
import { concatBytes, hexBytes } from '../helpers/bytes.ts';
import { compareWithWs } from '../helpers/differential.ts';
import { randomChunks, randomFrameSpec, seededRandom } from '../helpers/randomFrames.ts';
import { Sender } from '../helpers/wsInternals.ts';

describe('frames made by ws decode to the same fields and payload', () => {
  const lengths = [0, 5, 125, 126, 65535, 65536];
  for (const length of lengths) {
    for (const mask of [false, true]) {
      it(`${length} bytes, ${mask ? 'masked' : 'unmasked'}`, () => {
        const payload = Buffer.alloc(length, 0x5a);
        const key = Buffer.from('c0ffee11', 'hex');
        const parts = Sender.frame(payload, {
          fin: true,
          opcode: 2,
          mask,
          rsv1: false,
          readOnly: true,
          ...(mask ? { maskBuffer: key, generateMask: () => {} } : {}),
        });
        const bytes = Buffer.concat(parts);
        const [frame] = new FrameStreamDecoder({ sender: mask ? 'client' : 'server' }).push(bytes);
        expect(frame).toMatchObject({
          fin: true,
          opcode: 2,
          masked: mask,
          payloadLength: length,
          violations: [],
        });
        expect(frame!.maskingKey ? toHex(frame!.maskingKey) : null).toBe(mask ? 'c0ffee11' : null);
        expect(Buffer.from(frame!.payload).equals(payload)).toBe(true);
      });
    }
  }
});

describe("frames our encoder makes are accepted, or refused with the same code, by ws's receiver", () => {
  const key = hexBytes('01020304');
  const cases: [string, Side, Uint8Array][] = [
    ['text', 'client', encodeFrame({ opcode: 1, payload: 'Hello 你好', mask: key })],
    [
      'fragmented with ping',
      'server',
      concatBytes(
        encodeFrame({ opcode: 1, payload: 'Hel', fin: false }),
        encodeFrame({ opcode: 9, payload: 'p' }),
        encodeFrame({ opcode: 0, payload: 'lo' }),
      ),
    ],
    ['close 4000 bye', 'server', encodeFrame({ opcode: 8, payload: closePayload(4000, 'bye') })],
    ['unmasked client frame', 'client', encodeFrame({ opcode: 1, payload: 'x' })],
    ['masked server frame', 'server', encodeFrame({ opcode: 1, payload: 'x', mask: key })],
    ['reserved opcode', 'server', encodeFrame({ opcode: 3 })],
    ['RSV1 without extension', 'server', encodeFrame({ opcode: 1, rsv1: true })],
    ['126-byte ping', 'server', encodeFrame({ opcode: 9, payload: new Uint8Array(126) })],
    ['fragmented ping', 'server', encodeFrame({ opcode: 9, fin: false })],
    ['invalid UTF-8', 'client', encodeFrame({ opcode: 1, payload: hexBytes('ff'), mask: key })],
    ['close 1005 on the wire', 'server', encodeFrame({ opcode: 8, payload: closePayload(1005) })],
    ['close with 1 byte', 'server', encodeFrame({ opcode: 8, payload: hexBytes('03') })],
    ['continuation with no message', 'server', encodeFrame({ opcode: 0, payload: 'x' })],
  ];
  it.each(cases)('%s', (_name, sender, bytes) => {
    const comparison = compareWithWs([bytes], sender);
    expect(comparison.difference).toBeNull();
    expect(comparison.ours).toEqual(comparison.theirs);
  });

  it('oversize: both refuse with 1009', () => {
    const comparison = compareWithWs(
      [encodeFrame({ opcode: 2, payload: new Uint8Array(2000) })],
      'server',
      1000,
    );
    expect(comparison.ours).toEqual([{ kind: 'error', closeCodes: [1009] }]);
    expect(comparison.matches).toBe(true);
  });
});

describe('where ws is more lenient than RFC 6455 (said explicitly)', () => {
  it('non-minimal lengths: we say 1002 (§5.2), ws accepts the frame', () => {
    const bytes = encodeFrame({ opcode: 2, payload: 'abc', lengthForm: 64 });
    const comparison = compareWithWs([bytes], 'server');
    expect(comparison.difference).toBe('ws-accepts-non-minimal-length');
    expect(comparison.ours).toEqual([{ kind: 'error', closeCodes: [1002] }]);
    expect(comparison.theirs).toEqual([{ kind: 'message', hex: '616263', isBinary: true }]);
  });

  it('a 64-bit length with the top bit set: we name 1002 (the MSB MUST be 0) as well as 1009; ws only 1009', () => {
    const comparison = compareWithWs([hexBytes('82 7f 80 00 00 00 00 00 00 01')], 'server');
    expect(comparison.ours).toEqual([{ kind: 'error', closeCodes: [1002, 1009] }]);
    expect(comparison.theirs).toEqual([{ kind: 'error', closeCodes: [1009] }]);
  });

  it('invalid UTF-8 in a first fragment: we fail it at once, ws at the end of the message', () => {
    const bytes = concatBytes(
      encodeFrame({ opcode: 1, payload: hexBytes('ff'), fin: false }),
      encodeFrame({ opcode: 9, payload: 'p' }),
      encodeFrame({ opcode: 0, payload: 'ok' }),
    );
    const comparison = compareWithWs([bytes], 'server');
    expect(comparison.difference).toBe('ws-validates-utf8-at-message-end');
    expect(comparison.ours).toEqual([{ kind: 'error', closeCodes: [1007] }]);
    expect(comparison.theirs).toEqual([
      { kind: 'ping', hex: '70' },
      { kind: 'error', closeCodes: [1007] },
    ]);
  });
});

describe('a seeded random slice of the differential fuzz (npm run fuzz runs 100,000)', () => {
  it('1,000 random frame streams, randomly chunked, give no mismatch', () => {
    const random = seededRandom(20261124);
    const mismatches: string[] = [];
    for (let n = 0; n < 1000; n++) {
      const frames = Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomFrameSpec(random));
      const sender: Side = random() < 0.5 ? 'client' : 'server';
      const bytes = concatBytes(...frames.map((spec) => encodeFrame(spec)));
      const comparison = compareWithWs(randomChunks(random, bytes), sender);
      if (!comparison.matches) mismatches.push(`#${n} ${sender} ${toHex(bytes.subarray(0, 40))}`);
    }
    expect(mismatches).toEqual([]);
  });
});
