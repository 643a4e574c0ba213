import type { Bilingual, HttpMessage } from '../protocol/index.ts';
import type { ByteField, ColourKind, FieldGroup } from './byteFields.ts';
import { type PlainKeyUnder, strings } from './strings.ts';

/** The label and meaning keys of a part of the start line. */
type StartPart = readonly [text: string, label: PlainKeyUnder<'field.'>, meaning: PlainKeyUnder<'meaning.'>];

/** A header's meaning key, `header.other` for a header the handshake does not use. */
const headerKey = (name: string): PlainKeyUnder<'header.'> => {
  const key = `header.${name.toLowerCase()}`;
  return strings.has(key) ? (key as PlainKeyUnder<'header.'>) : 'header.other';
};

/**
 * An HTTP head (the upgrade request or the 101) byte by byte, from the protocol core's parse of it
 * (`parseHttpHead`: the start line and each header line exactly as sent): every part of the start line,
 * each header's name, separator, value and CRLF, and the blank line that ends the head.
 */
export function httpHeadGroup(
  head: HttpMessage,
  isRequest: boolean,
  acceptNote: Bilingual | null,
): FieldGroup {
  const fields: ByteField[] = [];
  let at = 0;
  const add = (length: number, kind: ColourKind, label: Bilingual, value: string, meaning: Bilingual) => {
    fields.push({ offset: at, length, kind, label, value, meaning });
    at += length;
  };
  const crlf = () =>
    add(2, 'http-syntax', strings.both('field.crlf'), '\\r\\n', strings.both('meaning.crlf'));

  const [first = '', second = '', ...restOfLine] = head.startLine.split(' ');
  const third = restOfLine.join(' ');
  const parts: readonly StartPart[] = isRequest
    ? [
        [first, 'field.method', 'meaning.method'],
        [second, 'field.target', 'meaning.target'],
        [third, 'field.version', 'meaning.version'],
      ]
    : [
        [first, 'field.version', 'meaning.version'],
        [second, 'field.status', 'meaning.status'],
        [third, 'field.reason', 'meaning.reason'],
      ];
  parts.forEach(([text, label, meaning], i) => {
    if (i > 0) add(1, 'http-syntax', strings.both('field.space'), '" "', strings.both('meaning.space'));
    add(text.length, 'http-start', strings.both(label), text, strings.both(meaning));
  });
  crlf();

  for (const header of head.headers) {
    const colon = header.raw.indexOf(':');
    const name = header.raw.slice(0, colon);
    const separator = /^:[ \t]*/.exec(header.raw.slice(colon))![0];
    const value = header.raw.slice(colon + separator.length);
    const key = headerKey(name);
    const explain = strings.both(key);
    add(name.length, 'http-name', { en: name, zh: name }, name, explain);
    add(
      separator.length,
      'http-syntax',
      strings.both('field.colon'),
      `"${separator}"`,
      strings.both('meaning.colon'),
    );
    const meaning =
      key === 'header.sec-websocket-accept' && acceptNote
        ? { en: `${explain.en} ${acceptNote.en}`, zh: `${explain.zh}${acceptNote.zh}` }
        : explain;
    add(value.length, 'http-value', strings.both('field.headerValue', { name }), value, meaning);
    crlf();
  }
  add(2, 'http-syntax', strings.both('field.blankLine'), '\\r\\n', strings.both('meaning.blankLine'));
  return { title: strings.both(isRequest ? 'group.request' : 'group.response'), fields };
}
