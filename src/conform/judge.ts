import type { Bilingual } from '../protocol/index.ts';
import { describeExpectation, describeObservation, describeReply } from './describe.ts';
import { strings, t } from './strings.ts';
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
      closeWhy: rules.closedByMe ? strings.both('serverClosedFirst') : strings.both('clientHadToClose'),
    };
  }
  if (rules.requireClean && !wasClean) {
    return {
      closedByMe,
      close: 'unclean',
      closeWhy: strings.both('noCleanClose'),
    };
  }
  const code = serverClose?.kind === 'close' ? serverClose.code : null;
  if (code !== null && !rules.codes.includes(code)) {
    return {
      closedByMe,
      close: 'wrong-code',
      closeWhy: both((lang) => t(lang, 'wrongCode', { code, codes: rules.codes.join(t(lang, 'or')) })),
    };
  }
  if (droppedByMe) {
    return {
      closedByMe,
      close: 'failed-by-client',
      closeWhy: strings.both('clientDroppedTcp'),
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
      why: strings.both('failedOnValidPart'),
    };
  }
  if (step !== null && step <= rule.strictBefore) return { result: 'pass' };
  return {
    result: 'non-strict',
    why: strings.both('failedLate'),
  };
}

/** Judges what a server did against what the case expects. Pure: the same observation, the same verdict. */
export function judge(def: CaseDef, observation: Observation): Verdict {
  const expected = both((lang) => describeExpectation(def.expect, lang));
  const observed = both((lang) => describeObservation(observation, lang));
  if (observation.handshakeError) {
    const why = strings.both('openingHandshakeFailed');
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

  if (observation.serverViolations.length > 0) return out('fail', strings.both('serverFramesBreakRfc'));
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
          ? strings.both('failedWithoutAnswering')
          : strings.both('matchedNonStrict'),
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
      why: strings.both('neverFailed'),
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
      why: strings.both('deflateDeclined'),
    };
  if (outcome.mismatch !== null)
    return {
      result: 'fail',
      why: strings.both('deflateMismatch', { mismatch: outcome.mismatch }),
    };
  if (outcome.echoed < count) {
    const seconds = def.deflate?.waitSeconds ?? 0;
    return {
      result: 'fail',
      why: strings.both('deflateTooFewEchoes', { echoed: outcome.echoed, count, seconds }),
    };
  }
  return { result: 'pass' };
}

function mismatchWhy(got: readonly Got[], wanted: readonly Reply[], mustFail: boolean): Bilingual {
  const extra = got.slice(wanted.length);
  if (mustFail && extra.length > 0) {
    return both((lang) => {
      const items = extra.map((g) => describeReply(asReply(g), lang)).join(', ');
      return t(lang, 'answeredMustRefuse', { items });
    });
  }
  return both((lang) => {
    const replies = wanted.map((r) => describeReply(r, lang)).join(', ');
    return t(lang, 'expectedBack', { replies: replies || t(lang, 'nothingBack') });
  });
}

/** Whether a verdict makes the run fail (exit 1): a FAILED behaviour, or a FAILED close column. */
export function isFailing(verdict: Pick<Verdict, 'result' | 'close'>): boolean {
  return verdict.result === 'fail' || verdict.close === 'failed';
}
