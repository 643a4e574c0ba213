import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  FrameStreamDecoder,
  isValidUtf8,
  MessageAssembler,
  Utf8Validator,
} from '../../src/protocol/index.ts';
import { decodeUtf8Strict } from '../../src/protocol/utf8.ts';
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

describe('decoding a whole text message in one pass', () => {
  it('gives the text exactly when the validator finds the bytes valid, null otherwise', () => {
    const random = seededRandom(2025);
    let valid = 0;
    for (let n = 0; n < 3000; n++) {
      const bytes = new Uint8Array(Buffer.from('aé中😀\u{10FFFF}'.repeat(1 + randomInt(random, 4))));
      if (random() < 0.5) bytes[randomInt(random, bytes.length)] = randomBytes(random, 1)[0]!;
      const text = decodeUtf8Strict(bytes);
      expect(text !== null, Buffer.from(bytes).toString('hex')).toBe(isValidUtf8(bytes));
      if (text !== null) {
        valid++;
        expect(text).toBe(Buffer.from(bytes).toString('utf8'));
      }
    }
    expect(valid).toBeGreaterThan(1000);
  });

  it('a one-frame text message that is not UTF-8 still names its first bad byte (1007)', () => {
    // ED A0 80 would be a surrogate: ED is a fine lead byte, A0 is the first byte that cannot follow it.
    const assembler = new MessageAssembler();
    const [frame] = new FrameStreamDecoder({ sender: 'server' }).push(
      encodeFrame({ opcode: 1, payload: hexBytes('41 42 ed a0 80') }),
    );
    const event = assembler.push(frame!);
    expect(event).toMatchObject({ kind: 'message', text: 'AB\u{FFFD}\u{FFFD}\u{FFFD}' });
    expect(frame!.violations.map((v) => [v.closeCode, v.bits])).toEqual([[1007, [(2 + 3) * 8, 8]]]);
  });

  it('a valid one-frame text message comes out with its text and no violation', () => {
    const [frame] = new FrameStreamDecoder({ sender: 'server' }).push(
      encodeFrame({ opcode: 1, payload: '你好, ws' }),
    );
    expect(new MessageAssembler().push(frame!)).toMatchObject({ kind: 'message', text: '你好, ws' });
    expect(frame!.violations).toEqual([]);
  });
});
