import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/session/backoff.ts';
import { LatencyMeter } from '../../src/session/latency.ts';
import { Timeline } from '../../src/session/timeline.ts';

describe('reconnecting with backoff', () => {
  it('doubles from the base, with half of it random, up to the cap', () => {
    const options = { baseMs: 500, maxMs: 10_000 };
    expect(backoffDelay(1, options, () => 0)).toBe(250);
    expect(backoffDelay(1, options, () => 1)).toBe(500);
    expect(backoffDelay(3, options, () => 1)).toBe(2000);
    expect(backoffDelay(50, options, () => 1)).toBe(10_000);
    expect(backoffDelay(50, options, () => 0)).toBe(5000);
  });
});

describe('the timeline and the latency meter stay bounded', () => {
  it('keeps the last entries and counts all', () => {
    const timeline = new Timeline(10);
    for (let i = 0; i < 100; i++) timeline.add({ kind: 'dropped', t: i, connection: null, count: 1 });
    expect(timeline.total).toBe(100);
    expect(timeline.list()).toHaveLength(10);
    expect(timeline.list().at(-1)!.t).toBe(99);
  });

  it('gives percentiles of the recent samples', () => {
    const meter = new LatencyMeter(100);
    for (let i = 1; i <= 100; i++) meter.add(i);
    expect(meter.percentile(50)).toBe(50);
    expect(meter.percentile(95)).toBe(95);
    expect(meter.summary().count).toBe(100);
  });
});
