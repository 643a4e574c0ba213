import {
  closeCodeInfo,
  decodeUtf8Lenient,
  type Frame,
  type Language,
  Opcode,
  wirePayloadOf,
} from '../../protocol/index.ts';
import type { MessageInfo } from '../../session/frameStore.ts';
import { h } from '../shared/dom.ts';
import { byteCount, grouped, hexByte, printable } from '../shared/format.ts';
import { VirtualList } from '../shared/virtualList.ts';
import { t } from './strings.ts';

const firstBytes = 16;
const previewChars = 600;

/** Payload bytes (by index) that a violation points at, e.g. the first invalid UTF-8 byte. */
function badPayloadBytes(frame: Frame): Set<number> {
  const bad = new Set<number>();
  const start = frame.headerLength * 8;
  for (const violation of frame.violations) {
    if (!violation.bits) continue;
    const [offset, length] = violation.bits;
    if (offset < start || length > 64) continue;
    for (let bit = offset; bit < offset + length; bit += 8) bad.add((bit - start) >> 3);
  }
  return bad;
}

function section(title: string, ...children: (Node | string | null)[]): HTMLElement {
  return h('div', { class: 'ws-payload-section' }, h('h3', { text: title }), ...children);
}

/** Masked → XOR key[i mod 4] → unmasked, one column per byte (RFC 6455 §5.3). */
function unmaskTable(frame: Frame, lang: Language, bad: Set<number>): HTMLElement {
  const key = frame.maskingKey!;
  const count = Math.min(firstBytes, frame.payload.length); // the wire payload is as long
  const first = wirePayloadOf(frame, count);
  const header = h('tr', {}, h('th', { scope: 'col', text: 'i' }));
  const wire = h('tr', {}, h('th', { scope: 'row', text: t(lang, 'wireRow') }));
  const keyRow = h('tr', {}, h('th', { scope: 'row', text: `⊕ ${t(lang, 'keyRow')}` }));
  const plain = h('tr', {}, h('th', { scope: 'row', text: `= ${t(lang, 'plainRow')}` }));
  const chars = h('tr', { class: 'ws-char-row' }, h('th', { scope: 'row', text: t(lang, 'charRow') }));
  for (let i = 0; i < count; i++) {
    const badClass = bad.has(i) ? 'bad' : undefined;
    header.append(h('th', { scope: 'col', text: String(i) }));
    wire.append(h('td', { class: 'field-payload', text: hexByte(first[i]!) }));
    keyRow.append(h('td', { class: 'field-masking-key', text: hexByte(key[i % 4]!) }));
    plain.append(h('td', { class: badClass, text: hexByte(frame.payload[i]!) }));
    chars.append(h('td', { class: badClass, text: printable(frame.payload[i]!) }));
  }
  const table = h(
    'table',
    { class: 'ws-unmask' },
    h('thead', {}, header),
    h('tbody', {}, wire, keyRow, plain, chars),
  );
  const more = frame.payload.length - count;
  if (more <= 0) return section(t(lang, 'unmaskTitle'), h('div', { class: 'ws-scroll-x' }, table));
  // "Show all": every byte, eight to a line, drawn lazily (a 1 MiB payload is 131,072 lines).
  const all = wirePayloadOf(frame);
  const lines = Math.ceil(all.length / 8);
  const list = new VirtualList<number>(
    30,
    (line) => {
      const parts: string[] = [];
      for (let i = line * 8; i < Math.min(all.length, line * 8 + 8); i++) {
        parts.push(`${hexByte(all[i]!)}⊕${hexByte(key[i % 4]!)}=${hexByte(frame.payload[i]!)}`);
      }
      return h('div', {
        class: 'ws-mono-line',
        text: `${String(line * 8).padStart(7, ' ')}  ${parts.join('  ')}`,
      });
    },
    { class: 'ws-all-bytes' },
  );
  return section(
    t(lang, 'unmaskTitle'),
    h('div', { class: 'ws-scroll-x' }, table),
    showAllToggle(lang, more, () => {
      list.setItems(Array.from({ length: lines }, (_, i) => i));
      return list.element;
    }),
  );
}

/** A "Show all (N more)" button that builds the full view only when pressed. */
function showAllToggle(lang: Language, more: number, build: () => HTMLElement): HTMLElement {
  const holder = h('div', { class: 'ws-show-all' });
  const button = h('button', { type: 'button', class: 'ws-button', 'aria-expanded': 'false' });
  let view: HTMLElement | null = null;
  const label = () => {
    button.textContent = view ? t(lang, 'showLess') : `${t(lang, 'showAll')} (+${grouped(more)})`;
    button.setAttribute('aria-expanded', String(view !== null));
  };
  button.addEventListener('click', () => {
    if (view) {
      view.remove();
      view = null;
    } else {
      view = build();
      holder.append(view);
    }
    label();
  });
  label();
  holder.append(button);
  return holder;
}

/** Each character beside its UTF-8 bytes: where 你 becomes e4 bd a0. */
function utf8Chips(bytes: Uint8Array, lang: Language): HTMLElement | null {
  const text = decodeUtf8Lenient(bytes.subarray(0, 64));
  const encoder = new TextEncoder();
  const chips: HTMLElement[] = [];
  for (const char of text) {
    if (chips.length >= 12) break;
    const encoded = char === '\uFFFD' ? null : encoder.encode(char);
    chips.push(
      h(
        'span',
        { class: 'ws-chip' },
        h('span', { class: 'ws-chip-char', text: char === ' ' ? 'SP' : char }),
        h('span', { class: 'ws-chip-bytes', text: encoded ? [...encoded].map(hexByte).join(' ') : '?' }),
      ),
    );
  }
  if (chips.length === 0) return null;
  return h('div', { class: 'ws-chips', 'aria-label': t(lang, 'utf8Title') }, ...chips);
}

function textView(bytes: Uint8Array, lang: Language, title: string): HTMLElement {
  const text = decodeUtf8Lenient(
    bytes.length > 4 * previewChars ? bytes.subarray(0, 4 * previewChars) : bytes,
  );
  const shown = text.length > previewChars ? text.slice(0, previewChars) : text;
  const pre = h('pre', { class: 'ws-text', lang: 'und', text: shown || '∅' });
  const children: (Node | null)[] = [utf8Chips(bytes, lang), pre];
  if (bytes.length > 4 * previewChars || text.length > previewChars) {
    children.push(
      showAllToggle(
        lang,
        bytes.length - 4 * previewChars > 0 ? bytes.length : text.length - previewChars,
        () => {
          // Lines of 100 characters, drawn lazily: the whole text is decoded once, never laid out at once.
          const whole = decodeUtf8Lenient(bytes);
          const lines: string[] = [];
          for (let at = 0; at < whole.length; ) {
            let end = Math.min(whole.length, at + 100);
            const code = whole.charCodeAt(end - 1);
            if (end < whole.length && code >= 0xd800 && code <= 0xdbff) end++;
            lines.push(whole.slice(at, end));
            at = end;
          }
          const list = new VirtualList<string>(
            28,
            (line) => h('div', { class: 'ws-mono-line', text: line }),
            {
              class: 'ws-all-bytes',
            },
          );
          list.setItems(lines);
          return list.element;
        },
      ),
    );
  }
  return section(title, ...children);
}

function hexRow(bytes: Uint8Array, row: number, bad: Set<number>): HTMLElement {
  const line = h('div', { class: 'ws-mono-line ws-hex-row' });
  line.append(h('span', { class: 'ws-muted', text: `${(row * 16).toString(16).padStart(6, '0')}  ` }));
  let ascii = '';
  for (let i = row * 16; i < Math.min(bytes.length, row * 16 + 16); i++) {
    line.append(h('span', { class: bad.has(i) ? 'bad' : undefined, text: `${hexByte(bytes[i]!)} ` }));
    ascii += printable(bytes[i]!);
  }
  line.append(h('span', { class: 'ws-muted', text: ` ${ascii}` }));
  return line;
}

function hexDump(bytes: Uint8Array, lang: Language, title: string, bad: Set<number>): HTMLElement {
  const rows = Math.ceil(bytes.length / 16);
  const shown = Math.min(rows, 6);
  const children: HTMLElement[] = [];
  for (let row = 0; row < shown; row++) children.push(hexRow(bytes, row, bad));
  const body = h('div', { class: 'ws-hexdump' }, ...children);
  if (rows <= shown) return section(title, body);
  return section(
    title,
    body,
    showAllToggle(lang, bytes.length - shown * 16, () => {
      const list = new VirtualList<number>(28, (row) => hexRow(bytes, row, bad), { class: 'ws-all-bytes' });
      list.setItems(Array.from({ length: rows }, (_, i) => i));
      return list.element;
    }),
  );
}

function closeView(frame: Frame, lang: Language): HTMLElement {
  const payload = frame.payload;
  if (payload.length < 2) {
    return section(
      t(lang, 'closeTitle'),
      h('p', { text: payload.length === 0 ? t(lang, 'noCloseCode') : '⚠ 1 byte' }),
    );
  }
  const code = (payload[0]! << 8) | payload[1]!;
  const info = closeCodeInfo(code);
  const reason = decodeUtf8Lenient(payload.subarray(2));
  return section(
    t(lang, 'closeTitle'),
    h(
      'p',
      { class: 'ws-close' },
      h('span', { class: 'ws-muted', text: `${t(lang, 'closeCode')} ` }),
      h('strong', { class: 'ws-close-code', text: String(code) }),
      ` ${info.name} — ${info.meaning[lang]}`,
      h('br'),
      h('span', { class: 'ws-muted', text: `${t(lang, 'closeReason')} ` }),
      h('strong', { class: 'ws-close-reason', text: reason ? `“${reason}”` : '∅' }),
      h('span', { class: 'ws-muted', text: ` (${hexByte(payload[0]!)} ${hexByte(payload[1]!)} = ${code})` }),
    ),
  );
}

function deflateView(message: MessageInfo, lang: Language): HTMLElement {
  const inflated = message.inflated;
  const head = h('p', {}, `${t(lang, 'compressed')}: ${byteCount(message.wireLength, lang)} → `);
  if (!inflated) {
    head.append(t(lang, 'inflating'));
    return section(t(lang, 'deflateTitle'), head);
  }
  if (inflated.error) {
    head.append(`${t(lang, 'inflateFailed')}: ${inflated.error}`);
    return section(t(lang, 'deflateTitle'), head);
  }
  head.append(
    h('strong', { text: `${t(lang, 'inflatedTo')} ${byteCount(inflated.length, lang)}` }),
    inflated.truncated ? ` (${t(lang, 'inflateTruncated')})` : '',
  );
  const content =
    message.opcode === Opcode.text
      ? textView(inflated.bytes, lang, t(lang, 'textTitle'))
      : hexDump(inflated.bytes, lang, t(lang, 'binaryTitle'), new Set());
  content.classList.add('ws-inflated');
  return section(
    t(lang, 'deflateTitle'),
    head,
    h('p', { class: 'ws-note', text: t(lang, 'inflateNote') }),
    content,
  );
}

/** Everything below the grid about the payload: unmasking, its content as text/hex/close, inflation. */
export function renderPayload(frame: Frame, message: MessageInfo | null, lang: Language): HTMLElement {
  const root = h('div', { class: 'ws-payload' });
  if (frame.payloadOmitted) {
    root.append(section(t(lang, 'payloadTitle'), h('p', { text: t(lang, 'omitted') })));
    return root;
  }
  if (frame.payload.length === 0) {
    root.append(
      section(t(lang, 'payloadTitle'), h('p', { class: 'ws-muted', text: t(lang, 'emptyPayload') })),
    );
    if (frame.opcode === Opcode.close) root.append(closeView(frame, lang));
    return root;
  }
  const bad = badPayloadBytes(frame);
  if (frame.maskingKey) root.append(unmaskTable(frame, lang, bad));
  if (message?.compressed) {
    root.append(hexDump(frame.payload, lang, `${t(lang, 'payloadTitle')} (${t(lang, 'compressed')})`, bad));
    root.append(deflateView(message, lang));
    return root;
  }
  const isText =
    frame.opcode === Opcode.text || (frame.opcode === Opcode.continuation && message?.opcode === Opcode.text);
  if (frame.opcode === Opcode.close) root.append(closeView(frame, lang));
  else if (isText || frame.opcode === Opcode.ping || frame.opcode === Opcode.pong) {
    root.append(textView(frame.payload, lang, t(lang, 'textTitle')));
    if (bad.size > 0 || frame.opcode !== Opcode.text) {
      root.append(hexDump(frame.payload, lang, t(lang, 'binaryTitle'), bad));
    }
  } else root.append(hexDump(frame.payload, lang, t(lang, 'binaryTitle'), bad));
  return root;
}
