import { describe, expect, it } from 'vitest';
import { findCase } from '../../src/conform/cases/index.ts';
import { judge } from '../../src/conform/judge.ts';
import type { CaseDef, Observation, ObservedEvent } from '../../src/conform/types.ts';

const encoder = new TextEncoder();
const text = (s: string, at = 1): ObservedEvent => ({ at, kind: 'text', payload: encoder.encode(s) });
const pong = (s: string, at = 1): ObservedEvent => ({ at, kind: 'pong', payload: encoder.encode(s) });
const close = (code: number | null, at = 2): ObservedEvent => ({ at, kind: 'close', code, reason: '' });

function observed(events: ObservedEvent[], more: Partial<Observation> = {}): Observation {
  return {
    handshakeError: null,
    events,
    serverViolations: [],
    closedBeforeStep: null,
    tcpClosedAt: 3,
    waitedMs: 2,
    timedOut: false,
    durationMs: 5,
    transcript: [],
    ...more,
  };
}

const get = (id: string): CaseDef => findCase(id)!;

describe('judge', () => {
  it('passes an exact echo followed by a clean close, and fails any difference', () => {
    expect(judge(get('5.3'), observed([text('fragment1fragment2'), close(1000)])).result).toBe('pass');
    const split = judge(get('5.3'), observed([text('fragment1'), text('fragment2'), close(1000)]));
    expect(split.result).toBe('fail');
    expect(split.why?.en).toBe('expected text "fragment1fragment2" (18 B)');
    expect(split.why?.zh).toBe('应该收到 文本 "fragment1fragment2" (18 B)');
  });

  it('calls fewer pongs for ten pings non-strict (§5.5.3 allows answering only the latest)', () => {
    const verdict = judge(get('2.10'), observed([pong('payload-9'), close(1000)]));
    expect(verdict.result).toBe('non-strict');
    expect(verdict.why?.en).toContain('answered 1 of 10 pings');
    expect(judge(get('2.10'), observed([pong('something else'), close(1000)])).result).toBe('fail');
  });

  it('wants a close handshake, not a dropped connection, after an echo', () => {
    const dropped = judge(get('1.1.1'), observed([text('')]));
    expect(dropped).toMatchObject({
      result: 'fail',
      why: { en: 'TCP dropped instead of a close handshake' },
    });
    expect(judge(get('7.7.10'), observed([close(3000)])).result).toBe('pass'); // echoed code
    expect(judge(get('7.7.10'), observed([close(1000)])).result).toBe('pass'); // or a normal close
    expect(judge(get('7.7.10'), observed([close(1002)])).result).toBe('fail');
  });

  it('accepts a dropped TCP connection where the server must fail, and judges the close code', () => {
    expect(judge(get('3.1'), observed([])).result).toBe('pass');
    expect(judge(get('3.1'), observed([close(1002)])).result).toBe('pass');
    expect(judge(get('6.3.1'), observed([close(1002)]))).toMatchObject({
      result: 'non-strict',
      why: { en: expect.stringContaining('§7.4.1 names 1007') },
    });
    expect(judge(get('3.1'), observed([close(1000)]))).toMatchObject({
      result: 'fail',
      why: { en: 'answered with close 1000, as if nothing were wrong' },
    });
    // For an invalid close code the code is the point: the wrong one fails.
    expect(judge(get('7.9.1'), observed([close(1011)])).result).toBe('fail');
    const open = judge(get('3.1'), observed([], { tcpClosedAt: null, timedOut: true, waitedMs: 1000 }));
    expect(open).toMatchObject({ result: 'fail', why: { en: 'kept the connection open (waited 1000 ms)' } });
    expect(open.observed.en).toContain('no close within 1000 ms');
  });

  it('tells a fail-fast close from a late one (6.4.x)', () => {
    expect(judge(get('6.4.1'), observed([close(1007)], { closedBeforeStep: 4 })).result).toBe('pass');
    expect(judge(get('6.4.1'), observed([close(1007)], { closedBeforeStep: 5 })).result).toBe('non-strict');
  });

  it('fails a server whose own frames break the rules, and never judges an informational case', () => {
    const masked = observed([text('Hello'), close(1000)], { serverViolations: ['masked-server-frame (…)'] });
    expect(judge(get('ws101.1.3'), masked).result).toBe('informational');
    expect(judge(get('1.1.1'), masked).result).toBe('fail');
    expect(judge(get('1.1.1'), observed([], { handshakeError: 'ECONNRESET' })).result).toBe('fail');
  });
});
