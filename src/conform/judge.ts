import type { Bilingual } from '../protocol/index.ts';
import { describeEvent, describeExpectation, describeObservation, describeReply } from './describe.ts';
import type { CaseDef, Observation, Reply, Result } from './types.ts';

/** The verdict on one case: a result and, when it is not a plain pass, the reason, in both languages. */
export type Verdict = {
  readonly result: Result;
  readonly expected: Bilingual;
  readonly observed: Bilingual;
  readonly why?: Bilingual;
};

type Got = { kind: string; payload: Uint8Array };

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function matches(got: readonly Got[], wanted: readonly Reply[]): boolean {
  return (
    got.length === wanted.length &&
    got.every((g, i) => g.kind === wanted[i]!.kind && same(g.payload, wanted[i]!.payload))
  );
}

/** §5.5.3: a server may answer only the latest of several pings, so any in-order subset of the pongs will do. */
function isPongSubset(got: readonly Got[], wanted: readonly Reply[]): boolean {
  let j = 0;
  for (const g of got) {
    while (j < wanted.length && !(wanted[j]!.kind === g.kind && same(wanted[j]!.payload, g.payload))) j++;
    if (j === wanted.length) return false;
    j++;
  }
  return got.length > 0 && got.every((g) => g.kind === 'pong');
}

const asReply = (g: Got): Reply => ({ kind: g.kind as Reply['kind'], payload: g.payload });
const both = (make: (lang: 'en' | 'zh') => string): Bilingual => ({ en: make('en'), zh: make('zh') });

/** Judges what a server did against what the case expects. Pure: the same observation, the same verdict. */
export function judge(def: CaseDef, observation: Observation): Verdict {
  const expected = both((lang) => describeExpectation(def.expect, lang));
  const observed = both((lang) => describeObservation(observation, lang));
  const verdict = (result: Result, why?: Bilingual): Verdict =>
    why === undefined ? { result, expected, observed } : { result, expected, observed, why };
  if (observation.handshakeError)
    return verdict('fail', { en: 'the opening handshake failed', zh: '开始握手失败' });
  const closeIndex = observation.events.findIndex((e) => e.kind === 'close');
  const close = closeIndex < 0 ? null : observation.events[closeIndex]!;
  const beforeClose = (closeIndex < 0 ? observation.events : observation.events.slice(0, closeIndex)).filter(
    (e): e is Extract<typeof e, { payload: Uint8Array }> => e.kind !== 'close' && e.kind !== 'ping',
  );
  const expect = def.expect;
  const waited = Math.round(observation.waitedMs);

  if (expect.kind === 'informational') return verdict('informational');
  if (observation.serverViolations.length > 0)
    return verdict('fail', { en: "the server's own frames break the RFC", zh: '服务端自己的帧违反了 RFC' });

  if (expect.kind === 'echo') {
    let result: Result = 'pass';
    let why: Bilingual | undefined;
    if (!matches(beforeClose, expect.replies)) {
      if (expect.fewerPongsNonStrict && isPongSubset(beforeClose, expect.replies)) {
        result = 'non-strict';
        why = {
          en: `answered ${beforeClose.length} of ${expect.replies.length} pings (allowed, §5.5.3)`,
          zh: `只回应了 ${expect.replies.length} 个 Ping 中的 ${beforeClose.length} 个（允许，§5.5.3）`,
        };
      } else {
        return verdict(
          'fail',
          both((lang) => {
            const wanted = expect.replies.map((r) => describeReply(r, lang)).join(', ');
            return lang === 'en' ? `expected ${wanted || 'nothing back'}` : `应该收到 ${wanted || '无'}`;
          }),
        );
      }
    }
    if (close?.kind !== 'close') {
      return verdict(
        'fail',
        observation.timedOut
          ? { en: 'the close was never answered', zh: 'Close 一直没有得到回应' }
          : { en: 'TCP dropped instead of a close handshake', zh: 'TCP 直接断开，没有关闭握手' },
      );
    }
    const allowed = expect.closeCodes ?? [1000];
    if (!allowed.includes(close.code)) {
      return verdict(
        'fail',
        both(
          (lang) =>
            `${lang === 'en' ? 'answered our close with' : '用以下方式回应我们的 Close：'} ${describeEvent(close, lang)}`,
        ),
      );
    }
    return verdict(result, why);
  }

  // expect.kind === 'fail'
  const before = expect.before ?? [];
  if (!matches(beforeClose, before)) {
    const extra = beforeClose.slice(before.length);
    return verdict(
      'fail',
      extra.length > 0
        ? both((lang) => {
            const items = extra.map((g) => describeReply(asReply(g), lang)).join(', ');
            return lang === 'en'
              ? `answered what it must refuse: ${items}`
              : `回应了本该拒绝的内容：${items}`;
          })
        : { en: 'did not answer what came before the bad frame', zh: '没有回应坏帧之前的内容' },
    );
  }
  if (observation.timedOut) {
    return verdict('fail', {
      en: `kept the connection open (waited ${waited} ms)`,
      zh: `连接一直开着（等了 ${waited} 毫秒）`,
    });
  }
  let result: Result = 'pass';
  let why: Bilingual | undefined;
  if (close && close.kind === 'close' && !expect.codes.includes(close.code ?? -1)) {
    const wanted = expect.codes.join(' / ');
    if (close.code === 1000 || close.code === null) {
      return verdict(
        'fail',
        both((lang) =>
          lang === 'en'
            ? `answered with ${describeEvent(close, lang)}, as if nothing were wrong`
            : `回应 ${describeEvent(close, lang)}，好像什么问题都没有`,
        ),
      );
    }
    if (expect.wrongCodeFails) {
      return verdict('fail', {
        en: `closed with ${describeEvent(close)}, not ${wanted}`,
        zh: `用 ${describeEvent(close, 'zh')} 关闭，而不是 ${wanted}`,
      });
    }
    result = 'non-strict';
    why = {
      en: `failed the connection, but with ${describeEvent(close)}; §7.4.1 names ${wanted}`,
      zh: `让连接失败了，但用的是 ${describeEvent(close, 'zh')}；§7.4.1 规定的是 ${wanted}`,
    };
  }
  if (
    expect.failFastBefore !== undefined &&
    (observation.closedBeforeStep ?? Number.POSITIVE_INFINITY) > expect.failFastBefore
  ) {
    result = 'non-strict';
    why = {
      en: 'failed only once the whole message had arrived, not as soon as the bytes could no longer be UTF-8',
      zh: '整条消息到齐后才失败，而不是在字节不可能再是 UTF-8 的那一刻',
    };
  }
  return verdict(result, why);
}
