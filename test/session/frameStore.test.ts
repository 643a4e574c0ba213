import { describe, expect, it } from 'vitest';
import { encodeFrame, WireDecoder } from '../../src/protocol/index.ts';
import { FrameStore } from '../../src/session/frameStore.ts';

function frame(opcode: number, payload: string | Uint8Array = 'x') {
  const decoder = new WireDecoder({ sender: 'server' });
  return decoder.push(encodeFrame({ opcode, payload }), 0).frames[0]!;
}

const entry = (opcode = 1, payload: string | Uint8Array = 'x') => ({
  connection: 1,
  direction: 'server' as const,
  t: 0,
  decodedAt: 0,
  frame: frame(opcode, payload),
});

describe('the frame store keeps the last N frames', () => {
  it('numbers frames from 1 and keeps them oldest first', () => {
    const store = new FrameStore(3);
    for (let i = 0; i < 5; i++) store.add(entry());
    expect(store.size).toBe(3);
    expect([0, 1, 2].map((i) => store.at(i)!.seq)).toEqual([3, 4, 5]);
    expect(store.latest()!.seq).toBe(5);
  });

  it('finds a kept frame by its sequence number, and not an evicted one', () => {
    const store = new FrameStore(4);
    for (let i = 0; i < 10; i++) store.add(entry());
    expect(store.find(8)!.seq).toBe(8);
    expect(store.find(2)).toBeUndefined();
  });

  it('bounds memory by bytes too: a big payload pushes out older frames', () => {
    const store = new FrameStore(100, 100_000);
    for (let i = 0; i < 10; i++) store.add(entry(2, new Uint8Array(20_000)));
    expect(store.bytesKept).toBeLessThanOrEqual(100_000);
    expect(store.size).toBeLessThan(10);
    expect(store.counts.evicted).toBe(10 - store.size);
  });
});

describe('the counts are exact, whatever is kept', () => {
  it('counts every frame by direction and kind, through evictions and clears', () => {
    const store = new FrameStore(2);
    store.add(entry(1));
    store.add(entry(9, 'p'));
    store.add(entry(2));
    store.clear();
    store.add({ ...entry(10), direction: 'client' });
    expect(store.counts).toMatchObject({
      frames: 4,
      client: 1,
      server: 3,
      data: 2,
      control: 2,
      evicted: 1,
      cleared: 2,
    });
    expect(store.size).toBe(1);
  });

  it('counts frames that break a rule', () => {
    const store = new FrameStore(10);
    const decoder = new WireDecoder({ sender: 'server' });
    const bad = decoder.push(encodeFrame({ opcode: 3, payload: 'x' }), 0).frames[0]!;
    store.add({ ...entry(), frame: bad });
    expect(store.counts.withViolations).toBe(1);
  });

  it('filters data and control frames', () => {
    const store = new FrameStore(10);
    store.add(entry(1));
    store.add(entry(9));
    store.add(entry(8, new Uint8Array([3, 232])));
    expect(store.list('data')).toHaveLength(1);
    expect(store.list('control')).toHaveLength(2);
  });
});

describe('the frame store forgets a connection whose owner withdrew consent', () => {
  it('removes that connection’s frames only, keeps the others’ order and numbers, counts them as cleared', () => {
    const store = new FrameStore(4);
    for (const connection of [1, 2, 1, 2, 1, 2]) store.add({ ...entry(), connection });
    // The ring has wrapped: seqs 3..6 are kept (connections 1, 2, 1, 2).
    store.removeConnections(new Set([2]));
    expect(store.list().map((s) => [s.seq, s.connection])).toEqual([
      [3, 1],
      [5, 1],
    ]);
    expect(store.find(5)!.connection).toBe(1);
    expect(store.find(4)).toBeUndefined();
    expect(store.counts.cleared).toBe(2);
    expect(store.counts.frames).toBe(6);
    store.add({ ...entry(), connection: 1 });
    expect(store.latest()!.seq).toBe(7);
    expect(store.size).toBe(3);
  });
});
