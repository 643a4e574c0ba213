import { describe, expect, it } from 'vitest';
import { ByteSlab } from '../../src/protocol/byteSlab.ts';
import { applyMask } from '../../src/protocol/index.ts';
import { randomBytes, seededRandom } from '../helpers/randomFrames.ts';

describe('ByteSlab', () => {
  it('hands out disjoint, 8-byte aligned views of one block', () => {
    const slab = new ByteSlab(1024, 256);
    const a = slab.take(5);
    const b = slab.take(100);
    expect(a.buffer).toBe(b.buffer);
    expect([a.byteOffset % 8, b.byteOffset % 8]).toEqual([0, 0]);
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + a.length);
    a.fill(1);
    expect(b.every((byte) => byte === 0)).toBe(true);
  });

  it('starts a new block when one is full, and gives large requests arrays of their own', () => {
    const slab = new ByteSlab(64, 32);
    const first = slab.take(32);
    const second = slab.take(32);
    const third = slab.take(8);
    expect(second.buffer).toBe(first.buffer);
    expect(third.buffer).not.toBe(first.buffer);
    expect(slab.take(33).byteOffset).toBe(0);
  });
});

describe('applyMask into a given array (RFC 6455 §5.3)', () => {
  it('word-wise and byte-wise give the same result, at every length and key offset', () => {
    const random = seededRandom(7);
    const slab = new ByteSlab();
    for (let length = 0; length < 200; length++) {
      const data = randomBytes(random, length);
      const key = randomBytes(random, 4);
      for (const offset of [0, 1, 2, 3]) {
        const expected = data.map((byte, i) => byte ^ key[(i + offset) & 3]!);
        expect(applyMask(data, key, offset, slab.take(length))).toEqual(expected);
        // An unaligned target takes the byte-wise path.
        const unaligned = new Uint8Array(length + 1).subarray(1);
        expect(applyMask(data, key, offset, unaligned)).toEqual(expected);
      }
    }
  });
});
