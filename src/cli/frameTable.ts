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
} from '../protocol/index.ts';
import { fieldStyles } from '../shared/fieldColours.ts';
import type { Paint } from '../shared/paint.ts';
import { gridPieces } from '../shared/rfcGrid.ts';
import { t } from '../shared/strings/index.ts';

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

function bitRange(field: Field): string {
  return field.bitLength === 1
    ? `bit ${field.bitOffset}`
    : `bits ${field.bitOffset}–${field.bitOffset + field.bitLength - 1}`;
}

function shownValue(field: Field): string {
  const { value } = field;
  if (value instanceof Uint8Array) return toHex(value, ' ');
  if (field.name === 'opcode') return `0x${value.toString(16)}`;
  return value.toString();
}

const payloadPreview = 32;

function payloadLines(frame: AnnotatedFrame, p: Paint, language: Language): string[] {
  if (frame.payloadOmitted) return [`  ${p.dim(t(language, 'cliPayloadNotKept'))}`];
  const more = frame.payload.length > payloadPreview ? ` … (+${frame.payload.length - payloadPreview})` : '';
  const lines: string[] = [];
  if (frame.masked) {
    lines.push(
      `  ${t(language, 'cliMasked')}  ${toHex(frame.wirePayload.subarray(0, payloadPreview), ' ')}${more}`,
    );
    lines.push(
      `  ${t(language, 'cliUnmasked')}  ${toHex(frame.payload.subarray(0, payloadPreview), ' ')}${more}`,
    );
  } else if (frame.payload.length > 0) {
    lines.push(
      `  ${t(language, 'cliBytes')}     ${toHex(frame.payload.subarray(0, payloadPreview), ' ')}${more}`,
    );
  }
  if (frame.opcode === Opcode.text)
    lines.push(`  ${t(language, 'cliText')}      ${JSON.stringify(decodeUtf8Lenient(frame.payload))}`);
  if (frame.opcode === Opcode.close) {
    const close = parseClosePayload(frame.payload);
    const code = close.code === null ? t(language, 'cliNoCode') : String(close.code);
    lines.push(`  ${t(language, 'cliClose')}     ${code} ${JSON.stringify(close.reason)}`);
  }
  return lines;
}

/** A readable report of one frame: title, bit grid, field table, payload, violations. */
export function renderFrame(
  frame: AnnotatedFrame,
  index: number,
  decoded: DecodedBytes,
  p: Paint,
  language: Language,
): string {
  const op = opcodeInfo(frame.opcode);
  const direction = decoded.sender === 'client' ? 'client → server' : 'server → client';
  const lines = [
    p.bold(
      `Frame ${index + 1} · ${direction} · ${op.name} · ${frame.headerLength + frame.payloadLength} bytes`,
    ),
    ...headerGrid(frame, p),
  ];
  const nameWidth = Math.max(...frame.fields.map((f) => fieldStyles[f.kind].label.en.length)) + 1;
  for (const field of frame.fields) {
    if (field.name === 'payload') continue;
    const label = field.name.startsWith('RSV') ? field.name : fieldStyles[field.kind].label.en;
    lines.push(
      `${p.field(field.kind, label.padEnd(nameWidth))} ${bitRange(field).padEnd(12)} ${shownValue(field).padEnd(14)} ${field.meaning[language]}`,
    );
  }
  const payloadField = frame.fields.find((f) => f.name === 'payload')!;
  lines.push(
    `${p.field('payload', fieldStyles.payload.label.en.padEnd(nameWidth))} ${payloadField.meaning[language]}`,
  );
  lines.push(...payloadLines(frame, p, language));
  for (const v of frame.violations) {
    lines.push(p.error(`✗ ${v.closeCode} ${v.rule} (RFC 6455 §${v.section}): ${v.message[language]}`));
  }
  if (frame.violations.length === 0) lines.push(p.ok(t(language, 'cliNoViolation')));
  return lines.join('\n');
}

export function renderDecoded(decoded: DecodedBytes, p: Paint, language: Language): string {
  const out: string[] = [];
  if (decoded.senderInferred) {
    out.push(
      p.dim(
        decoded.sender === 'client'
          ? 'sender: client (inferred: the first frame is masked; --from server to check it as a server frame)'
          : 'sender: server (inferred: the first frame is not masked; --from client to check it as a client frame)',
      ),
    );
  }
  decoded.frames.forEach((frame, i) => {
    out.push(renderFrame(frame, i, decoded, p, language));
  });
  if (decoded.remainder.length > 0) {
    const need = decoded.incomplete?.bytesNeeded ?? 0;
    out.push(
      p.error(
        `${decoded.remainder.length} trailing byte(s) do not make a whole frame (${need} more needed): ${toHex(decoded.remainder.subarray(0, 32), ' ')}`,
      ),
    );
  }
  if (decoded.frames.length === 0 && decoded.remainder.length === 0) out.push('no frames');
  return `${out.join('\n\n')}\n`;
}
