import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/protocol/hex.ts';
import { applyMask, applyMaskBytewise } from '../../src/protocol/mask.ts';
import { maskWithSimd, simdMaskingAvailable } from '../../src/protocol/maskSimd.ts';
import { maskWords } from '../../src/protocol/maskWords.ts';
import { hexBytes } from '../helpers/bytes.ts';
import { randomBytes, seededRandom } from '../helpers/randomFrames.ts';

type MaskFunction = (data: Uint8Array, key: Uint8Array, keyOffset: number, out: Uint8Array) => Uint8Array;

const ways: [string, MaskFunction][] = [
  ['byte by byte (the reference)', applyMaskBytewise],
  ['a word at a time', maskWords],
  ['WebAssembly SIMD', maskWithSimd],
  ['applyMask (whichever is fastest)', applyMask],
];

describe('RFC 6455 §5.3: payload byte i is XORed with key[i mod 4]', () => {
  it('WebAssembly SIMD is there in Node, so the fast path is the one measured', () => {
    expect(simdMaskingAvailable).toBe(true);
  });

  it.each(ways)('%s: the RFC §5.7 example unmasks to "Hello"', (_name, mask) => {
    const wire = hexBytes('7f 9f 4d 51 58');
    expect(new TextDecoder().decode(mask(wire, hexBytes('37 fa 21 3d'), 0, new Uint8Array(5)))).toBe('Hello');
  });

  it.each(ways)(
    '%s: every length to 300, key offset, and start alignment of data and result',
    (_name, mask) => {
      const random = seededRandom(25);
      const key = hexBytes('a1 b2 c3 d4');
      const wrong: string[] = [];
      for (let length = 0; length <= 300; length++) {
        const source = randomBytes(random, length + 3);
        for (let keyOffset = 0; keyOffset < 8; keyOffset++) {
          for (const dataShift of [0, 1, 2, 3]) {
            const data = source.subarray(dataShift, dataShift + length);
            const expected = data.map((byte, i) => byte ^ key[(i + keyOffset) % 4]!);
            for (const outShift of [0, 3]) {
              const out = new Uint8Array(length + 8).subarray(outShift, outShift + length);
              const got = mask(data, key, keyOffset, out);
              if (toHex(got) !== toHex(expected)) wrong.push(`${length} bytes, key offset ${keyOffset}`);
            }
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(ways)('%s: in place, the result overwriting the data', (_name, mask) => {
    const data = randomBytes(seededRandom(3), 1001);
    const expected = applyMaskBytewise(data, hexBytes('01 02 03 04'), 2);
    const inPlace = new Uint8Array(1002).subarray(1);
    inPlace.set(data);
    expect(mask(inPlace, hexBytes('01 02 03 04'), 2, inPlace)).toEqual(expected);
  });

  it.each(ways)(
    '%s: a payload longer than the SIMD scratch memory (256 KiB), from an odd offset',
    (_name, mask) => {
      const data = randomBytes(seededRandom(9), 300_001);
      const key = hexBytes('de ad be ef');
      const got = mask(data, key, 5, new Uint8Array(data.length));
      expect(Buffer.from(got).equals(applyMaskBytewise(data, key, 5))).toBe(true);
    },
  );

  it('masking twice gives the original back', () => {
    const data = randomBytes(seededRandom(11), 5000);
    const key = hexBytes('00 ff 55 aa');
    expect(applyMask(applyMask(data, key), key)).toEqual(data);
  });
});
