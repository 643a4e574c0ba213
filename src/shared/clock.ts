declare const performance: { readonly timeOrigin: number; now(): number };

/**
 * Now, in milliseconds since the epoch with sub-millisecond fractions: the tap's timestamps and the page's
 * clock are read the same way, so records of one process sort exactly and the two can be compared.
 */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
