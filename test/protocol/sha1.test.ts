import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, sha1, toHex } from '../../src/protocol/index.ts';
import { randomBytes, randomInt, seededRandom } from '../helpers/randomFrames.ts';

describe('SHA-1 (FIPS 180-4)', () => {
  it('hashes "abc" as in the standard', () => {
    expect(toHex(sha1(new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('agrees with Node crypto on random inputs of every length around the block edges', () => {
    const random = seededRandom(1);
    for (let length = 0; length < 200; length++) {
      const input = randomBytes(random, length);
      expect(toHex(sha1(input))).toBe(createHash('sha1').update(input).digest('hex'));
    }
    for (let n = 0; n < 50; n++) {
      const input = randomBytes(random, randomInt(random, 5000));
      expect(toHex(sha1(input))).toBe(createHash('sha1').update(input).digest('hex'));
    }
  });
});

describe('base64 (RFC 4648)', () => {
  it('agrees with Node for every padding case', () => {
    const random = seededRandom(2);
    for (let length = 0; length < 40; length++) {
      const input = randomBytes(random, length);
      const encoded = base64Encode(input);
      expect(encoded).toBe(Buffer.from(input).toString('base64'));
      expect(base64Decode(encoded)).toEqual(input);
    }
  });

  it('refuses what is not base64', () => {
    expect(base64Decode('abc')).toBeNull();
    expect(base64Decode('ab!d')).toBeNull();
  });
});
