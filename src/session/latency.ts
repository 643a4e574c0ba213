/**
 * Wire-to-pixel latency: from the tap's timestamp (server clock) to the moment a view drew the frame (page
 * clock, moved onto the server's by the offset measured at hello). Keeps the last `capacity` samples.
 */
export class LatencyMeter {
  private samples: number[] = [];
  count = 0;

  constructor(readonly capacity = 4096) {}

  add(ms: number): void {
    this.samples.push(ms);
    this.count++;
    if (this.samples.length > this.capacity * 1.25) this.samples = this.samples.slice(-this.capacity);
  }

  reset(): void {
    this.samples = [];
    this.count = 0;
  }

  /** The p-th percentile (0–100) of the kept samples, or null with none. */
  percentile(p: number): number | null {
    const kept = this.samples.slice(-this.capacity).sort((a, b) => a - b);
    if (kept.length === 0) return null;
    const rank = Math.min(kept.length - 1, Math.max(0, Math.ceil((p / 100) * kept.length) - 1));
    return kept[rank]!;
  }

  summary(): { count: number; p50: number | null; p95: number | null; max: number | null } {
    return {
      count: this.count,
      p50: this.percentile(50),
      p95: this.percentile(95),
      max: this.percentile(100),
    };
  }
}
