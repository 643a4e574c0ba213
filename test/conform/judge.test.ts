import { describe, expect, it } from 'vitest';
import { findCase } from '../../src/conform/cases/index.ts';
import { isFailing, judge } from '../../src/conform/judge.ts';
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

describe('judge: the behaviour column (Autobahn case.py: received events against each expected outcome)', () => {
  it('passes an exact echo followed by a clean close, and fails any difference', () => {
    expect(judge(get('5.3'), observed([text('fragment1fragment2'), close(1000)]))).toMatchObject({
      result: 'pass',
      close: 'ok',
    });
    const split = judge(get('5.3'), observed([text('fragment1'), text('fragment2'), close(1000)]));
    expect(split.result).toBe('fail');
    expect(split.why?.en).toBe('expected text "fragment1fragment2" (18 B)');
    expect(split.why?.zh).toBe('应该收到 文本 "fragment1fragment2" (18 B)');
  });

  it('wants every pong for ten pings, as Autobahn does (2.10 has no non-strict outcome)', () => {
    expect(judge(get('2.10'), observed([pong('payload-9'), close(1000)])).result).toBe('fail');
    const all = Array.from({ length: 10 }, (_, i) => pong(`payload-${i}`));
    expect(judge(get('2.10'), observed([...all, close(1000)])).result).toBe('pass');
  });

  it('calls nothing echoed before the bad frame non-strict (3.2–3.4, 4.x.3–5, 5.15: NON_STRICT = [])', () => {
    for (const id of ['3.2', '3.3', '3.4', '4.1.3', '4.1.4', '4.1.5', '4.2.3', '4.2.4', '4.2.5', '5.15']) {
      const silent = judge(get(id), observed([close(1002)], { closedByMe: false }));
      expect([id, silent.result, silent.close]).toEqual([id, 'non-strict', 'ok']);
      expect(silent.why?.en).toContain('without answering what came before the bad frame');
    }
    expect(judge(get('3.2'), observed([text('Hello, world!'), close(1002)])).result).toBe('pass');
    // Echoing the bad frame or answering the ping after it is no outcome of the case.
    const more = judge(get('3.2'), observed([text('Hello, world!'), pong(''), close(1002)]));
    expect(more).toMatchObject({ result: 'fail', why: { en: 'answered what it must refuse: pong (0 B)' } });
  });

  it('judges 6.4.x by the wait the close came in: after part 1 fails, after part 2 passes, later is non-strict', () => {
    expect(judge(get('6.4.1'), observed([close(1007)], { closedBeforeStep: 2 }))).toMatchObject({
      result: 'fail',
      why: { en: 'failed the connection on the first part, which is valid UTF-8' },
    });
    expect(judge(get('6.4.1'), observed([close(1007)], { closedBeforeStep: 4 })).result).toBe('pass');
    expect(judge(get('6.4.1'), observed([close(1007)], { closedBeforeStep: 5 })).result).toBe('non-strict');
    expect(judge(get('6.4.4'), observed([], { closedBeforeStep: 1 })).result).toBe('fail');
  });

  it('fails a server whose own frames break the rules, and never judges an informational case', () => {
    const masked = observed([text('Hello'), close(1000)], { serverViolations: ['masked-server-frame (…)'] });
    expect(judge(get('ws101.1.3'), masked)).toMatchObject({
      result: 'informational',
      close: 'informational',
    });
    expect(judge(get('1.1.1'), masked).result).toBe('fail');
    expect(judge(get('1.1.1'), observed([], { handshakeError: 'ECONNRESET' }))).toMatchObject({
      result: 'fail',
      close: 'failed',
    });
  });
});

describe('judge: the close column (Autobahn expectedClose: closedByMe, closeCode, requireClean)', () => {
  it('keeps an unclean or wrong-code close out of the behaviour outside category 7', () => {
    const dropped = judge(get('1.1.1'), observed([text('')], { closedByMe: true }));
    expect(dropped).toMatchObject({ result: 'pass', close: 'unclean' });
    const wrong = judge(get('3.1'), observed([close(1000)], { closedByMe: false }));
    expect(wrong).toMatchObject({ result: 'pass', close: 'wrong-code' });
    expect(judge(get('6.3.1'), observed([close(1002)], { closedByMe: false }))).toMatchObject({
      result: 'pass',
      close: 'wrong-code',
      closeWhy: { en: 'closed with 1002; expected 1007 or no code' },
    });
  });

  it('accepts a dropped TCP connection where the server must fail, and says who had to close', () => {
    expect(judge(get('3.1'), observed([], { closedByMe: false }))).toMatchObject({
      result: 'pass',
      close: 'ok',
    });
    const open = judge(get('3.1'), observed([], { tcpClosedAt: null, timedOut: true, waitedMs: 1000 }));
    expect(open).toMatchObject({ result: 'pass', close: 'failed-by-client' });
    expect(open.observed.en).toContain('no close within 1000 ms');
    // UTF-8 cases: Autobahn's closedByWrongEndpointIsFatal.
    const echoedClose = judge(get('6.3.1'), observed([close(1000)], { closedByMe: true }));
    expect(echoedClose).toMatchObject({ result: 'fail', close: 'failed' });
  });

  it('fails the behaviour on a wrong code in category 7, where the code is the point', () => {
    expect(judge(get('7.7.10'), observed([close(3000)], { closedByMe: true })).result).toBe('pass');
    expect(judge(get('7.7.10'), observed([close(1000)], { closedByMe: true })).result).toBe('pass');
    expect(judge(get('7.7.10'), observed([close(1002)], { closedByMe: true }))).toMatchObject({
      result: 'fail',
      close: 'wrong-code',
    });
    expect(judge(get('7.9.1'), observed([close(1011)], { closedByMe: true })).result).toBe('fail');
    // A close that echoes a code that must never be sent (1005) is a wrong code: FAILED.
    expect(judge(get('7.9.4'), observed([close(1005)], { closedByMe: true })).result).toBe('fail');
    // 7.9.5 sends 1006; answering with 1000 is not the protocol error it is.
    expect(judge(get('7.9.5'), observed([close(1000)], { closedByMe: true })).result).toBe('fail');
  });

  it('accepts a close with no code in 7.3.2 (§7.1.7 only says SHOULD), and a dropped TCP', () => {
    expect(judge(get('7.3.2'), observed([close(null)], { closedByMe: true }))).toMatchObject({
      result: 'pass',
      close: 'ok',
    });
    expect(judge(get('7.3.2'), observed([], { closedByMe: true }))).toMatchObject({
      result: 'pass',
      close: 'ok',
    });
    expect(judge(get('7.3.2'), observed([close(1000)], { closedByMe: true })).result).toBe('fail');
  });

  it('fails the close column when the server, not the client, starts the closing handshake of an echo case', () => {
    const early = judge(get('1.1.1'), observed([text(''), close(1000)], { closedByMe: false }));
    expect(early).toMatchObject({ result: 'pass', close: 'failed' });
    expect(isFailing(early)).toBe(true);
    expect(isFailing(judge(get('3.1'), observed([], { tcpClosedAt: null, timedOut: true })))).toBe(false);
  });
});

describe('judge: 12.x/13.x, permessage-deflate (Autobahn case12_x_x.py)', () => {
  const deflate = (more: Partial<NonNullable<Observation['deflate']>>) => ({
    accepted: 'permessage-deflate',
    echoed: 1000,
    mismatch: null,
    payloadBytes: 16_000,
    wireBytes: 30_000,
    ...more,
  });

  it('calls a server that declines the extension UNIMPLEMENTED, and still judges its close', () => {
    const declined = judge(
      get('12.1.1'),
      observed([close(1000)], { closedByMe: true, deflate: deflate({ accepted: null, echoed: 0 }) }),
    );
    expect(declined).toMatchObject({ result: 'unimplemented', close: 'ok' });
    expect(isFailing(declined)).toBe(false);
    const dropped = judge(
      get('13.3.1'),
      observed([], { closedByMe: true, tcpClosedAt: null, deflate: deflate({ accepted: null, echoed: 0 }) }),
    );
    expect(dropped).toMatchObject({ result: 'unimplemented', close: 'unclean' });
  });

  it('passes all 1,000 echoes equal and a clean 1000; fails a wrong echo or too few in time', () => {
    const clean = { closedByMe: true };
    expect(judge(get('12.1.1'), observed([close(1000)], { ...clean, deflate: deflate({}) }))).toMatchObject({
      result: 'pass',
      close: 'ok',
    });
    const wrong = judge(
      get('12.2.11'),
      observed([close(1000)], {
        ...clean,
        deflate: deflate({ echoed: 41, mismatch: 'message 42 came back with other bytes' }),
      }),
    );
    expect(wrong.result).toBe('fail');
    expect(wrong.why?.en).toBe('message 42 came back with other bytes');
    const slow = judge(
      get('13.7.18'),
      observed([close(1000)], { ...clean, timedOut: true, deflate: deflate({ echoed: 999 }) }),
    );
    expect(slow).toMatchObject({
      result: 'fail',
      why: { en: '999 of 1000 echoes came back (the case allows 480 s)' },
    });
  });

  it('wants our close answered with 1000 (closedByMe, requireClean), as Autobahn’s expectedClose says', () => {
    const other = judge(get('12.1.1'), observed([close(1001)], { closedByMe: true, deflate: deflate({}) }));
    expect(other).toMatchObject({ result: 'pass', close: 'wrong-code' });
    const first = judge(get('12.1.1'), observed([close(1000)], { closedByMe: false, deflate: deflate({}) }));
    expect(first).toMatchObject({ close: 'failed' });
  });

  it('fails a server whose own frames break the rules (RSV1 on a continuation)', () => {
    const broken = judge(
      get('12.1.11'),
      observed([close(1000)], {
        closedByMe: true,
        serverViolations: ['rsv1-on-continuation-or-control'],
        deflate: deflate({}),
      }),
    );
    expect(broken.result).toBe('fail');
  });
});
