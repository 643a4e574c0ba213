import { decodeFrames, type Language, parseHex, wirePayloadOf } from '../../protocol/index.ts';
import { t } from '../strings.ts';
import { escapeHtml } from './escape.ts';

const hexByte = (byte: number) => byte.toString(16).padStart(2, '0');

/**
 * RFC 6455 §5.3, byte by byte: wire byte i XOR key[i mod 4] gives payload byte i. The numbers come from
 * decoding the frame with the protocol core, so the table cannot disagree with the inspector.
 */
export function renderMaskingTable(hex: string, lang: Language): string {
  const parsed = parseHex(hex);
  const frame = parsed.ok ? decodeFrames(parsed.bytes).frames[0] : undefined;
  if (!frame?.maskingKey) return '';
  const key = frame.maskingKey;
  const columns = Array.from(wirePayloadOf(frame), (wire, i) => ({
    i,
    wire,
    key: key[i % 4]!,
    plain: frame.payload[i]!,
  }));
  const row = (label: string, cells: string[], kind: string) =>
    `<tr class="masking-${kind}"><th scope="row">${escapeHtml(label)}</th>${cells.join('')}</tr>`;
  const cell = (text: string, kind: string) => `<td class="field-${kind}">${escapeHtml(text)}</td>`;
  return (
    `<table class="masking-table">` +
    `<thead><tr><th scope="col">i</th>${columns.map((c) => `<th scope="col">${c.i}</th>`).join('')}</tr></thead><tbody>` +
    row(
      t(lang, 'maskWire'),
      columns.map((c) => cell(hexByte(c.wire), 'payload')),
      'wire',
    ) +
    row(
      `⊕ ${t(lang, 'maskKey')}`,
      columns.map((c) => cell(hexByte(c.key), 'masking-key')),
      'key',
    ) +
    row(
      `= ${t(lang, 'maskPlain')}`,
      columns.map((c) => `<td>${hexByte(c.plain)}</td>`),
      'plain',
    ) +
    row(
      t(lang, 'maskChar'),
      columns.map((c) => `<td>${escapeHtml(String.fromCharCode(c.plain))}</td>`),
      'char',
    ) +
    `</tbody></table>`
  );
}
