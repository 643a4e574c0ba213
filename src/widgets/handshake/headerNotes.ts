import type { Language } from '../../protocol/index.ts';
import { strings, t } from './strings.ts';

/** permessage-deflate's parameters (RFC 7692 §7.1), as a client offers them or a server accepts them. */
const deflateParameters = [
  'client_max_window_bits',
  'server_max_window_bits',
  'client_no_context_takeover',
  'server_no_context_takeover',
] as const;

/**
 * What a header line does (`note.<header>` in strings.ts, `noteOther` for a header the protocol does not
 * define); for Sec-WebSocket-Extensions, also each parameter the value carries.
 */
export function headerNote(name: string, value: string, lang: Language): string {
  const key = `note.${name.toLowerCase()}`;
  const note = strings.has(key) ? t(lang, key) : t(lang, 'noteOther');
  if (name.toLowerCase() !== 'sec-websocket-extensions' || !/permessage-deflate/i.test(value)) return note;
  const present = deflateParameters.filter((parameter) => new RegExp(`\\b${parameter}\\b`, 'i').test(value));
  const extra =
    present.length > 0
      ? present.map((parameter) => t(lang, `deflate.${parameter}`))
      : [t(lang, 'deflateBare')];
  return [note, ...extra].join(t(lang, 'noteJoiner'));
}
