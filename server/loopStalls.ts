/** What a rate limiter needs to know of the event loop: how long it has been blocked, in total. */
export type StallClock = { stalledMs(): number };

/**
 * How long this process's event loop has spent blocked, in total: a timer due every `tickMs` that fires
 * late was kept from running by whatever held the loop (a long computation, a GC pause, a swapped page).
 *
 * Why the rate limits need it: while the loop is blocked, clients keep sending and the kernel keeps their
 * bytes; when it is free again, seconds of honest messages are read in one burst. Measured by when they
 * are read, they look like a flood, and a token bucket (whose credit is capped) would close the innocent
 * for the backlog the server itself caused. Measured by when they could have arrived, they are not: so a
 * bucket refills for blocked time beyond its cap (`TokenBucket`), as if it had been reading all along.
 *
 * A stall still going on, or just over with the late timer not yet run, counts too: after a stall the
 * loop's poll phase reads sockets before the timers phase runs the tick.
 */
export class LoopStalls implements StallClock {
  private stalled = 0;
  private lastTick: number;
  private readonly timer: NodeJS.Timeout | null;

  constructor(
    private readonly tickMs = 20,
    private readonly clock: () => number = () => performance.now(),
    /** Tests drive `tick` themselves. */
    ticking = true,
  ) {
    this.lastTick = clock();
    this.timer = ticking ? setInterval(() => this.tick(), tickMs) : null;
    this.timer?.unref();
  }

  stalledMs(): number {
    return this.stalled + this.lateness(this.clock());
  }

  tick(): void {
    const now = this.clock();
    this.stalled += this.lateness(now);
    this.lastTick = now;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private lateness(now: number): number {
    return Math.max(0, now - this.lastTick - this.tickMs);
  }
}
