import { type Language, opcodeInfo } from '../../protocol/index.ts';
import { h } from '../shared/dom.ts';
import { clockTime, grouped } from '../shared/format.ts';
import { arraySource, type ListSource, VirtualList } from '../shared/virtualList.ts';
import { directionText, type FrameItem } from './frameDetail.ts';
import { t } from './strings.ts';

const rowHeight = 34;
let listCounter = 0;

/**
 * The list of frames: direction, time, opcode, length, FIN, and markers for violations and for frames that
 * span several reads or share one. A listbox: arrow keys, Home/End and PageUp/PageDown pick a frame.
 */
export class FrameList {
  readonly element: HTMLElement;
  private readonly list: VirtualList<FrameItem>;
  private readonly idPrefix = `ws-frame-${++listCounter}-`;
  private items: ListSource<FrameItem> = arraySource([]);
  selectedSeq: number | null = null;
  private readonly rowItems = new WeakMap<HTMLElement, FrameItem>();

  constructor(
    private readonly lang: Language,
    private readonly onPick: (item: FrameItem, viaKeyboard: boolean) => void,
  ) {
    this.list = new VirtualList<FrameItem>(
      rowHeight,
      (item) => this.row(item),
      { class: 'ws-frame-list', role: 'listbox', label: t(lang, 'listLabel') },
      (row, item) => this.fill(row, item),
    );
    this.element = this.list.element;
    this.element.tabIndex = 0;
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  setItems(items: ListSource<FrameItem> | readonly FrameItem[]): void {
    this.items = Array.isArray(items)
      ? arraySource(items as readonly FrameItem[])
      : (items as ListSource<FrameItem>);
    this.list.setItems(items);
    this.updateActive();
  }

  get atEnd(): boolean {
    return this.list.atEnd;
  }

  scrollToEnd(): void {
    this.list.scrollToEnd();
  }

  select(seq: number | null, scroll = true): void {
    this.selectedSeq = seq;
    const index = this.indexOf(seq);
    if (scroll && index >= 0) this.list.reveal(index);
    this.list.refresh();
    this.updateActive();
  }

  destroy(): void {
    this.list.destroy();
  }

  private indexOf(seq: number | null): number {
    if (seq === null) return -1;
    // Items are in seq order: binary search.
    let low = 0;
    let high = this.items.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = this.items.at(middle).seq;
      if (found === seq) return middle;
      if (found < seq) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  private updateActive(): void {
    const index = this.indexOf(this.selectedSeq);
    if (index >= 0) this.element.setAttribute('aria-activedescendant', `${this.idPrefix}${this.selectedSeq}`);
    else this.element.removeAttribute('aria-activedescendant');
  }

  private row(item: FrameItem): HTMLElement {
    const row = h('div', { role: 'option' });
    row.addEventListener('click', () => {
      const current = this.rowItems.get(row);
      if (current) this.onPick(current, false);
    });
    this.fill(row, item);
    return row;
  }

  /**
   * Fills a row (new or reused) with a frame: seq, direction, time, opcode, length, FIN and markers, as one
   * line of fixed-width columns. One text node per row: under a flood every visible row changes every frame.
   */
  private fill(row: HTMLElement, item: FrameItem): void {
    this.rowItems.set(row, item);
    const { frame } = item;
    const op = opcodeInfo(frame.opcode);
    const selected = item.seq === this.selectedSeq;
    const spans = item.spans;
    const split = spans.length > 1;
    const shared = spans.some((span) => (span.framesInRead ?? 1) > 1);
    const bad = frame.violations.length > 0;
    const markers = `${bad ? '⚠ ' : ''}${frame.rsv1 ? 'R1 ' : ''}${split ? '⇹ ' : ''}${shared ? '≡' : ''}`;
    const lang = this.lang;
    const direction = item.direction === 'client' ? 'C→S' : item.direction === 'server' ? 'S→C' : ' · ';
    const name = op.name.length > 7 ? `${op.name.slice(0, 6)}…` : op.name;
    // A capture's frame numbers reach seven digits: one space at least before the direction.
    const seq = `#${item.seq}`;
    row.textContent =
      `${seq.length >= 6 ? `${seq} ` : seq.padEnd(6)}${direction} ${(item.t ? clockTime(item.t).slice(3) : '').padEnd(10)}` +
      `${name.padEnd(8)}${grouped(frame.payloadLength).padStart(5)} ${frame.fin ? 'FIN' : '…  '} ${markers}`.trimEnd();
    row.className = `ws-frame-row dir-${item.direction ?? 'none'}${selected ? ' selected' : ''}${bad ? ' bad' : ''}${op.control ? ' control' : ''}`;
    row.id = `${this.idPrefix}${item.seq}`;
    row.setAttribute('aria-selected', String(selected));
    // The accessible name starts with the visible text (WCAG 2.5.3, axe's label-content-name-mismatch).
    row.setAttribute(
      'aria-label',
      `${row.textContent.trim()}: #${item.seq}, ${directionText(item.direction, lang)}, ${op.name}, ${frame.payloadLength} B, ${frame.fin ? 'FIN' : 'FIN=0'}` +
        `${bad ? `, ${t(lang, 'violation')} ${frame.violations[0]!.closeCode}` : ''}` +
        `${split ? `, ${t(lang, 'splitAcross')} ${spans.length} ${t(lang, 'readsWord')}` : ''}${shared ? `, ${t(lang, 'sharedWith')}` : ''}`,
    );
    row.dataset.seq = String(item.seq);
    row.dataset.opcode = String(frame.opcode);
  }

  private onKey(event: KeyboardEvent): void {
    if (this.items.length === 0) return;
    const index = this.indexOf(this.selectedSeq);
    const page = Math.max(1, Math.floor(this.element.clientHeight / rowHeight) - 1);
    const last = this.items.length - 1;
    const from = index < 0 ? last + 1 : index;
    const targets: Record<string, number> = {
      ArrowDown: Math.min(last, from + 1),
      ArrowUp: Math.max(0, from - 1),
      PageDown: Math.min(last, from + page),
      PageUp: Math.max(0, from - page),
      Home: 0,
      End: last,
    };
    const target = targets[event.key];
    if (target === undefined) {
      if (event.key === 'Enter' && index >= 0) this.onPick(this.items.at(index), true);
      return;
    }
    event.preventDefault();
    this.onPick(this.items.at(target), true);
  }
}
