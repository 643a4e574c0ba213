import type { Bilingual, Language } from '../protocol/index.ts';
import type { Expectation, Observation, ObservedEvent, Reply } from './types.ts';

/** Plain-words descriptions of what a case expects and what it saw, in both languages, for every report. */

const textDecoder = new TextDecoder();
const kinds: Record<string, Bilingual> = {
  text: { en: 'text', zh: '文本' },
  binary: { en: 'binary', zh: '二进制' },
  pong: { en: 'pong', zh: 'Pong' },
  ping: { en: 'ping', zh: 'Ping' },
};

/**
 * Text from the server, made safe to print: control characters (a terminal would obey an ESC sequence a
 * hostile server sent) are written as \xNN, and U+FFFD stands where bytes were not UTF-8.
 */
export function printable(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

function payloadText(kind: string, payload: Uint8Array, lang: Language): string {
  const name = kinds[kind]?.[lang] ?? kind;
  const size = `${payload.length} B`;
  if (payload.length === 0) return `${name} (0 B)`;
  if (kind === 'text') {
    const text = textDecoder.decode(payload.subarray(0, 40));
    return `${name} "${printable(text)}${payload.length > 40 ? '…' : ''}" (${size})`;
  }
  const hex = [...payload.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `${name} ${hex}${payload.length > 8 ? ' …' : ''} (${size})`;
}

export function describeReply(reply: Reply, lang: Language = 'en'): string {
  return payloadText(reply.kind, reply.payload, lang);
}

export function describeEvent(event: ObservedEvent, lang: Language = 'en'): string {
  if (event.kind === 'close') {
    const code =
      event.code === null ? (lang === 'en' ? 'close (no code)' : 'Close（无关闭码）') : `close ${event.code}`;
    return event.reason ? `${code} "${printable(event.reason.slice(0, 40))}"` : code;
  }
  return payloadText(event.kind, event.payload, lang);
}

const words = {
  nothing: { en: 'nothing', zh: '无' },
  back: { en: 'back', zh: '收到' },
  or: { en: ' or ', zh: ' 或 ' },
  emptyClose: { en: 'an empty close', zh: '空 Close' },
} satisfies Record<string, Bilingual>;

const list = (items: string[], lang: Language) =>
  items.length === 0 ? words.nothing[lang] : items.join(', ');
const codes = (values: readonly number[], lang: Language) =>
  [...values.map(String), words.emptyClose[lang]].join(words.or[lang]);

export function describeExpectation(expect: Expectation, lang: Language = 'en'): string {
  switch (expect.kind) {
    case 'echo': {
      const replies = list(
        expect.replies.map((r) => describeReply(r, lang)),
        lang,
      );
      const close = codes(expect.closeCodes ?? [1000], lang);
      const how = expect.lengthsOnly ? (lang === 'en' ? ' (compared by length)' : '（按长度比较）') : '';
      return lang === 'en'
        ? `back: ${replies}${how}; then a clean close (${close})`
        : `收到：${replies}${how}；然后干净地关闭（${close}）`;
    }
    case 'fail': {
      const before = (expect.before ?? []).map((r) => describeReply(r, lang));
      const close = codes(expect.codes, lang);
      const silent = expect.nonStrict?.length === 0 && before.length > 0;
      if (lang === 'zh') {
        const fast = expect.failFast === undefined ? '' : '，字节一旦不可能合法就立即失败';
        const ns = silent ? '（什么都不回应也可以：不严格）' : '';
        return `${before.length ? `收到：${list(before, lang)}${ns}；然后` : ''}服务端让连接失败${fast}：Close ${close} 或断开 TCP，不回显任何内容`;
      }
      const fast = expect.failFast === undefined ? '' : ', as soon as the bytes cannot be valid (fail fast)';
      const ns = silent ? ' (or nothing: non-strict)' : '';
      return `${before.length ? `back: ${list(before, lang)}${ns}; then ` : ''}the server fails the connection${fast}: close ${close} or TCP dropped, nothing echoed`;
    }
    case 'informational':
      return lang === 'en' ? `not judged: ${expect.about.en}` : `不评判：${expect.about.zh}`;
    case 'deflate-echo':
      return lang === 'en'
        ? 'permessage-deflate accepted, every message echoed equal (type, length, bytes) within the time; then a clean close (1000); without the extension: unimplemented'
        : '接受 permessage-deflate，每条消息在限时内原样回显（类型、长度、字节）；然后干净地关闭（1000）；不支持该扩展：未实现';
  }
}

/** A deflate case's negotiation and echo count, in words. */
function describeDeflate(outcome: NonNullable<Observation['deflate']>, lang: Language): string {
  const zh = lang === 'zh';
  if (outcome.accepted === null)
    return zh ? '服务端没有接受 permessage-deflate' : 'permessage-deflate not accepted';
  const ratio =
    outcome.payloadBytes === 0
      ? ''
      : ` ${((100 * outcome.wireBytes) / outcome.payloadBytes / 2).toFixed(0)}%`;
  return zh
    ? `接受：${outcome.accepted}；${outcome.echoed} 条回显相同；线上字节约为原文的${ratio}`
    : `accepted: ${outcome.accepted}; ${outcome.echoed} echoes equal; wire bytes${ratio} of the payload`;
}

export function describeObservation(observation: Observation, lang: Language = 'en'): string {
  const ms = Math.round(observation.waitedMs);
  const zh = lang === 'zh';
  if (observation.handshakeError)
    return `${zh ? '握手失败' : 'handshake failed'}: ${observation.handshakeError}`;
  const parts = [
    ...(observation.deflate ? [describeDeflate(observation.deflate, lang)] : []),
    `${words.back[lang]}: ${list(
      observation.events.map((e) => describeEvent(e, lang)),
      lang,
    )}`,
  ];
  const close = observation.events.find((e) => e.kind === 'close');
  if (observation.timedOut) parts.push(zh ? `等了 ${ms} 毫秒也没有关闭` : `no close within ${ms} ms`);
  else if (close) parts.push(zh ? `等待 ${ms} 毫秒后关闭` : `close after ${ms} ms of waiting`);
  else if (observation.tcpClosedAt !== null)
    parts.push(
      zh ? `${ms} 毫秒后 TCP 断开，没有 Close 帧` : `TCP dropped without a close frame after ${ms} ms`,
    );
  if (observation.serverViolations.length > 0)
    parts.push(
      `${zh ? '服务端的帧违反了规则' : 'server frames broke'}: ${observation.serverViolations.join('; ')}`,
    );
  return parts.join('; ');
}
