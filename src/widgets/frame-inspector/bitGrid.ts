import { type Field, type Language, toHex, type Violation } from '../../protocol/index.ts';
import { fieldStyles } from '../../shared/fieldColours.ts';
import { gridPieces, gridRowBits as rowBits } from '../../shared/rfcGrid.ts';
import { fieldLabel } from '../../shared/strings/fieldLabels.ts';
import { h } from '../shared/dom.ts';
import { binaryOf, byteCount, grouped } from '../shared/format.ts';
import { t } from './strings.ts';

export type GridInput = {
  /** The frame's first bytes as on the wire: the header and at least the payload bytes to draw. */
  readonly bytes: Uint8Array;
  readonly fields: readonly Field[];
  readonly violations: readonly Violation[];
  readonly masked: boolean;
};

/** The field's name as the RFC's figure spells it; the detail box and the ARIA label say more. */
function label(field: Field, lang: Language): string {
  return fieldLabel(lang, field.name);
}

function bitAt(bytes: Uint8Array, bit: number): number {
  return ((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1;
}

/** "bits 9–15 (7 bits)" */
export function bitRange(field: Pick<Field, 'bitOffset' | 'bitLength'>, lang: Language): string {
  const { bitOffset, bitLength } = field;
  if (bitLength === 1) return `${t(lang, 'bit')} ${bitOffset}`;
  const last = bitOffset + bitLength - 1;
  return t(lang, 'bitRange', { from: bitOffset, to: last, count: bitLength });
}

/** The value in decimal, hex and binary (or bytes, for the key and the payload). */
export function valueText(field: Field, lang: Language): string {
  const value = field.value;
  if (value instanceof Uint8Array) {
    if (field.name === 'payload') return byteCount(value.length, lang);
    return `${toHex(value, ' ')} = 0b${field.bits ?? ''}`;
  }
  const hex = value.toString(16);
  return `${value.toString()} = 0x${hex} = 0b${binaryOf(value, field.bitLength)}`;
}

function fieldSummary(field: Field, lang: Language): string {
  return `${fieldStyles[field.kind].label[lang]} (${field.name}), ${bitRange(field, lang)}, ${t(lang, 'value')} ${valueText(field, lang)}: ${field.meaning[lang]}`;
}

/**
 * The RFC 6455 §5.2 figure, filled with a real frame: 32 bit cells per row, each field a coloured, labelled
 * box (colours from src/protocol/fields.ts via CSS variables), the bits that break a rule outlined. Fields
 * are focusable (arrow keys move between them); hovering or focusing one fills the detail box.
 */
export class BitGrid {
  readonly element: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly detail: HTMLElement;
  private heads: HTMLElement[] = [];
  private fields: readonly Field[] = [];
  private current = 0;

  constructor(private readonly lang: Language) {
    this.grid = h('div', { class: 'ws-grid', role: 'group', 'aria-label': t(lang, 'gridLabel') });
    this.detail = h('div', { class: 'ws-grid-detail', 'aria-live': 'polite' });
    this.element = h('div', { class: 'ws-grid-wrap' }, this.grid, this.detail);
    this.grid.addEventListener('keydown', (event) => this.onKey(event));
    this.grid.addEventListener('mouseleave', () => this.showDetail(this.current));
  }

  show(input: GridInput): void {
    const { bytes, fields, violations } = input;
    this.fields = fields;
    this.heads = [];
    this.current = Math.min(this.current, fields.length - 1);
    const badBits = new Set<number>();
    for (const violation of violations) {
      if (!violation.bits) continue;
      const [offset, length] = violation.bits;
      for (let bit = offset; bit < offset + Math.min(length, 4096); bit++) badBits.add(bit);
    }

    const children: HTMLElement[] = [];
    for (let bit = 0; bit < rowBits; bit++) {
      children.push(h('span', { class: 'ws-grid-ruler', 'aria-hidden': 'true', text: String(bit % 10) }));
    }
    const drawableBits = bytes.length * 8;
    let lastBit = 0;
    fields.forEach((field, index) => {
      const start = field.bitOffset;
      let end = start + field.bitLength;
      if (field.name === 'payload') {
        // The payload's first bytes: to the end of the row the header ends in, and one row more.
        const rowEnd = Math.ceil(start / rowBits) * rowBits;
        end = Math.min(end, rowEnd + rowBits, drawableBits);
        if (end <= start) return;
      }
      end = Math.min(end, drawableBits);
      for (const { row: rowIndex, column, width, start: segmentStart, first } of gridPieces(start, end)) {
        const segmentEnd = segmentStart + width;
        const cells: HTMLElement[] = [];
        let bad = false;
        for (let bit = segmentStart; bit < segmentEnd; bit++) {
          const isBad = badBits.has(bit);
          bad ||= isBad;
          cells.push(h('span', { class: isBad ? 'b bad' : 'b', text: String(bitAt(bytes, bit)) }));
        }
        const text =
          field.name === 'payload' && input.masked
            ? `${label(field, this.lang)} (${t(this.lang, 'masked')})`
            : label(field, this.lang);
        const segment = h(
          'div',
          {
            class: `ws-grid-field field-${field.kind}${width === 1 ? ' narrow' : width <= 4 ? ' short' : ''}${bad ? ' has-violation' : ''}`,
            'data-field': field.name,
            style: `grid-row: ${2 + rowIndex}; grid-column: ${column + 1} / span ${width}`,
          },
          h(
            'span',
            { class: 'ws-grid-bits', style: `grid-template-columns: repeat(${width}, 1fr)` },
            ...cells,
          ),
          h('span', { class: 'ws-grid-label', text: first ? text : `${text} ${t(this.lang, 'continued')}` }),
        );
        segment.addEventListener('mouseenter', () => this.showDetail(index));
        segment.addEventListener('click', () => this.focusField(index));
        if (first) {
          segment.tabIndex = index === this.current ? 0 : -1;
          segment.setAttribute('aria-label', fieldSummary(field, this.lang));
          segment.addEventListener('focus', () => {
            this.current = index;
            this.showDetail(index);
          });
          this.heads[index] = segment;
        }
        children.push(segment);
        lastBit = Math.max(lastBit, segmentEnd);
      }
    });
    const payload = fields.find((field) => field.name === 'payload');
    const payloadEnd = payload ? payload.bitOffset + payload.bitLength : 0;
    if (payload && payloadEnd > lastBit) {
      const rest = Math.ceil((payloadEnd - lastBit) / 8);
      const lastRow = Math.ceil(lastBit / rowBits) + 2;
      children.push(
        h('div', {
          class: 'ws-grid-more field-payload',
          style: `grid-row: ${lastRow}; grid-column: 1 / span ${rowBits}`,
          text: `… ${grouped(rest)} ${t(this.lang, 'morePayload')}`,
        }),
      );
    }
    const hadFocus = this.grid.contains(document.activeElement);
    this.grid.replaceChildren(...children);
    this.showDetail(this.current);
    // Redrawn under the keyboard (a live frame replaced): keep the focus on the same field.
    if (hadFocus) this.heads[this.current]?.focus();
  }

  /** Keyboard focus to the grid's current field. */
  focus(): void {
    this.heads[this.current]?.focus();
  }

  private focusField(index: number): void {
    const head = this.heads[index];
    if (!head) return;
    this.heads[this.current]?.setAttribute('tabindex', '-1');
    this.current = index;
    head.tabIndex = 0;
    head.focus();
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.heads.length;
    if (count === 0) return;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let next: number | null = null;
    if (event.key in moves) {
      next = this.current;
      do next = (next + moves[event.key]! + count) % count;
      while (!this.heads[next]);
    } else if (event.key === 'Home') next = this.heads.findIndex(Boolean);
    else if (event.key === 'End') next = count - 1;
    if (next === null) return;
    event.preventDefault();
    this.focusField(next);
  }

  private showDetail(index: number): void {
    const field = this.fields[index];
    if (!field) {
      this.detail.replaceChildren();
      return;
    }
    this.detail.replaceChildren(
      h('span', { class: `ws-swatch field-${field.kind}`, 'aria-hidden': 'true' }),
      h('strong', { text: `${fieldStyles[field.kind].label[this.lang]}` }),
      h('span', { class: 'ws-muted', text: ` ${field.name} · ${bitRange(field, this.lang)}` }),
      h('br'),
      h('code', { class: 'ws-grid-value', text: valueText(field, this.lang) }),
      h('span', { text: ` — ${field.meaning[this.lang]}` }),
    );
  }
}
