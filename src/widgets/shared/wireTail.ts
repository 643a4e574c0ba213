import type { Language } from '../../protocol/index.ts';
import type { LiveSession } from '../../session/index.ts';
import type { WireConnection } from '../../session/wireConnection.ts';
import { wireRows } from '../library-compare/libraryWire.ts';
import { rowView } from '../library-compare/rowView.ts';
import { h, replace } from './dom.ts';
import '../library-compare/library.css';

/**
 * The newest frames of some of this page's connections, as the tap saw them (decoded from its bytes, the
 * same rows as the library comparison): a widget shows what its own action put on the wire. Pings and
 * pongs are left out: on these sockets they are the server's heartbeat, not the widget's exchange.
 */
export function wireTail(
  session: LiveSession,
  lang: Language,
  connections: () => readonly WireConnection[],
  rows: number,
): { readonly element: HTMLElement; destroy(): void } {
  const list = h('ol', { class: 'ws-lib-rows ws-wire-tail', 'aria-live': 'polite' });
  let frame = 0;
  const render = () => {
    frame = 0;
    replace(
      list,
      ...wireRows(session, connections(), false)
        .filter((row) => !/^(ping|pong) /.test(row.carrier))
        .slice(-rows)
        .map((row) => rowView(row, lang)),
    );
  };
  const stop = session.subscribe((change) => {
    if (change.frames) frame ||= requestAnimationFrame(render);
  });
  render();
  return {
    element: list,
    destroy() {
      stop();
      cancelAnimationFrame(frame);
    },
  };
}
