import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../server/admission/rateLimit.ts';
import { LoopStalls } from '../../../server/loopStalls.ts';

/** A stall clock the test sets by hand. */
const stallsAt = (ms: { value: number }) => ({ stalledMs: () => ms.value });

const takeMany = (bucket: TokenBucket, now: number, count: number) =>
  Array.from({ length: count }, () => bucket.take(now)).filter(Boolean).length;

describe('TokenBucket: a client is judged by its own rate', () => {
  it('refuses a real burst past its capacity', () => {
    const bucket = new TokenBucket(100, 100, 0, stallsAt({ value: 0 }));
    expect(takeMany(bucket, 0, 150)).toBe(100);
    // 25 s of idleness refills the capacity, no more.
    expect(takeMany(bucket, 25_000, 3000)).toBe(100);
  });

  it('lets through what arrived while the loop was blocked: 25 s at the limit read in one burst', () => {
    const stalled = { value: 0 };
    const bucket = new TokenBucket(100, 100, 0, stallsAt(stalled));
    expect(takeMany(bucket, 0, 100)).toBe(100);
    // The loop was blocked for the whole 25 s; the client kept sending 100 a second.
    stalled.value = 25_000;
    expect(takeMany(bucket, 25_000, 2500)).toBe(2500);
    // The credit was for the stall only: the next second allows its 100, not more.
    expect(takeMany(bucket, 26_000, 300)).toBe(100);
  });

  it('gives a stall no more credit than the time that passed', () => {
    const stalled = { value: 0 };
    const bucket = new TokenBucket(100, 100, 0, stallsAt(stalled));
    takeMany(bucket, 0, 100);
    stalled.value = 60_000; // a stall counted before this bucket's last look cannot be claimed twice
    expect(takeMany(bucket, 1_000, 1000)).toBe(100);
  });
});

describe('LoopStalls: blocked time is a timer’s lateness', () => {
  it('counts what a tick was late by, and a stall still being caught up on', () => {
    let now = 0;
    const stalls = new LoopStalls(20, () => now, false);
    now = 20;
    stalls.tick();
    expect(stalls.stalledMs()).toBe(0);
    now = 5_020; // the loop was held 4,980 ms past the tick's due time; the tick has not run yet
    expect(stalls.stalledMs()).toBe(4_980);
    stalls.tick();
    expect(stalls.stalledMs()).toBe(4_980);
    now = 5_040;
    stalls.tick();
    expect(stalls.stalledMs()).toBe(4_980);
  });
});
