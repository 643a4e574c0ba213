import { TokenBucket } from './admission/rateLimit.ts';

/** Wrong presenter tokens one address may try at once, and how fast that credit comes back. */
const perAddress = { burst: 5, perMinute: 5 };
/** Wrong presenter tokens the whole server takes, from every address together. */
const serverWide = { burst: 30, perMinute: 30 };
/**
 * A bucket is in debt for at most `burst / perMinute` minutes after its last failure, and every failure
 * was paid for by the server-wide budget: so at most this many addresses are in debt at once. Only full
 * buckets (which remember nothing a fresh one would not) are ever forgotten, and never an indebted one.
 */
export const maxIndebted =
  serverWide.burst + Math.ceil((serverWide.perMinute * perAddress.burst) / perAddress.perMinute);

export type AttemptRefusal = 'address' | 'server';

/**
 * Failed presenter hellos, per address and server-wide: a few mistakes are free, then every presenter
 * hello from that address (right or wrong) is refused until the credit comes back, so the token cannot be
 * guessed at the thousands a second a loop could try, and mixing in a right guess does not reset the count.
 * Thousands of addresses share one budget, so spreading guesses over them buys nothing, and forgetting an
 * address can never refund it (only addresses whose credit is whole again are forgotten).
 */
export class PresenterAttempts {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly server: TokenBucket;

  constructor(now = Date.now()) {
    this.server = new TokenBucket(serverWide.burst, serverWide.perMinute / 60, now);
  }

  /**
   * Null while this address may try a presenter token, else which budget is spent. A page already known
   * as the presenter's (it resumes a presenter session: 128 random bits nobody else has) is not held back
   * by strangers spending the server-wide budget, only by its own address's.
   */
  refusal(address: string, now = Date.now(), knownPresenter = false): AttemptRefusal | null {
    const bucket = this.buckets.get(address);
    if (bucket && !bucket.hasCredit(now)) return 'address';
    if (!knownPresenter && !this.server.hasCredit(now)) return 'server';
    return null;
  }

  failed(address: string, now = Date.now()): void {
    const paid = this.server.take(now);
    let bucket = this.buckets.get(address);
    if (!bucket) {
      // Only a failure the server-wide budget paid for adds an address: that is what bounds the table.
      if (!paid) return;
      if (this.buckets.size >= 2 * maxIndebted) this.forgetSettled(now);
      bucket = new TokenBucket(perAddress.burst, perAddress.perMinute / 60, now);
      this.buckets.set(address, bucket);
    }
    bucket.take(now);
  }

  /** Addresses remembered now (for tests: the table is bounded by the server-wide budget). */
  get size(): number {
    return this.buckets.size;
  }

  private forgetSettled(now: number): void {
    for (const [address, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(address);
  }
}
