/** What a push needs of time: the real clock, or a test's fake one. */
export type PushClock = {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
};

const realClock: PushClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/**
 * Pushes the latest state of something (the presenter's visitors list, an exercise's tally) to one
 * socket: never more than one push in flight, never two closer than `everyMs`, and what changed in
 * between is one push of the state as it is when it goes. So however fast changes come, the socket holds
 * at most one pending push, and a reader that falls behind is sent less, never closed for it.
 *
 * `send(done)` builds the message when called (the latest state) and calls `done` once the socket took it.
 */
export class LatestPush {
  private dirty = false;
  private inFlight = false;
  private timer: unknown = null;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly send: (done: () => void) => void,
    private readonly everyMs: number,
    private readonly clock: PushClock = realClock,
  ) {}

  /**
   * The state changed. `gatherMs`: how long to wait for more changes before pushing (a class joining
   * at once is one push); the push also waits for `everyMs` since the last one, and for that one to go.
   */
  changed(gatherMs = 0): void {
    if (this.stopped) return;
    this.dirty = true;
    this.schedule(gatherMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(gatherMs: number): void {
    if (this.inFlight || this.timer !== null) return;
    const wait = Math.max(gatherMs, this.lastSentAt + this.everyMs - this.clock.now());
    // Nothing to wait for: pushed now (a visitor who stops sharing leaves the projector before its reply).
    if (wait <= 0) this.fire();
    else this.timer = this.clock.setTimeout(() => this.fire(), wait);
  }

  private fire(): void {
    this.timer = null;
    if (!this.dirty || this.stopped) return;
    this.dirty = false;
    this.inFlight = true;
    this.lastSentAt = this.clock.now();
    this.send(() => {
      this.inFlight = false;
      if (this.dirty) this.schedule(0);
    });
  }
}
