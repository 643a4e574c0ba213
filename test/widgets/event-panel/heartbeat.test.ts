import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../src/session/index.ts';
import { isHeartbeat } from '../../../src/widgets/event-panel/timelineView.ts';

const base = { id: 1, t: 0, connection: 7 } as const;
const base64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');

describe("the event panel's heartbeat row", () => {
  it("takes the server's heartbeat pings (payload `hb N`), their pongs and round trips", () => {
    const entries: TimelineEntry[] = [
      { ...base, kind: 'ping', direction: 'server', preview: 'hb 3', frameSeq: 1 },
      { ...base, kind: 'pong', direction: 'client', preview: 'hb 3', frameSeq: 2 },
      { ...base, kind: 'rtt', rttMs: 1.5, preview: base64('hb 3') },
    ];
    expect(entries.map(isHeartbeat)).toEqual([true, true, true]);
  });

  it('takes them with the 4 random bytes the server now adds (`hb 3 52ce4382`, server/heartbeat.ts)', () => {
    const entries: TimelineEntry[] = [
      { ...base, kind: 'ping', direction: 'server', preview: 'hb 3 52ce4382', frameSeq: 1 },
      { ...base, kind: 'pong', direction: 'client', preview: 'hb 3 52ce4382', frameSeq: 2 },
      { ...base, kind: 'rtt', rttMs: 1.5, preview: base64('hb 3 52ce4382') },
    ];
    expect(entries.map(isHeartbeat)).toEqual([true, true, true]);
  });

  it('leaves a ping asked for on a slide, and everything else, in the list', () => {
    const entries: TimelineEntry[] = [
      { ...base, kind: 'ping', direction: 'server', preview: 'ws101', frameSeq: 1 },
      { ...base, kind: 'rtt', rttMs: 1.5, preview: base64('ws101') },
      { ...base, kind: 'ping', direction: 'server', preview: 'hb 3 and more', frameSeq: 1 },
      { ...base, kind: 'notice', name: 'hb 1', message: 'hb 1' },
    ];
    expect(entries.map(isHeartbeat)).toEqual([false, false, false, false]);
  });
});
