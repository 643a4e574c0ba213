import {
  type DecodedBytes,
  decodeFrames,
  type Language,
  parseHex,
  type Sender,
} from '../../protocol/index.ts';
import { h } from '../shared/dom.ts';
import { incompleteText } from '../shared/format.ts';
import type { FrameDetail, FrameItem } from './frameDetail.ts';
import { FrameList } from './frameList.ts';
import { type PlainKey, t } from './strings.ts';

/** Bytes worth pasting in a talk: the RFC's own examples (§5.7) and a few that break a rule. */
const examples: readonly { label: PlainKey; hex: string }[] = [
  {
    label: 'pasteRfcMasked',
    hex: '81 85 37 fa 21 3d 7f 9f 4d 51 58',
  },
  { label: 'pasteRfcFragments', hex: '01 03 48 65 6c 80 02 6c 6f' },
  { label: 'pasteRfcPing', hex: '89 05 48 65 6c 6c 6f' },
  {
    label: 'paste16BitLength',
    hex: `82 7e 01 00 ${'00 '.repeat(256)}`,
  },
  { label: 'pasteClose1000', hex: '88 02 03 e8' },
  { label: 'pasteReservedOpcode', hex: '83 01 41' },
  { label: 'pasteUnmaskedClient', hex: '81 02 68 69' },
];

/** "Paste hex": decode any bytes with src/protocol, no server involved. */
export class PastePane {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sender: HTMLSelectElement;
  private readonly message: HTMLElement;
  private readonly list: FrameList;
  private items: FrameItem[] = [];
  private timer = 0;

  constructor(
    private readonly lang: Language,
    private readonly detail: FrameDetail,
  ) {
    this.input = h('textarea', {
      class: 'ws-input ws-paste-input',
      rows: '3',
      spellcheck: 'false',
      placeholder: t(lang, 'pastePlaceholder'),
      'aria-label': t(lang, 'pasteLabel'),
    });
    this.input.value = examples[0]!.hex;
    this.sender = h(
      'select',
      { class: 'ws-select ws-paste-sender', 'aria-label': t(lang, 'pasteSender') },
      h('option', { value: 'auto', text: t(lang, 'pasteAuto') }),
      h('option', { value: 'client', text: t(lang, 'client') }),
      h('option', { value: 'server', text: t(lang, 'server') }),
    );
    this.message = h('p', { class: 'ws-paste-message', 'aria-live': 'polite' });
    this.list = new FrameList(lang, (item) => this.pick(item));
    const exampleSelect = h(
      'select',
      { class: 'ws-select ws-paste-examples', 'aria-label': t(lang, 'pasteExample') },
      h('option', { value: '', text: `${t(lang, 'pasteExample')}…` }),
      ...examples.map((example, index) =>
        h('option', { value: String(index), text: t(lang, example.label) }),
      ),
    );
    exampleSelect.addEventListener('change', () => {
      const example = examples[Number(exampleSelect.value)];
      if (!example) return;
      this.input.value = example.hex;
      exampleSelect.value = '';
      this.decode();
    });
    this.input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = window.setTimeout(() => this.decode(), 150);
    });
    this.sender.addEventListener('change', () => this.decode());
    this.element = h(
      'div',
      { class: 'ws-paste' },
      h('label', { class: 'ws-paste-label', text: `${t(lang, 'pasteLabel')} — ${t(lang, 'pasteNoServer')}` }),
      this.input,
      h(
        'div',
        { class: 'ws-paste-row' },
        h('label', { text: `${t(lang, 'pasteSender')} ` }, this.sender),
        exampleSelect,
      ),
      this.message,
      this.list.element,
    );
  }

  /** Called when the pane is shown: decode what is in the box. */
  activate(): void {
    this.decode();
  }

  private pick(item: FrameItem): void {
    this.list.select(item.seq);
    this.detail.show(item, '');
  }

  private decode(): void {
    const parsed = parseHex(this.input.value);
    if (!parsed.ok) {
      this.message.className = 'ws-paste-message is-bad';
      this.message.textContent = parsed.error.message[this.lang];
      this.input.setCustomValidity(parsed.error.message[this.lang]);
      this.list.setItems([]);
      this.detail.show(null, parsed.error.message[this.lang]);
      return;
    }
    this.input.setCustomValidity('');
    const choice = this.sender.value;
    const sender: Sender | undefined = choice === 'client' || choice === 'server' ? choice : undefined;
    const decoded: DecodedBytes = decodeFrames(parsed.bytes, sender ? { sender } : {});
    // Pasted bytes have no TCP reads, no time and no connection; messages are shown frame by frame.
    this.items = decoded.frames.slice(0, 1000).map((frame, index) => ({
      seq: index + 1,
      frame,
      direction: decoded.sender,
      t: null,
      connection: null,
      message: null,
      spans: [],
      fields: frame.fields,
    }));
    const parts = [`${parsed.bytes.length} B → ${decoded.frames.length} ${t(this.lang, 'pasteFrames')}`];
    if (decoded.senderInferred) parts.push(`${t(this.lang, 'pasteSender')}: ${t(this.lang, decoded.sender)}`);
    if (decoded.incomplete) {
      parts.push(incompleteText(decoded.remainder.length, decoded.incomplete.needs, this.lang));
    }
    const violations = decoded.frames.reduce((n, frame) => n + frame.violations.length, 0);
    if (violations > 0) parts.push(`⚠ ${violations}`);
    this.message.className = `ws-paste-message${violations > 0 ? ' is-bad' : ''}`;
    this.message.textContent = parts.join(' · ');
    this.list.setItems(this.items);
    const first = this.items.find((item) => item.frame.violations.length > 0) ?? this.items[0];
    if (first) this.pick(first);
    else this.detail.show(null, this.message.textContent);
  }
}
