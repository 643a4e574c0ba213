import type { Bilingual, HttpMessage } from '../protocol/index.ts';
import type { ByteField, ColourKind, FieldGroup } from './byteFields.ts';
import { both, type IllustratedStrings } from './strings.ts';

type Pick = (strings: IllustratedStrings) => string;

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
  const add = (
    length: number,
    kind: ColourKind,
    label: Pick | Bilingual,
    value: string,
    meaning: Pick | Bilingual,
  ) => {
    fields.push({
      offset: at,
      length,
      kind,
      label: typeof label === 'function' ? both(label) : label,
      value,
      meaning: typeof meaning === 'function' ? both(meaning) : meaning,
    });
    at += length;
  };
  const crlf = () =>
    add(
      2,
      'http-syntax',
      (s) => s.fields.crlf,
      '\\r\\n',
      (s) => s.meanings.crlf,
    );

  const [first = '', second = '', ...restOfLine] = head.startLine.split(' ');
  const third = restOfLine.join(' ');
  const parts: readonly [string, Pick, Pick][] = isRequest
    ? [
        [first, (s) => s.fields.method, (s) => s.meanings.method],
        [second, (s) => s.fields.target, (s) => s.meanings.target],
        [third, (s) => s.fields.version, (s) => s.meanings.version],
      ]
    : [
        [first, (s) => s.fields.version, (s) => s.meanings.version],
        [second, (s) => s.fields.status, (s) => s.meanings.status],
        [third, (s) => s.fields.reason, (s) => s.meanings.reason],
      ];
  parts.forEach(([text, label, meaning], i) => {
    if (i > 0)
      add(
        1,
        'http-syntax',
        (s) => s.fields.space,
        '" "',
        (s) => s.meanings.space,
      );
    add(text.length, 'http-start', label, text, meaning);
  });
  crlf();

  for (const header of head.headers) {
    const colon = header.raw.indexOf(':');
    const name = header.raw.slice(0, colon);
    const separator = /^:[ \t]*/.exec(header.raw.slice(colon))![0];
    const value = header.raw.slice(colon + separator.length);
    const key = name.toLowerCase();
    const explain = (s: IllustratedStrings) => s.meanings.header[key] ?? s.meanings.header.other!;
    add(name.length, 'http-name', (s) => s.fields.headerName(name), name, explain);
    add(
      separator.length,
      'http-syntax',
      (s) => s.fields.colon,
      `"${separator}"`,
      (s) => s.meanings.colon,
    );
    const meaning =
      key === 'sec-websocket-accept' && acceptNote
        ? { en: `${both(explain).en} ${acceptNote.en}`, zh: `${both(explain).zh}${acceptNote.zh}` }
        : explain;
    add(value.length, 'http-value', (s) => s.fields.headerValue(name), value, meaning);
    crlf();
  }
  add(
    2,
    'http-syntax',
    (s) => s.fields.blankLine,
    '\\r\\n',
    (s) => s.meanings.blankLine,
  );
  return { title: both((s) => (isRequest ? s.groups.request : s.groups.response)), fields };
}
