import type { StallClock } from '../loopStalls.ts';

/**
 * A token bucket: `capacity` events at once, refilled at `perSecond`. Time is passed in so that the
 * rule can be tested without waiting. `cost` lets one bucket count bytes instead of messages.
 *
 * Given the loop's `stalls`, time the event loop spent blocked refills it past its capacity: what a client
 * sent while the server could not read is read in one burst afterwards, and the bucket must judge the
 * client's rate, not the server's stall (server/loopStalls.ts). The surplus is what the client would have
 * been allowed had the server kept reading: it never lets a client send faster than `perSecond` over time.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private lastStalled: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now = Date.now(),
    private readonly stalls?: StallClock,
  ) {
    this.tokens = capacity;
    this.last = now;
    this.lastStalled = stalls?.stalledMs() ?? 0;
  }

  take(now = Date.now(), cost = 1): boolean {
    const elapsed = Math.max(0, now - this.last);
    const stalledTotal = this.stalls?.stalledMs() ?? 0;
    const stalled = Math.min(elapsed, Math.max(0, stalledTotal - this.lastStalled));
    this.last = now;
    this.lastStalled = stalledTotal;
    // Responsive time refills up to the capacity (a surplus left from a stall is kept, not cut)…
    const refilled = Math.min(this.capacity, this.tokens + ((elapsed - stalled) * this.perSecond) / 1000);
    // …blocked time refills beyond it.
    this.tokens = Math.max(this.tokens, refilled) + (stalled * this.perSecond) / 1000;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Whether `cost` could be taken now, without taking it. */
  hasCredit(now = Date.now(), cost = 1): boolean {
    return this.refilled(now) >= cost;
  }

  /** Whether the bucket holds its whole capacity again: it then remembers nothing a new one would not. */
  isFull(now = Date.now()): boolean {
    return this.refilled(now) >= this.capacity;
  }

  /** A peek at what `take` would find, stall credit aside (a surplus already held is kept). */
  private refilled(now: number): number {
    const elapsed = Math.max(0, now - this.last);
    return Math.max(this.tokens, Math.min(this.capacity, this.tokens + (elapsed * this.perSecond) / 1000));
  }
}
