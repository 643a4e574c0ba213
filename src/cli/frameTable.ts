import {
  type AnnotatedFrame,
  type DecodedBytes,
  decodeUtf8Lenient,
  type Field,
  type Language,
  Opcode,
  opcodeInfo,
  parseClosePayload,
  toHex,
  wirePayloadOf,
} from '../protocol/index.ts';
import { fieldStyles } from '../shared/fieldColours.ts';
import type { Paint } from '../shared/paint.ts';
import { gridPieces } from '../shared/rfcGrid.ts';
import { columns, padColumns } from './columns.ts';
import { t } from './strings.ts';
import { type Truncation, truncation } from './truncation.ts';

const rulerTens = ' 0                   1                   2                   3';
const rulerUnits = ' 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1';

/** The header bits drawn on the RFC's 32-bit grid, one row per 32 bits, `|` where a field begins. */
export function headerGrid(frame: AnnotatedFrame, p: Paint): string[] {
  const headerFields = frame.fields.filter((field) => field.bits !== null);
  const totalBits = frame.headerLength * 8;
  const owner: (Field | undefined)[] = new Array(totalBits);
  // Where a piece of a field begins on a row of the figure: drawn `|`.
  const starts = new Set<number>();
  for (const field of headerFields) {
    for (let i = 0; i < field.bitLength; i++) owner[field.bitOffset + i] = field;
    for (const piece of gridPieces(field.bitOffset, field.bitOffset + field.bitLength))
      starts.add(piece.start);
  }
  const lines = [rulerTens, rulerUnits];
  for (const { start: row, width } of gridPieces(0, totalBits)) {
    let border = '';
    let bits = '';
    for (let bit = row; bit < row + width; bit++) {
      const field = owner[bit];
      const begins = starts.has(bit) || field === undefined;
      border += begins ? '+-' : '--';
      const value = field?.bits?.[bit - field.bitOffset] ?? '?';
      bits += (begins ? '|' : ' ') + (field ? p.field(field.kind, value) : value);
    }
    lines.push(`${border}+`, `${bits}|`);
    if (row + width >= totalBits) lines.push(`${border}+`);
  }
  return lines;
}

function shownValue(field: Field): string {
  const { value } = field;
  if (value instanceof Uint8Array) return toHex(value, ' ');
  if (field.name === 'opcode') return `0x${value.toString(16)}`;
  return value.toString();
}

const payloadPreview = 32;

function payloadLines(frame: AnnotatedFrame, p: Paint, lang: Language): string[] {
  const words = {
    masked: t(lang, 'payload.masked'),
    unmasked: t(lang, 'payload.unmasked'),
    bytes: t(lang, 'payload.bytes'),
  };
  if (frame.payloadOmitted) return [`  ${p.dim(t(lang, 'payload.notKept'))}`];
  const labelWidth = Math.max(...[words.masked, words.unmasked, words.bytes].map(columns)) + 2;
  const line = (label: string, value: string) => `  ${padColumns(label, labelWidth)}${value}`;
  const more = frame.payload.length > payloadPreview ? ` … (+${frame.payload.length - payloadPreview})` : '';
  const lines: string[] = [];
  if (frame.masked) {
    lines.push(line(words.masked, toHex(wirePayloadOf(frame, payloadPreview), ' ') + more));
    lines.push(line(words.unmasked, toHex(frame.payload.subarray(0, payloadPreview), ' ') + more));
  } else if (frame.payload.length > 0) {
    lines.push(line(words.bytes, toHex(frame.payload.subarray(0, payloadPreview), ' ') + more));
  }
  if (frame.opcode === Opcode.text)
    lines.push(line(t(lang, 'payload.text'), JSON.stringify(decodeUtf8Lenient(frame.payload))));
  if (frame.opcode === Opcode.close) {
    const close = parseClosePayload(frame.payload);
    const code = close.code === null ? t(lang, 'payload.noCloseCode') : String(close.code);
    lines.push(line(t(lang, 'payload.close'), `${code} ${JSON.stringify(close.reason)}`));
  }
  return lines;
}

/** `n byte` or `n bytes` (Chinese has one form). */
function byteCount(lang: Language, n: number): string {
  return t(lang, n === 1 ? 'byteOne' : 'byteMany', { n });
}

/** A field's bits: `bit 0`, `bits 9–15`. */
function bitRange(lang: Language, offset: number, length: number): string {
  return length === 1
    ? t(lang, 'bit', { offset })
    : t(lang, 'bits', { from: offset, to: offset + length - 1 });
}

/** What the input still lacks when it ends inside a frame: what arrived, then what the header and payload need. */
function truncatedText(lang: Language, frameNumber: number, cut: Truncation, hex: string): string {
  const bytes = (n: number) => byteCount(lang, n);
  const arrived = t(lang, 'truncated.arrived', { frame: frameNumber, have: bytes(cut.have), hex });
  let need: string;
  if (cut.headerLength === null) {
    need = t(lang, 'truncated.headerUnknown', { missing: bytes(cut.headerMissing) });
  } else if (cut.payloadLength === null || cut.payloadMissing === null) {
    need = t(lang, 'truncated.lengthInHeader', {
      missing: bytes(cut.headerMissing),
      length: cut.headerLength,
    });
  } else if (cut.headerMissing > 0) {
    need = t(lang, 'truncated.headerAndPayload', {
      missing: bytes(cut.headerMissing),
      length: cut.headerLength,
      payloadMissing: cut.payloadMissing,
      payloadLength: cut.payloadLength,
      total: cut.headerMissing + cut.payloadMissing,
    });
  } else {
    need = t(lang, 'truncated.payload', {
      length: bytes(cut.headerLength),
      payloadMissing: bytes(cut.payloadMissing),
      payloadLength: cut.payloadLength,
    });
  }
  return `${arrived}\n${need}`;
}

/** A field's name in the chosen language; the three RSV bits keep their number ("RSV2 保留位"). */
function fieldLabel(field: Field, language: Language): string {
  const label = fieldStyles[field.kind].label[language];
  return field.name.startsWith('RSV') ? label.replace('RSV', field.name) : label;
}

/** A readable report of one frame: title, bit grid, field table, payload, violations. */
export function renderFrame(
  frame: AnnotatedFrame,
  index: number,
  decoded: DecodedBytes,
  p: Paint,
  language: Language,
): string {
  const lines = [
    p.bold(
      t(language, 'frameTitle', {
        index: index + 1,
        direction: t(language, decoded.sender === 'client' ? 'clientToServer' : 'serverToClient'),
        opcode: opcodeInfo(frame.opcode).name,
        size: byteCount(language, frame.headerLength + frame.payloadLength),
      }),
    ),
    ...headerGrid(frame, p),
  ];
  const nameWidth = Math.max(...frame.fields.map((f) => columns(fieldLabel(f, language)))) + 1;
  const rangeWidth =
    Math.max(12, ...frame.fields.map((f) => columns(bitRange(language, f.bitOffset, f.bitLength)))) + 1;
  for (const field of frame.fields) {
    if (field.name === 'payload') continue;
    lines.push(
      `${p.field(field.kind, padColumns(fieldLabel(field, language), nameWidth))} ${padColumns(bitRange(language, field.bitOffset, field.bitLength), rangeWidth)} ${shownValue(field).padEnd(14)} ${field.meaning[language]}`,
    );
  }
  const payloadField = frame.fields.find((f) => f.name === 'payload')!;
  lines.push(
    `${p.field('payload', padColumns(fieldLabel(payloadField, language), nameWidth))} ${payloadField.meaning[language]}`,
  );
  lines.push(...payloadLines(frame, p, language));
  for (const v of frame.violations) {
    lines.push(p.error(`✗ ${v.closeCode} ${v.rule} (RFC 6455 §${v.section}): ${v.message[language]}`));
  }
  if (frame.violations.length === 0) lines.push(p.ok(t(language, 'noViolation')));
  return lines.join('\n');
}

/** The whole report: the inferred sender, every frame, then what the input still lacks if it ends inside one. */
export function renderDecoded(decoded: DecodedBytes, p: Paint, language: Language): string {
  const out: string[] = [];
  if (decoded.senderInferred) out.push(p.dim(t(language, `senderInferred.${decoded.sender}`)));
  decoded.frames.forEach((frame, i) => {
    out.push(renderFrame(frame, i, decoded, p, language));
  });
  if (decoded.remainder.length > 0) {
    const preview =
      toHex(decoded.remainder.subarray(0, 32), ' ') + (decoded.remainder.length > 32 ? ' …' : '');
    out.push(
      p.error(truncatedText(language, decoded.frames.length + 1, truncation(decoded.remainder), preview)),
    );
  }
  if (decoded.frames.length === 0 && decoded.remainder.length === 0) out.push(t(language, 'noFrames'));
  return `${out.join('\n\n')}\n`;
}
