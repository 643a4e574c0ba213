import {
  annotateFrame,
  concatBytes,
  type Field,
  type Frame,
  type Language,
  opcodeInfo,
  type Sender,
  wirePayloadOf,
} from '../../protocol/index.ts';
import type { MessageInfo } from '../../session/frameStore.ts';
import type { ReadSpan } from '../../session/readTable.ts';
import { h } from '../shared/dom.ts';
import { byteCount, clockTime } from '../shared/format.ts';
import { BitGrid } from './bitGrid.ts';
import { renderPayload } from './payloadView.ts';
import { t } from './strings.ts';

/** What the detail pane needs about one frame, live or pasted. */
export type FrameItem = {
  readonly seq: number;
  readonly frame: Frame;
  readonly direction: Sender | null;
  readonly t: number | null;
  readonly connection: number | null;
  readonly message: MessageInfo | null;
  readonly spans: readonly ReadSpan[];
  readonly fields?: readonly Field[];
  /** Said instead of `#seq` for a frame that did not cross this page's wire (the slide's example). */
  readonly label?: string;
};

export function directionText(direction: Sender | null, lang: Language): string {
  if (direction === null) return '';
  return t(lang, direction === 'client' ? 'clientToServer' : 'serverToClient');
}

function violationsView(frame: Frame, lang: Language): HTMLElement | null {
  if (frame.violations.length === 0) return null;
  return h(
    'div',
    { class: 'ws-violations', role: 'alert' },
    h('h3', { text: `⚠ ${t(lang, 'violationsTitle')}` }),
    h(
      'ul',
      {},
      ...frame.violations.map((violation) =>
        h(
          'li',
          { 'data-rule': violation.rule },
          h('strong', { class: 'ws-violation-code', text: String(violation.closeCode) }),
          ' ',
          h('span', { class: 'ws-muted', text: `§${violation.section.replace(/^RFC /, 'RFC ')}` }),
          ' ',
          violation.message[lang],
          violation.bits
            ? h('span', {
                class: 'ws-muted',
                text: ` (${t(lang, 'bits')} ${violation.bits[0]}–${violation.bits[0] + violation.bits[1] - 1})`,
              })
            : null,
        ),
      ),
    ),
  );
}

/** Which reads (or writes) held this frame, and what else they held: chunk boundaries are taught too. */
function readsView(item: FrameItem, lang: Language): HTMLElement | null {
  if (item.spans.length === 0) return null;
  const word = t(lang, item.direction === 'server' ? 'write' : 'read');
  const rows = item.spans.map((span) => {
    const length = span.readLength;
    const bar = h('span', { class: 'ws-read-bar', 'aria-hidden': 'true' });
    if (length) {
      bar.append(
        h('span', {
          class: 'ws-read-part',
          style: `left: ${(span.from / length) * 100}%; width: ${Math.max(1, ((span.to - span.from) / length) * 100)}%`,
        }),
      );
    }
    const others = (span.framesInRead ?? 1) - 1;
    return h(
      'li',
      {},
      h('span', { class: 'ws-read-name', text: `${word} ${span.read}` }),
      bar,
      h('span', {
        text:
          length === null
            ? ` ${span.from}–${span.to} ${t(lang, 'forgotten')}`
            : ` ${span.from}–${span.to} ${t(lang, 'bytesOf')} ${length}${others > 0 ? ` · +${others} ${t(lang, 'sharedWith')}` : ''}`,
      }),
    );
  });
  const title = t(lang, item.direction === 'server' ? 'readsWriteTitle' : 'readsTitle');
  const split =
    item.spans.length > 1 ? ` — ${t(lang, 'splitAcross')} ${item.spans.length} ${t(lang, 'readsWord')}` : '';
  return h('div', { class: 'ws-reads' }, h('h3', { text: `${title}${split}` }), h('ul', {}, ...rows));
}

function summaryLine(item: FrameItem, lang: Language): HTMLElement {
  const { frame } = item;
  const op = opcodeInfo(frame.opcode);
  const parts = [
    item.label ?? `#${item.seq}`,
    item.direction ? directionText(item.direction, lang) : null,
    `${op.name} (0x${frame.opcode.toString(16)})`,
    byteCount(frame.payloadLength, lang),
    frame.fin ? 'FIN' : `FIN=0 · ${t(lang, 'fragmentOf')}`,
    frame.rsv1 ? 'RSV1' : null,
    item.t ? clockTime(item.t) : null,
    item.connection !== null ? `${t(lang, 'connection')} ${item.connection}` : null,
  ];
  return h('p', { class: 'ws-frame-summary', text: parts.filter(Boolean).join(' · ') });
}

/** The right-hand pane: one frame on the grid, its violations, its payload, its reads. */
export class FrameDetail {
  readonly element = h('div', { class: 'ws-detail', tabindex: '-1' });
  private readonly grid: BitGrid;
  private shown: { seq: number; frame: Frame; inflated: unknown } | null = null;

  /** Kept from scroll events: reading scrollTop while drawing would force a layout per frame. */
  private scrolled = 0;

  // The grid stays in place between frames: detaching it would drop the keyboard focus on its fields.
  private readonly summaryHost = h('div');
  private readonly violationsHost = h('div');
  private readonly payloadHost = h('div');
  private readonly readsHost = h('div');
  private readonly emptyHost = h('div');

  constructor(private readonly lang: Language) {
    this.grid = new BitGrid(lang);
    this.element.append(
      this.emptyHost,
      this.summaryHost,
      this.violationsHost,
      this.grid.element,
      this.payloadHost,
      this.readsHost,
    );
    this.element.addEventListener('scroll', () => {
      this.scrolled = this.element.scrollTop;
    });
  }

  /** Draws a frame; drawing the same frame again is free unless its inflation finished meanwhile. */
  show(item: FrameItem | null, emptyText: string): void {
    if (!item) {
      this.shown = null;
      this.emptyHost.replaceChildren(h('p', { class: 'ws-empty', text: emptyText }));
      for (const host of [this.summaryHost, this.violationsHost, this.payloadHost, this.readsHost]) {
        host.replaceChildren();
      }
      this.grid.element.hidden = true;
      return;
    }
    this.emptyHost.replaceChildren();
    this.grid.element.hidden = false;
    const inflated = item.message?.inflated ?? null;
    if (this.shown && this.shown.frame === item.frame && this.shown.inflated === inflated) return;
    const sameFrame = this.shown?.frame === item.frame;
    this.shown = { seq: item.seq, frame: item.frame, inflated };
    const { frame } = item;
    const fields = item.fields ?? annotateFrame(frame);
    const bytes = concatBytes([frame.headerBytes, wirePayloadOf(frame, 12)]);
    this.grid.show({ bytes, fields, violations: frame.violations, masked: frame.masked });
    this.summaryHost.replaceChildren(summaryLine(item, this.lang));
    this.violationsHost.replaceChildren(violationsView(frame, this.lang) ?? '');
    this.payloadHost.replaceChildren(renderPayload(frame, item.message, this.lang));
    this.readsHost.replaceChildren(readsView(item, this.lang) ?? '');
    // Another frame starts at the top; the same frame redrawn (its inflation finished) keeps its place.
    if (!sameFrame && this.scrolled !== 0) {
      this.scrolled = 0;
      this.element.scrollTop = 0;
    }
  }

  focusGrid(): void {
    this.grid.focus();
  }
}
