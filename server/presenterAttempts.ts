import { TokenBucket } from './rateLimit.ts';

/** Wrong presenter tokens an address may try at once, and how fast that credit comes back. */
const burst = 5;
const perMinute = 5;
/** Addresses remembered; past it the oldest are forgotten (their credit is full again soon anyway). */
const maxAddresses = 10_000;

/**
 * Failed presenter hellos, per address: a few mistakes are free, then every presenter hello from that
 * address (right or wrong) is refused until the credit comes back, so the token cannot be guessed at the
 * thousands a second a loop could try, and mixing in a right guess does not reset the count.
 */
export class PresenterAttempts {
  private readonly buckets = new Map<string, TokenBucket>();

  /** True while this address may try a presenter token. */
  allowed(address: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(address);
    if (!bucket) return true;
    // Peek: take one and give it back, so that merely asking spends nothing.
    if (!bucket.take(now)) return false;
    bucket.giveBack();
    return true;
  }

  failed(address: string, now = Date.now()): void {
    let bucket = this.buckets.get(address);
    if (!bucket) {
      if (this.buckets.size >= maxAddresses) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = new TokenBucket(burst, perMinute / 60, now);
      this.buckets.set(address, bucket);
    }
    bucket.take(now);
  }
}
