import { describe, expect, it } from 'vitest';
import type { ControlRow } from '../../../src/capture/index.ts';
import { replayEventsUpTo } from '../../../src/widgets/frame-inspector/loadedConnection.ts';

// A ping on every third frame, 60 of them: frames 3, 6, …, 180.
const controls: ControlRow[] = Array.from({ length: 60 }, (_, i) => ({
  seq: (i + 1) * 3,
  sender: i % 2 === 0 ? 'client' : 'server',
  timestampMicros: (i + 1) * 1_000_000,
  kind: 'ping',
  text: `p${i + 1}`,
  code: null,
}));

describe('the replay events up to a position', () => {
  it('gives the control frames at or before the position, oldest first, in the panel’s shape', () => {
    const events = replayEventsUpTo(controls, 10);
    expect(events.map((e) => e.seq)).toEqual([3, 6, 9]);
    expect(events[0]).toEqual({ seq: 3, t: 1000, direction: 'client', kind: 'ping', text: 'p1', code: null });
  });

  it('counts a control frame exactly at the position, and none before the first', () => {
    expect(replayEventsUpTo(controls, 9).map((e) => e.seq)).toEqual([3, 6, 9]);
    expect(replayEventsUpTo(controls, 2)).toEqual([]);
  });

  it('keeps only the last 40 once more have passed', () => {
    const events = replayEventsUpTo(controls, 1000);
    expect(events).toHaveLength(40);
    expect(events[0]!.seq).toBe(63);
    expect(events.at(-1)!.seq).toBe(180);
  });
});
