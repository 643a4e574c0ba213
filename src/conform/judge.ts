import type { Bilingual } from '../protocol/index.ts';
import { describeExpectation, describeObservation, describeReply } from './describe.ts';
import type {
  CaseDef,
  CloseResult,
  Expectation,
  Observation,
  ObservedEvent,
  Reply,
  Result,
} from './types.ts';

/**
 * The verdict on one case, in Autobahn|Testsuite's two columns: the behaviour (what came back) and the
 * closing handshake (who closed, with which code, whether cleanly). Each with its reason when it is not
 * plain OK, in both languages. docs/conform-autobahn.md maps every rule to Autobahn's case files.
 */
export type Verdict = {
  readonly result: Result;
  readonly close: CloseResult;
  readonly expected: Bilingual;
  readonly observed: Bilingual;
  readonly why?: Bilingual;
  readonly closeWhy?: Bilingual;
};

type Got = { kind: string; payload: Uint8Array };

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Autobahn compares the whole list of events it received with each expected outcome. */
function matches(got: readonly Got[], wanted: readonly Reply[], lengthsOnly = false): boolean {
  return (
    got.length === wanted.length &&
    got.every(
      (g, i) =>
        g.kind === wanted[i]!.kind &&
        (lengthsOnly ? g.payload.length === wanted[i]!.payload.length : same(g.payload, wanted[i]!.payload)),
    )
  );
}

const asReply = (g: Got): Reply => ({ kind: g.kind as Reply['kind'], payload: g.payload });
const both = (make: (lang: 'en' | 'zh') => string): Bilingual => ({ en: make('en'), zh: make('zh') });

/** Whether the case's own steps send a close: then ours starts the closing handshake (closedByMe). */
export function stepsSendClose(def: CaseDef): boolean {
  return def.steps.some(
    (s) => 'send' in s && s.send.some((f) => f.opcode === 0x8 && !f.rsv1 && !f.rsv2 && !f.rsv3),
  );
}

/** Autobahn's expectedClose, derived from the case: who should close first, which codes, clean or not. */
export function expectedClose(def: CaseDef): {
  closedByMe: boolean;
  codes: readonly number[];
  requireClean: boolean;
} {
  const expect = def.expect;
  if (expect.kind === 'informational') return { closedByMe: true, codes: [], requireClean: false };
  // Autobahn's 12.x/13.x: closedByMe, 1000, requireClean.
  if (expect.kind === 'deflate-echo') return { closedByMe: true, codes: [1000], requireClean: true };
  if (expect.kind === 'echo')
    return {
      closedByMe: true,
      codes: expect.closeCodes ?? [1000],
      requireClean: expect.requireClean ?? true,
    };
  return { closedByMe: stepsSendClose(def), codes: expect.codes, requireClean: expect.requireClean ?? false };
}

type CloseVerdict = { close: CloseResult; closeWhy?: Bilingual; closedByMe: boolean };

/** Autobahn's `behaviorClose`, rule by rule in its order (case.py, onConnectionLost). */
function judgeClose(def: CaseDef, observation: Observation, serverClose: ObservedEvent | null): CloseVerdict {
  const rules = expectedClose(def);
  const closedByMe = observation.closedByMe ?? rules.closedByMe;
  const droppedByMe = observation.tcpClosedAt === null;
  // Clean: both close frames crossed and the server, not we, ended TCP (§7.1.1).
  const wasClean = serverClose !== null && !droppedByMe;
  if (closedByMe !== rules.closedByMe) {
    return {
      closedByMe,
      close: 'failed',
      closeWhy: rules.closedByMe
        ? { en: 'the server closed first; the client should have', zh: '服务端先关闭了；本该由客户端关闭' }
        : {
            en: 'the server never failed the connection; the client had to close',
            zh: '服务端一直没有让连接失败；只好由客户端关闭',
          },
    };
  }
  if (rules.requireClean && !wasClean) {
    return {
      closedByMe,
      close: 'unclean',
      closeWhy: {
        en: 'no clean closing handshake (close frames both ways, then the server ends TCP)',
        zh: '没有干净的关闭握手（双方互发 Close，然后由服务端断开 TCP）',
      },
    };
  }
  const code = serverClose?.kind === 'close' ? serverClose.code : null;
  if (code !== null && !rules.codes.includes(code)) {
    return {
      closedByMe,
      close: 'wrong-code',
      closeWhy: {
        en: `closed with ${code}; expected ${rules.codes.join(' or ')} or no code`,
        zh: `关闭码是 ${code}；应该是 ${rules.codes.join(' 或 ')} 或不带关闭码`,
      },
    };
  }
  if (droppedByMe) {
    return {
      closedByMe,
      close: 'failed-by-client',
      closeWhy: {
        en: 'the client had to drop TCP; the server should end it',
        zh: '只好由客户端断开 TCP；本该由服务端断开',
      },
    };
  }
  return { closedByMe, close: 'ok' };
}

/** Autobahn's 6.4.x: the outcome is which wait the server's close came in. */
function failFastResult(
  rule: NonNullable<Extract<Expectation, { kind: 'fail' }>['failFast']>,
  observation: Observation,
): { result: Result; why?: Bilingual } {
  const step = observation.timedOut ? null : observation.closedBeforeStep;
  if (step !== null && step <= rule.tooEarlyBefore) {
    return {
      result: 'fail',
      why: {
        en: 'failed the connection on the first part, which is valid UTF-8',
        zh: '在第一部分（合法的 UTF-8）就让连接失败了',
      },
    };
  }
  if (step !== null && step <= rule.strictBefore) return { result: 'pass' };
  return {
    result: 'non-strict',
    why: {
      en: 'failed only once the whole message had arrived, not as soon as the bytes could no longer be UTF-8',
      zh: '整条消息到齐后才失败，而不是在字节不可能再是 UTF-8 的那一刻',
    },
  };
}

/** Judges what a server did against what the case expects. Pure: the same observation, the same verdict. */
export function judge(def: CaseDef, observation: Observation): Verdict {
  const expected = both((lang) => describeExpectation(def.expect, lang));
  const observed = both((lang) => describeObservation(observation, lang));
  if (observation.handshakeError) {
    const why = { en: 'the opening handshake failed', zh: '开始握手失败' };
    return { result: 'fail', close: 'failed', expected, observed, why, closeWhy: why };
  }
  const expect = def.expect;
  if (expect.kind === 'informational')
    return { result: 'informational', close: 'informational', expected, observed };

  const closeIndex = observation.events.findIndex((e) => e.kind === 'close');
  const serverClose = closeIndex < 0 ? null : observation.events[closeIndex]!;
  // Autobahn lists what it received before the close; a server's own heartbeat pings are left out.
  const got = (closeIndex < 0 ? observation.events : observation.events.slice(0, closeIndex)).filter(
    (e): e is Extract<typeof e, { payload: Uint8Array }> => e.kind !== 'close' && e.kind !== 'ping',
  );
  const closeVerdict = judgeClose(def, observation, serverClose);
  const out = (result: Result, why?: Bilingual): Verdict => ({
    result,
    close: closeVerdict.close,
    expected,
    observed,
    ...(why === undefined ? {} : { why }),
    ...(closeVerdict.closeWhy === undefined ? {} : { closeWhy: closeVerdict.closeWhy }),
  });

  if (observation.serverViolations.length > 0)
    return out('fail', { en: "the server's own frames break the RFC", zh: '服务端自己的帧违反了 RFC' });
  if (expect.kind === 'deflate-echo') {
    const verdict = judgeDeflate(def, observation);
    return out(verdict.result, verdict.why);
  }

  const ok =
    expect.kind === 'echo'
      ? Array.from({ length: expect.times ?? 1 }, () => expect.replies).flat()
      : (expect.before ?? []);
  const lengthsOnly = expect.kind === 'echo' && expect.lengthsOnly === true;
  let behaviour: { result: Result; why?: Bilingual };
  if (matches(got, ok, lengthsOnly)) behaviour = { result: 'pass' };
  else if (expect.nonStrict !== undefined && matches(got, expect.nonStrict, lengthsOnly))
    behaviour = {
      result: 'non-strict',
      why:
        expect.nonStrict.length === 0
          ? {
              en: 'failed the connection without answering what came before the bad frame (allowed)',
              zh: '让连接失败了，但没有回应坏帧之前的内容（允许）',
            }
          : { en: "matched Autobahn's non-strict outcome", zh: '符合 Autobahn 的“不严格”结果' },
    };
  else behaviour = { result: 'fail', why: mismatchWhy(got, ok, expect.kind === 'fail') };

  if (behaviour.result !== 'fail' && expect.kind === 'fail' && expect.failFast)
    behaviour = failFastResult(expect.failFast, observation);

  const rules = expectedClose(def);
  if (expect.wrongCodeFails && closeVerdict.close === 'wrong-code')
    behaviour = { result: 'fail', why: closeVerdict.closeWhy! };
  if (expect.kind === 'fail' && expect.wrongEndpointFails && closeVerdict.closedByMe !== rules.closedByMe)
    behaviour = {
      result: 'fail',
      why: {
        en: 'the server never failed the connection, so it did not see the bad bytes',
        zh: '服务端一直没有让连接失败，说明它没有发现坏字节',
      },
    };
  return out(behaviour.result, behaviour.why);
}

/** Autobahn's case12_x_x.py: UNIMPLEMENTED without the extension, else every echo equal, in time. */
function judgeDeflate(def: CaseDef, observation: Observation): { result: Result; why?: Bilingual } {
  const outcome = observation.deflate;
  const count = def.deflate?.count ?? 0;
  if (!outcome || outcome.accepted === null)
    return {
      result: 'unimplemented',
      why: { en: 'the server did not accept permessage-deflate', zh: '服务端没有接受 permessage-deflate' },
    };
  if (outcome.mismatch !== null)
    return {
      result: 'fail',
      why: { en: outcome.mismatch, zh: `回显与发送的不同：${outcome.mismatch}` },
    };
  if (outcome.echoed < count) {
    const seconds = def.deflate?.waitSeconds ?? 0;
    return {
      result: 'fail',
      why: {
        en: `${outcome.echoed} of ${count} echoes came back (the case allows ${seconds} s)`,
        zh: `${count} 条回显只收到 ${outcome.echoed} 条（本用例限时 ${seconds} 秒）`,
      },
    };
  }
  return { result: 'pass' };
}

function mismatchWhy(got: readonly Got[], wanted: readonly Reply[], mustFail: boolean): Bilingual {
  const extra = got.slice(wanted.length);
  if (mustFail && extra.length > 0) {
    return both((lang) => {
      const items = extra.map((g) => describeReply(asReply(g), lang)).join(', ');
      return lang === 'en' ? `answered what it must refuse: ${items}` : `回应了本该拒绝的内容：${items}`;
    });
  }
  return both((lang) => {
    const list = wanted.map((r) => describeReply(r, lang)).join(', ');
    return lang === 'en' ? `expected ${list || 'nothing back'}` : `应该收到 ${list || '无'}`;
  });
}

/** Whether a verdict makes the run fail (exit 1): a FAILED behaviour, or a FAILED close column. */
export function isFailing(verdict: Pick<Verdict, 'result' | 'close'>): boolean {
  return verdict.result === 'fail' || verdict.close === 'failed';
}
