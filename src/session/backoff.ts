/**
 * Reconnection delays: exponential from `baseMs`, capped at `maxMs`, with "equal jitter" (half fixed, half
 * random) so a room full of pages that lost the same server do not all come back in the same millisecond.
 */
export type BackoffOptions = { readonly baseMs: number; readonly maxMs: number };

export const defaultBackoff: BackoffOptions = { baseMs: 500, maxMs: 10_000 };

/** The delay before attempt `attempt` (1 = the first retry). `random` is injectable for tests. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = defaultBackoff,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
