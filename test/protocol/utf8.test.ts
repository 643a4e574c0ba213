import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { isValidUtf8, Utf8Validator } from '../../src/protocol/index.ts';
import { hexBytes } from '../helpers/bytes.ts';
import { randomBytes, randomInt, seededRandom } from '../helpers/randomFrames.ts';

describe('UTF-8 validation (RFC 3629)', () => {
  it.each([
    ['ASCII', '48 65 6c 6c 6f', true],
    ['CJK', 'e4 bd a0 e5 a5 bd', true],
    ['emoji', 'f0 9f 98 80', true],
    ['U+10FFFF', 'f4 8f bf bf', true],
    ['above U+10FFFF', 'f4 90 80 80', false],
    ['overlong slash', 'c0 af', false],
    ['overlong 3-byte', 'e0 80 af', false],
    ['surrogate', 'ed a0 80', false],
    ['lone continuation', '80', false],
    ['truncated', 'e4 bd', false],
    ['0xff', 'ff', false],
  ])('%s', (_name, hex, valid) => {
    expect(isValidUtf8(hexBytes(hex))).toBe(valid);
  });

  it('agrees with Node on random byte strings, however they are split', () => {
    const random = seededRandom(6455);
    for (let n = 0; n < 3000; n++) {
      // Mostly valid text with a little damage, so both answers occur often.
      const base = Buffer.from('aé中😀'.repeat(1 + randomInt(random, 4)));
      const bytes = new Uint8Array(base);
      if (random() < 0.5) bytes[randomInt(random, bytes.length)] = randomBytes(random, 1)[0]!;
      const cut = randomInt(random, bytes.length + 1);
      const validator = new Utf8Validator();
      const ok =
        validator.push(bytes.subarray(0, cut)) && validator.push(bytes.subarray(cut)) && validator.complete;
      expect(ok, Buffer.from(bytes).toString('hex')).toBe(isUtf8(bytes));
    }
  });

  it('reports where the first bad byte is', () => {
    const validator = new Utf8Validator();
    validator.push(hexBytes('41 42'));
    validator.push(hexBytes('43 ff 44'));
    expect(validator.invalidAt).toBe(3);
  });
});
