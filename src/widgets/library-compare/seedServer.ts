import { getSession } from '../../session/index.ts';
import { getLibrarySockets } from '../../session/librarySockets.ts';
import { startAutoDemo } from '../shared/autoDemo.ts';
import { h, replace } from '../shared/dom.ts';
import { isolateKeys } from '../shared/keyboard.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { wireRows } from './libraryWire.ts';
import { rowView } from './rowView.ts';
import { t } from './strings.ts';
import { whenOpen } from './whenOpen.ts';
import '../shared/widgets.css';
import './library.css';

/**
 * Beside the seed's WebSocket-Node code: that code running at /wsnode/seed. The learner sends a message;
 * the reply 'some message' shows as the frame the tap saw, and the code's console.log lines as the server
 * printed them (they reach this page because the connection is this page's own).
 */
export function mountSeedServer(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const lang = context.lang;
  const session = getSession();
  const sockets = getLibrarySockets(session);
  const input = h('input', {
    class: 'ws-input ws-lib-input',
    value: 'hello',
    'aria-label': t(lang, 'libMessage'),
  });
  const send = h('button', {
    class: 'ws-button ws-button-primary',
    type: 'button',
    text: t(lang, 'libSend'),
  });
  const status = h('span', { class: 'ws-muted ws-lib-state' });
  const wire = h('ol', { class: 'ws-lib-rows' });
  const log = h('ol', { class: 'ws-lib-rows ws-seed-log' });
  const root = h(
    'div',
    { class: 'ws-widget ws-lib ws-seed', role: 'region', 'aria-label': 'ws://…/wsnode/seed' },
    h('div', { class: 'ws-lib-controls' }, input, send),
    h('h3', {}, 'ws://…/wsnode/seed ', status),
    h('h4', { text: t(lang, 'libSeedWire') }),
    wire,
    h('h4', { text: t(lang, 'libSeedLog') }),
    log,
  );
  host.append(root);
  const release = isolateKeys(root);
  const fire = () => sockets.send(input.value, ['seed']);
  send.addEventListener('click', fire);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') fire();
  });

  let frame = 0;
  const render = () => {
    frame = 0;
    const state = sockets.state('seed');
    status.textContent = `(${t(lang, state === 'open' ? 'libOpen' : state === 'connecting' ? 'libConnecting' : 'libClosed')})`;
    const connections = sockets.connections('seed');
    const ids = new Set(connections.map((c) => c.id));
    const rows = wireRows(session, connections, false).slice(-4);
    replace(
      wire,
      ...(rows.length
        ? rows.map((row) => rowView(row, lang))
        : [h('li', { class: 'ws-muted', text: t(lang, 'libNothingYet') })]),
    );
    const lines = session.timeline
      .list()
      .filter(
        (entry) =>
          entry.kind === 'notice' &&
          entry.name === 'log' &&
          entry.connection !== null &&
          ids.has(entry.connection),
      )
      .slice(-3)
      .map((entry) =>
        h('li', { class: 'ws-lib-payload', text: entry.kind === 'notice' ? entry.message : '' }),
      );
    replace(log, ...lines);
  };
  const draw = () => {
    frame ||= requestAnimationFrame(render);
  };
  const stopSession = session.subscribe((change) => {
    if (change.status && session.status.phase === 'live') void sockets.open(['seed']).then(draw);
    draw();
  });
  const stopSockets = sockets.listen(draw);
  if (session.status.phase === 'live') void sockets.open(['seed']).then(draw);
  render();
  // Untouched, the slide sends its "hello" to the seed's code by itself: its reply and its log lines show.
  const demo = startAutoDemo(root, session, lang, async (control) => {
    if (await whenOpen(sockets, ['seed'], control)) fire();
  });
  return {
    destroy() {
      demo.destroy();
      release();
      stopSession();
      stopSockets();
      cancelAnimationFrame(frame);
      root.remove();
    },
  };
}
