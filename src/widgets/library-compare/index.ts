import type { Language } from '../../protocol/index.ts';
import { getSession, type LiveSession } from '../../session/index.ts';
import {
  getLibrarySockets,
  type LibraryName,
  type LibrarySockets,
  libraryNames,
} from '../../session/librarySockets.ts';
import { startAutoDemo } from '../shared/autoDemo.ts';
import { h, replace } from '../shared/dom.ts';
import { isolateKeys } from '../shared/keyboard.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { handshakeView, type OpenValues } from './handshakeView.ts';
import { type ByteRow, measureMessage, utf8Length, wireRows } from './libraryWire.ts';
import { rowView } from './rowView.ts';
import { t } from './strings.ts';
import { whenOpen } from './whenOpen.ts';
import '../shared/widgets.css';
import './library.css';

export const libraryTitles: Record<LibraryName, string> = {
  ws: 'ws',
  wsnode: 'WebSocket-Node',
  'socket.io': 'socket.io',
};

/** Rows kept on screen per library: the newest, so a projector can read them. */
const rowsShown = 4;

/**
 * The comparison slide: one message goes through ws, WebSocket-Node and socket.io; three inspectors side
 * by side show what each put on the wire, decoded from the tap's bytes (socket.io's Engine.IO and socket.io
 * layers on top of its frames and polling bodies), and a table of the bytes measured for that message.
 * `data-widget-mode="handshake"` shows the three handshakes header by header instead.
 */
export function mountLibraryCompare(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const lang = context.lang;
  const session = getSession();
  const sockets = getLibrarySockets(session);
  const handshakes = context.options.widgetMode === 'handshake';
  const input = h('input', {
    class: 'ws-input ws-lib-input',
    value: 'hello',
    maxlength: 200,
    'aria-label': t(lang, 'libMessage'),
  });
  let lastSent = input.value;
  const sendButton = h('button', {
    class: 'ws-button ws-button-primary',
    type: 'button',
    text: t(lang, 'libSendAll'),
  });
  const status = h('span', { class: 'ws-muted ws-lib-status', role: 'status' });
  const columns = libraryNames.map((name) => ({
    name,
    state: h('span', { class: 'ws-lib-state' }),
    body: h('ol', { class: 'ws-lib-rows', 'aria-live': 'polite' }),
  }));
  const table = h('table', { class: 'ws-lib-table' });
  const openValues: OpenValues = new Set();
  const root = h(
    'div',
    {
      class: `ws-widget ws-lib ${handshakes ? 'ws-lib-handshakes' : 'ws-lib-compare'}`,
      role: 'region',
      'aria-label': t(lang, 'libCompareLabel'),
    },
    handshakes ? null : h('div', { class: 'ws-lib-controls' }, input, sendButton, status),
    h(
      'div',
      { class: 'ws-lib-columns' },
      ...columns.map((column) =>
        h(
          'div',
          { class: 'ws-lib-column', 'data-library': column.name },
          h('h3', {}, libraryTitles[column.name], ' ', column.state),
          column.body,
        ),
      ),
    ),
    handshakes ? null : table,
  );
  host.append(root);
  const release = isolateKeys(root);

  const send = () => {
    lastSent = input.value;
    sockets.send(lastSent, libraryNames);
    draw();
  };
  sendButton.addEventListener('click', send);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') send();
  });
  input.addEventListener('input', () => draw());

  let frame = 0;
  const draw = () => {
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  };
  const render = () => {
    const live = session.status.phase === 'live';
    status.textContent = live ? '' : t(lang, 'libNoServer');
    for (const column of columns) {
      const state = sockets.state(column.name);
      // socket.io's header says how its packets travel: it opens over long polling, then upgrades.
      const transport = column.name === 'socket.io' ? sockets.socketIoTransport() : null;
      const carried = transport
        ? ` · ${t(lang, transport === 'polling' ? 'libPolling' : 'libWebSocket')}`
        : '';
      column.state.textContent = `(${t(lang, state === 'open' ? 'libOpen' : state === 'connecting' ? 'libConnecting' : 'libClosed')}${carried})`;
      const connections = sockets.connections(column.name);
      if (handshakes) {
        replace(column.body, handshakeView(connections, column.name, lang, openValues));
        continue;
      }
      const rows = wireRows(session, connections, column.name === 'socket.io').slice(-rowsShown);
      replace(
        column.body,
        ...(rows.length === 0
          ? [h('li', { class: 'ws-muted', text: t(lang, 'libNothingYet') })]
          : rows.map((row) => rowView(row, lang))),
      );
      fitRows(column.body);
    }
    if (!handshakes) renderTable(table, session, sockets, lastSent, lang);
  };

  // A hidden slide lays nothing out: fit the rows again once the list has its size.
  const resized = new ResizeObserver(() => draw());
  if (!handshakes) for (const column of columns) resized.observe(column.body);
  const stopSession = session.subscribe(() => draw());
  const stopSockets = sockets.listen(() => draw());
  const connect = () => {
    if (session.status.phase === 'live') void sockets.open(libraryNames).then(draw);
  };
  const stopStatus = session.subscribe((change) => {
    if (change.status) connect();
  });
  connect();
  render();
  // Untouched, the comparison sends its message through all three by itself (handshakes: they are there).
  const demo = handshakes
    ? null
    : startAutoDemo(root, session, lang, async (control) => {
        if (await whenOpen(sockets, libraryNames, control)) send();
      });
  return {
    destroy() {
      demo?.destroy();
      release();
      resized.disconnect();
      stopSession();
      stopSockets();
      stopStatus();
      cancelAnimationFrame(frame);
      root.remove();
    },
  };
}

/**
 * Whole rows only: the list shows its newest rows at the bottom, and the oldest that would not fit whole
 * are left out rather than cut (socket.io's polling rows are tall). The newest row always stays.
 */
function fitRows(list: HTMLElement) {
  const top = list.getBoundingClientRect().top;
  while (list.children.length > 1 && list.firstElementChild!.getBoundingClientRect().top < top - 0.5) {
    list.firstElementChild!.remove();
  }
}

function renderTable(
  table: HTMLTableElement,
  session: LiveSession,
  sockets: LibrarySockets,
  text: string,
  lang: Language,
) {
  const measured: [LibraryName, ByteRow][] = libraryNames.map((name) => {
    const connections = sockets.connections(name);
    // socket.io wraps the text in an event: 42["echo","hello"] both ways (our server echoes the event).
    const payload = name === 'socket.io' ? `42${JSON.stringify(['echo', text])}` : text;
    return [name, measureMessage(session, connections, payload, payload)];
  });
  const cost = (c: ByteRow['toServer']) =>
    c
      ? `${c.wire} B (${c.payload} B)${c.overHttp ? ` · ${t(lang, 'libOverPolling')}` : ''}`
      : t(lang, 'libNotMeasured');
  replace(
    table,
    h('caption', {
      text: `${t(lang, 'libTableCaption')}: "${text}" (${utf8Length(text)} B)`,
    }),
    h(
      'tr',
      {},
      h('th', { text: t(lang, 'libTableLibrary') }),
      h('th', { text: t(lang, 'libTableToServer') }),
      h('th', { text: t(lang, 'libTableToBrowser') }),
      h('th', { text: t(lang, 'libTableSetup') }),
    ),
    ...measured.map(([name, row]) =>
      h(
        'tr',
        { 'data-library': name },
        h('th', { text: libraryTitles[name] }),
        h('td', { text: cost(row.toServer), 'data-measured': row.toServer ? 'yes' : 'no' }),
        h('td', { text: cost(row.toBrowser), 'data-measured': row.toBrowser ? 'yes' : 'no' }),
        h('td', { text: `${row.setup} B` }),
      ),
    ),
  );
}
