import { TokenBucket } from './rateLimit.ts';

/**
 * One token bucket per key (an address, a session): what a visitor may do per second, counted for each
 * visitor apart. Memory stays bounded: past `maxKeys`, buckets whose credit is whole again are dropped
 * (they remember nothing a fresh one would not); one still in debt is never dropped, so forgetting can
 * never refund anyone.
 */
export class KeyedBuckets<Key> {
  private readonly buckets = new Map<Key, TokenBucket>();
  /** The size at which the next sweep runs: doubled past what a sweep kept, so sweeps cost O(1) each. */
  private sweepAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    maxKeys = 10_000,
  ) {
    this.sweepAt = maxKeys;
  }

  take(key: Key, now = Date.now(), cost = 1): boolean {
    return this.bucketOf(key, now).take(now, cost);
  }

  hasCredit(key: Key, now = Date.now(), cost = 1): boolean {
    return this.buckets.get(key)?.hasCredit(now, cost) ?? cost <= this.capacity;
  }

  get size(): number {
    return this.buckets.size;
  }

  private bucketOf(key: Key, now: number): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.sweepAt) {
        for (const [known, held] of this.buckets) if (held.isFull(now)) this.buckets.delete(known);
        this.sweepAt = Math.max(this.sweepAt, 2 * this.buckets.size);
      }
      bucket = new TokenBucket(this.capacity, this.perSecond, now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
