import { describe, expect, it } from 'vitest';
import { LatestPush, type PushClock } from '../../../server/room/latestPush.ts';

/** A clock the test moves by hand: timers run when `advance` passes their time, in order. */
class FakeClock implements PushClock {
  private time = 0;
  private timers: { at: number; run: () => void }[] = [];
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const timer = { at: this.time + ms, run };
    this.timers.push(timer);
    return timer;
  };
  clearTimeout = (timer: unknown) => {
    this.timers = this.timers.filter((t) => t !== timer);
  };
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.run();
    }
    this.time = end;
  }
}

describe('pushes to the presenter are coalesced', () => {
  it('sends at most one push per interval however many changes come', () => {
    const clock = new FakeClock();
    let state = 0;
    const sent: number[] = [];
    const push = new LatestPush(
      (done) => {
        sent.push(state);
        done();
      },
      250,
      clock,
    );
    // 1,000 changes, one a millisecond, for one second.
    for (let i = 0; i < 1000; i++) {
      state = i;
      push.changed();
      clock.advance(1);
    }
    clock.advance(1000);
    expect(sent.length).toBeLessThanOrEqual(1000 / 250 + 1);
    // The last push carries the last state: nothing is lost, only intermediate states are skipped.
    expect(sent.at(-1)).toBe(999);
  });

  it('keeps one push in flight: a reader that stops reading is sent nothing more until it reads', () => {
    const clock = new FakeClock();
    let state = 0;
    const pending: (() => void)[] = [];
    const sent: number[] = [];
    const push = new LatestPush(
      (done) => {
        sent.push(state);
        pending.push(done);
      },
      100,
      clock,
    );
    for (let i = 1; i <= 500; i++) {
      state = i;
      push.changed();
      clock.advance(10);
    }
    expect(sent).toEqual([1]);
    pending.shift()!();
    clock.advance(100);
    expect(sent).toEqual([1, 500]);
  });

  it('gathers a burst of changes into one push', () => {
    const clock = new FakeClock();
    let count = 0;
    const push = new LatestPush(
      (done) => {
        count++;
        done();
      },
      100,
      clock,
    );
    for (let i = 0; i < 30; i++) push.changed(100);
    clock.advance(1000);
    expect(count).toBe(1);
    push.stop();
    push.changed();
    clock.advance(1000);
    expect(count).toBe(1);
  });
});
