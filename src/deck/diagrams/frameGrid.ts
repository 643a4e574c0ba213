import {
  decodeFrames,
  type FieldKind,
  type Language,
  parseHex,
  wirePayloadOf,
} from '../../protocol/index.ts';
import { gridPieces, gridRowBits } from '../../shared/rfcGrid.ts';
import { fieldLabel } from '../../shared/strings/fieldLabels.ts';
import { t } from '../strings.ts';
import { escapeHtml } from './escape.ts';

/** A run of bits to draw: where it sits in the frame, its colour, its label and (when known) its bits. */
export type GridSegment = {
  readonly kind: FieldKind;
  readonly label: string;
  readonly note?: string;
  readonly bitOffset: number;
  readonly bitLength: number;
  /** '0'/'1' per bit, or null to draw empty cells (the format, not a particular frame). */
  readonly bits: string | null;
};

/**
 * RFC 6455 §5.2 draws a frame 32 bits per row. A segment that runs past the end of a row continues on the
 * next, labelled as a continuation, exactly as the RFC's ASCII diagram does.
 */
export function renderFrameGrid(segments: readonly GridSegment[], lang: Language, ariaLabel: string): string {
  const ruler = Array.from(
    { length: gridRowBits },
    (_, bit) => `<span class="frame-grid-ruler">${bit}</span>`,
  ).join('');
  const pieces: string[] = [];
  for (const segment of segments) {
    for (const { row, column, width, start, first } of gridPieces(
      segment.bitOffset,
      segment.bitOffset + segment.bitLength,
    )) {
      const from = start - segment.bitOffset;
      const bits = segment.bits?.slice(from, from + width) ?? null;
      pieces.push(renderPiece(segment, row, column, width, bits, first, lang));
    }
  }
  return `<div class="frame-grid" role="img" aria-label="${escapeHtml(ariaLabel)}">${ruler}${pieces.join('')}</div>`;
}

function renderPiece(
  segment: GridSegment,
  row: number,
  column: number,
  length: number,
  bits: string | null,
  first: boolean,
  lang: Language,
): string {
  const cells = Array.from(
    { length },
    (_, i) => `<span class="frame-grid-bit">${bits?.[i] ?? ''}</span>`,
  ).join('');
  const narrow = length === 1 ? ' frame-grid-narrow' : '';
  const label = first ? segment.label : `${segment.label} ${t(lang, 'gridContinued')}`;
  const note =
    first && segment.note ? `<span class="frame-grid-note">${escapeHtml(segment.note)}</span>` : '';
  const style = `grid-row:${row + 2};grid-column:${column + 1} / span ${length}`;
  return (
    `<div class="frame-grid-field field-${segment.kind}${narrow}" style="${style}" data-field="${segment.kind}">` +
    `<span class="frame-grid-bits" style="grid-template-columns:repeat(${length},1fr)">${cells}</span>` +
    `<span class="frame-grid-label">${escapeHtml(label)}</span>${note}</div>`
  );
}

/** The format itself, every optional part present, as in the RFC's figure. */
export function frameFormatSegments(lang: Language): GridSegment[] {
  return [
    { kind: 'fin', label: 'FIN', bitOffset: 0, bitLength: 1, bits: null },
    { kind: 'rsv', label: 'RSV1', bitOffset: 1, bitLength: 1, bits: null },
    { kind: 'rsv', label: 'RSV2', bitOffset: 2, bitLength: 1, bits: null },
    { kind: 'rsv', label: 'RSV3', bitOffset: 3, bitLength: 1, bits: null },
    {
      kind: 'opcode',
      label: t(lang, 'gridOpcode'),
      note: '(4)',
      bitOffset: 4,
      bitLength: 4,
      bits: null,
    },
    { kind: 'mask', label: 'MASK', bitOffset: 8, bitLength: 1, bits: null },
    {
      kind: 'length',
      label: t(lang, 'gridLength'),
      note: '(7)',
      bitOffset: 9,
      bitLength: 7,
      bits: null,
    },
    {
      kind: 'extended-length',
      label: t(lang, 'gridExtendedLength'),
      note: t(lang, 'ifLength126'),
      bitOffset: 16,
      bitLength: 64,
      bits: null,
    },
    {
      kind: 'masking-key',
      label: t(lang, 'gridMaskingKey'),
      note: t(lang, 'ifMask'),
      bitOffset: 80,
      bitLength: 32,
      bits: null,
    },
    {
      kind: 'payload',
      label: t(lang, 'gridPayload'),
      note: '…',
      bitOffset: 112,
      bitLength: 48,
      bits: null,
    },
  ];
}

/**
 * One real frame, bit by bit, decoded by the protocol core: header fields with their values, then the
 * first `payloadBytes` bytes of the payload as they are on the wire (masked, if MASK is 1), one per byte.
 */
export function frameBitsSegments(hex: string, payloadBytes: number, lang: Language): GridSegment[] {
  const parsed = parseHex(hex);
  if (!parsed.ok) return [];
  const frame = decodeFrames(parsed.bytes).frames[0];
  if (!frame) return [];
  const segments: GridSegment[] = [];
  for (const field of frame.fields) {
    if (field.name === 'payload') continue;
    const label = fieldLabel(lang, field.name);
    const value = typeof field.value === 'number' || typeof field.value === 'bigint' ? field.value : null;
    const note = value !== null && field.bitLength > 1 ? `= ${value}` : undefined;
    segments.push({
      kind: field.kind,
      label,
      note,
      bitOffset: field.bitOffset,
      bitLength: field.bitLength,
      bits: field.bits,
    });
  }
  const start = frame.headerLength * 8;
  const shown = wirePayloadOf(frame, payloadBytes);
  shown.forEach((byte, i) => {
    segments.push({
      kind: 'payload',
      label: `0x${byte.toString(16).padStart(2, '0')}`,
      bitOffset: start + i * 8,
      bitLength: 8,
      bits: byte.toString(2).padStart(8, '0'),
    });
  });
  return segments;
}
