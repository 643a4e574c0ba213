/**
 * A token bucket: `capacity` events at once, refilled at `perSecond`. Time is passed in so that the
 * rule can be tested without waiting. `cost` lets one bucket count bytes instead of messages.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now = Date.now(),
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  take(now = Date.now(), cost = 1): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
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

  private refilled(now: number): number {
    return Math.min(this.capacity, this.tokens + ((now - this.last) * this.perSecond) / 1000);
  }
}
