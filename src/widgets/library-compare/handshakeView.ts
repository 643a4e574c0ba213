import type { Language } from '../../protocol/index.ts';
import type { LibraryName } from '../../session/librarySockets.ts';
import type { WireConnection } from '../../session/wireConnection.ts';
import { h } from '../shared/dom.ts';
import { t } from './strings.ts';

/** What RFC 6455 §4.2.2 puts in a 101: any other header is the library's own. */
const standardResponse = new Set([
  'upgrade',
  'connection',
  'sec-websocket-accept',
  'sec-websocket-protocol',
  'sec-websocket-extensions',
]);

/**
 * Headers the browser sends on every request, whatever the library, folded into one line: its everyday
 * ones, and the WebSocket ones that read the same in every request (the request slides show them).
 * What stays is where the three differ: the URL, the key, the extensions and subprotocols offered.
 */
const browserChatter = new Set([
  'host',
  'connection',
  'upgrade',
  'sec-websocket-version',
  'pragma',
  'cache-control',
  'user-agent',
  'accept-encoding',
  'accept-language',
]);
/** ws101's own query parameters (the single-use ticket, the comparison's label): not the library's. */
const ourParameters = new Set(['ticket', 'compare']);

/** Random base64 values: their first characters on a projector, the whole value on demand. */
const abbreviated = new Set(['sec-websocket-key', 'sec-websocket-accept']);
const abbreviatedLength = 8;

/** Which abbreviated values the presenter opened, by `library header-name`: kept across re-renders. */
export type OpenValues = Set<string>;

/** A note under each part: the request's under the request, the answer's under the answer. */
const notes = {
  request: { ws: 'libNoteWsRequest', wsnode: 'libNoteWsnodeRequest', 'socket.io': 'libNoteSocketIo' },
  response: { ws: 'libNoteWs', wsnode: 'libNoteWsnode', 'socket.io': 'libNoteSocketIoResponse' },
} as const;

/** The WebSocket handshake of one library, header by header, as the tap saw it (the newest connection's). */
export function handshakeView(
  connections: readonly WireConnection[],
  library: LibraryName,
  lang: Language,
  open: OpenValues = new Set(),
): HTMLElement {
  const value = (header: { name: string; value: string }) => {
    const name = header.name.toLowerCase();
    if (!abbreviated.has(name) || header.value.length <= abbreviatedLength + 1) return header.value;
    const key = `${library} ${name}`;
    const short = `${header.value.slice(0, abbreviatedLength)}…`;
    const button = h('button', {
      class: 'ws-lib-whole',
      type: 'button',
      title: t(lang, 'libShowWhole'),
      'aria-expanded': open.has(key) ? 'true' : 'false',
      text: open.has(key) ? header.value : short,
    });
    button.addEventListener('click', () => {
      const opening = !open.has(key);
      if (opening) open.add(key);
      else open.delete(key);
      button.setAttribute('aria-expanded', String(opening));
      button.textContent = opening ? header.value : short;
    });
    return button;
  };
  const socket = [...connections].reverse().find((c) => !c.httpOnly && c.handshake.server.head);
  const note = (part: keyof typeof notes) =>
    h('p', { class: 'ws-lib-note', text: t(lang, notes[part][library]) });
  if (!socket) return h('li', {}, h('p', { class: 'ws-muted', text: t(lang, 'libNoHandshake') }));
  const request = socket.handshake.client.head;
  const response = socket.handshake.server.head;
  const [method = '', target = '', version = ''] = request?.startLine.split(' ') ?? [];
  const [path = '', query = ''] = target.split('?');
  const libraryParameters = [...new URLSearchParams(query)].filter(([name]) => !ourParameters.has(name));
  const shown = (request?.headers ?? []).filter((header) => !browserChatter.has(header.name.toLowerCase()));
  const folded = (request?.headers.length ?? 0) - shown.length;
  // Two parts a slide can show one at a time (its fragment steps: the requests, then the answers).
  return h(
    'li',
    { class: 'ws-lib-handshake' },
    h(
      'div',
      { class: 'ws-lib-question' },
      h('h4', { text: `${t(lang, 'libRequest')} · ${socket.handshake.client.bytes.length} B` }),
      h('p', { class: 'ws-lib-header ws-lib-start' }, `${method} ${path}${query ? '?…' : ''} ${version}`),
      ...libraryParameters.map(([name, value]) =>
        h('p', { class: 'ws-lib-header ws-lib-odd' }, h('b', { text: `${name}=` }), value),
      ),
      ...shown.map((header) =>
        h(
          'p',
          { class: 'ws-lib-header', title: header.raw },
          h('b', { text: `${header.name}: ` }),
          value(header),
        ),
      ),
      folded > 0
        ? h('p', { class: 'ws-lib-header ws-muted', text: `+ ${folded} ${t(lang, 'libBrowserHeaders')}` })
        : null,
      note('request'),
    ),
    h(
      'div',
      { class: 'ws-lib-answer' },
      h('h4', { text: `${t(lang, 'libResponse')} · ${socket.handshake.server.bytes.length} B` }),
      h('p', { class: 'ws-lib-header ws-lib-start', text: response?.startLine ?? '' }),
      ...(response?.headers ?? []).map((header) =>
        h(
          'p',
          {
            class: `ws-lib-header${standardResponse.has(header.name.toLowerCase()) ? '' : ' ws-lib-odd'}`,
            title: header.raw,
          },
          h('b', { text: `${header.name}: ` }),
          value(header),
        ),
      ),
      note('response'),
    ),
  );
}
