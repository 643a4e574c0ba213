import { type HttpMessage, headerValue, type Language, type Sender } from '../../protocol/index.ts';
import { getSession } from '../../session/index.ts';
import { createAcceptCalculator } from '../accept-key/calculator.ts';
import { realHandshakeKey, shownConnection } from '../accept-key/realKey.ts';
import '../accept-key/accept.css';
import { h } from '../shared/dom.ts';
import { byteCount } from '../shared/format.ts';
import { isolateKeys } from '../shared/keyboard.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { t } from './strings.ts';
import '../shared/widgets.css';
import './handshake.css';
import { headerNote } from './headerNotes.ts';

/**
 * The handshake explorer: the request this page sent and the server's 101, byte-exact from the tap, line by
 * line with what each does; Sec-WebSocket-Accept computed here and checked against the server's.
 */
export function mountHandshake(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const { lang } = context;
  const session = getSession();
  let side: Sender = 'client';
  let shownId: number | null = null;
  let selectedLine = 0;

  const requestTab = h('button', { type: 'button', class: 'ws-tab', text: t(lang, 'request') });
  const responseTab = h('button', { type: 'button', class: 'ws-tab', text: t(lang, 'response') });
  const meta = h('p', { class: 'ws-hs-meta' });
  const lines = h('div', { class: 'ws-hs-lines', role: 'listbox', 'aria-label': t(lang, 'handshakeLabel') });
  const note = h('p', { class: 'ws-hs-note', 'aria-live': 'polite', text: t(lang, 'headerHelp') });
  const calculator = createAcceptCalculator(lang, { realKey: realHandshakeKey });
  // The accept key is worked through on the next slide; here it shows beside the two lines it concerns, so
  // every line of any browser's request fits on the left and the note beside it reads large.
  const acceptPart = h(
    'div',
    { class: 'ws-hs-accept' },
    h('h3', { text: t(lang, 'acceptTitle') }),
    calculator.element,
  );
  const root = h(
    'div',
    { class: 'ws-widget ws-handshake', role: 'region', 'aria-label': t(lang, 'handshakeLabel') },
    h('div', { class: 'ws-hs-left' }, h('div', { class: 'ws-tabs' }, requestTab, responseTab), meta, lines),
    h('div', { class: 'ws-hs-right' }, note, acceptPart),
  );
  host.append(root);
  const release = isolateKeys(root);

  function rows(head: HttpMessage): { text: string; name: string }[] {
    return [
      { text: head.startLine, name: side === 'client' ? 'request-line' : 'status-line' },
      ...head.headers.map((header) => ({ text: header.raw, name: header.name })),
    ];
  }

  function showNote(name: string, text: string, language: Language): void {
    const label =
      name === 'request-line' || name === 'status-line' ? text.split(' ').slice(0, 1).join('') : name;
    const value = text.slice(text.indexOf(':') + 1).trim();
    note.replaceChildren(h('strong', { text: `${label}: ` }), headerNote(name, value, language));
    acceptPart.hidden = !/^sec-websocket-(key|accept)$/i.test(name);
  }

  function draw(): void {
    const connection = shownConnection();
    requestTab.setAttribute('aria-pressed', String(side === 'client'));
    responseTab.setAttribute('aria-pressed', String(side === 'server'));
    if (!connection) {
      shownId = null;
      meta.textContent = '';
      lines.replaceChildren(
        h('p', {
          class: 'ws-empty',
          text: t(
            lang,
            session.status.phase === 'live' || session.status.phase === 'connecting'
              ? 'handshakeWaiting'
              : 'handshakeOffline',
          ),
        }),
      );
      return;
    }
    const handshake = connection.handshake[side];
    const head = handshake.head!;
    shownId = connection.id;
    meta.textContent = `${t(lang, 'connectionNumber', { id: connection.id })} · ${byteCount(handshake.bytes.length, lang)} · ${handshake.reads.length} ${t(lang, side === 'client' ? 'read' : 'write')} · ${t(lang, 'bytesExact')}`;
    const items = rows(head);
    selectedLine = Math.min(selectedLine, items.length - 1);
    lines.replaceChildren(
      ...items.map((row, index) => {
        const name = row.text.slice(0, Math.max(0, row.text.indexOf(':')));
        const line = h(
          'div',
          {
            class: `ws-hs-line${index === selectedLine ? ' selected' : ''}`,
            role: 'option',
            tabindex: index === selectedLine ? '0' : '-1',
            'aria-selected': String(index === selectedLine),
            'data-header': row.name.toLowerCase(),
          },
          index === 0
            ? h('span', { class: 'ws-hs-start', text: row.text })
            : h('span', {}, h('span', { class: 'ws-hs-name', text: name }), row.text.slice(name.length)),
          h('span', { class: 'ws-crlf', 'aria-hidden': 'true', text: '\\r\\n' }),
        );
        const select = () => {
          selectedLine = index;
          for (const other of lines.children) {
            other.classList.remove('selected');
            other.setAttribute('tabindex', '-1');
            other.setAttribute('aria-selected', 'false');
          }
          line.classList.add('selected');
          line.tabIndex = 0;
          line.setAttribute('aria-selected', 'true');
          showNote(row.name, row.text, lang);
        };
        line.addEventListener('mouseenter', () => showNote(row.name, row.text, lang));
        line.addEventListener('focus', select);
        line.addEventListener('click', select);
        return line;
      }),
      h(
        'div',
        { class: 'ws-hs-line ws-hs-blank', 'aria-hidden': 'true' },
        h('span', { class: 'ws-crlf', text: '\\r\\n' }),
      ),
    );
    const item = items[selectedLine];
    if (item) showNote(item.name, item.text, lang);
    const request = connection.handshake.client.head;
    const response = connection.handshake.server.head;
    const key = request ? headerValue(request, 'sec-websocket-key') : undefined;
    if (key)
      calculator.setKey(key, response ? (headerValue(response, 'sec-websocket-accept') ?? null) : null);
  }

  lines.addEventListener('keydown', (event) => {
    const all = [...lines.querySelectorAll<HTMLElement>('.ws-hs-line[role="option"]')];
    const index = all.indexOf(document.activeElement as HTMLElement);
    const next = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : null;
    if (next === null) return;
    event.preventDefault();
    all[Math.max(0, Math.min(all.length - 1, next))]?.focus();
  });
  requestTab.addEventListener('click', () => {
    side = 'client';
    selectedLine = 0;
    draw();
  });
  responseTab.addEventListener('click', () => {
    side = 'server';
    selectedLine = 0;
    draw();
  });

  const unsubscribe = session.subscribe((change) => {
    if (!change.status && !change.connections && !change.timeline) return;
    const connection = shownConnection();
    if ((connection?.id ?? null) !== shownId || change.status) draw();
  });
  draw();

  return {
    destroy() {
      unsubscribe();
      release();
      root.remove();
    },
  };
}
