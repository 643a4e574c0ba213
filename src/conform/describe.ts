import type { Language } from '../protocol/index.ts';
import { strings, t } from './strings.ts';
import type { Expectation, Observation, ObservedEvent, Reply } from './types.ts';

/** Plain-words descriptions of what a case expects and what it saw, in both languages, for every report. */

const textDecoder = new TextDecoder();

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
  const key = `kind.${kind}`;
  const name = strings.has(key) ? t(lang, key) : kind;
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
    const code = event.code === null ? t(lang, 'closeNoCode') : `close ${event.code}`;
    return event.reason ? `${code} "${printable(event.reason.slice(0, 40))}"` : code;
  }
  return payloadText(event.kind, event.payload, lang);
}

const list = (items: string[], lang: Language) =>
  items.length === 0 ? t(lang, 'nothing') : items.join(', ');
const codes = (values: readonly number[], lang: Language) =>
  [...values.map(String), t(lang, 'emptyClose')].join(t(lang, 'or'));

export function describeExpectation(expect: Expectation, lang: Language = 'en'): string {
  switch (expect.kind) {
    case 'echo': {
      const replies = list(
        expect.replies.map((r) => describeReply(r, lang)),
        lang,
      );
      const close = codes(expect.closeCodes ?? [1000], lang);
      const how = expect.lengthsOnly ? t(lang, 'comparedByLength') : '';
      return t(lang, 'expectEcho', { replies, how, close });
    }
    case 'fail': {
      const before = (expect.before ?? []).map((r) => describeReply(r, lang));
      const close = codes(expect.codes, lang);
      const silent = expect.nonStrict?.length === 0 && before.length > 0;
      const fast = expect.failFast === undefined ? '' : t(lang, 'failFast');
      const nonStrict = silent ? t(lang, 'orNothingNonStrict') : '';
      const replies = list(before, lang);
      const first = before.length ? t(lang, 'expectFailBefore', { replies, nonStrict }) : '';
      return t(lang, 'expectFail', { before: first, fast, close });
    }
    case 'informational':
      return t(lang, 'notJudged', { about: expect.about[lang] });
    case 'deflate-echo':
      return t(lang, 'expectDeflateEcho');
  }
}

/** A deflate case's negotiation and echo count, in words. */
function describeDeflate(outcome: NonNullable<Observation['deflate']>, lang: Language): string {
  if (outcome.accepted === null) return t(lang, 'deflateNotAccepted');
  const ratio =
    outcome.payloadBytes === 0
      ? ''
      : ` ${((100 * outcome.wireBytes) / outcome.payloadBytes / 2).toFixed(0)}%`;
  return t(lang, 'deflateAccepted', { accepted: outcome.accepted, echoed: outcome.echoed, ratio });
}

export function describeObservation(observation: Observation, lang: Language = 'en'): string {
  const ms = Math.round(observation.waitedMs);
  if (observation.handshakeError) return t(lang, 'handshakeFailed', { error: observation.handshakeError });
  const events = list(
    observation.events.map((e) => describeEvent(e, lang)),
    lang,
  );
  const parts = [
    ...(observation.deflate ? [describeDeflate(observation.deflate, lang)] : []),
    t(lang, 'observedBack', { events }),
  ];
  const close = observation.events.find((e) => e.kind === 'close');
  if (observation.timedOut) parts.push(t(lang, 'noCloseWithin', { ms }));
  else if (close) parts.push(t(lang, 'closeAfter', { ms }));
  else if (observation.tcpClosedAt !== null) parts.push(t(lang, 'tcpDropped', { ms }));
  if (observation.serverViolations.length > 0)
    parts.push(t(lang, 'serverFramesBroke', { violations: observation.serverViolations.join('; ') }));
  return parts.join('; ');
}
