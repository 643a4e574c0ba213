import { describe, expect, it } from 'vitest';
import { ByteSlab, zeroFilled } from '../../src/protocol/byteSlab.ts';

describe('ByteSlab', () => {
  it('hands out disjoint, 8-byte aligned views of one block', () => {
    const slab = new ByteSlab(zeroFilled, 1024, 256);
    const a = slab.take(5);
    const b = slab.take(100);
    expect(a.buffer).toBe(b.buffer);
    expect([a.byteOffset % 8, b.byteOffset % 8]).toEqual([0, 0]);
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + a.length);
    a.fill(1);
    expect(b.every((byte) => byte === 0)).toBe(true);
  });

  it('starts a new block when one is full, and gives large requests arrays of their own', () => {
    const slab = new ByteSlab(zeroFilled, 64, 32);
    const first = slab.take(32);
    const second = slab.take(32);
    const third = slab.take(8);
    expect(second.buffer).toBe(first.buffer);
    expect(third.buffer).not.toBe(first.buffer);
    expect(slab.take(33).byteOffset).toBe(0);
  });
});
