import type { VisitorJson } from '../../src/shared/inspector/protocol.ts';
import type { ServerContext } from '../context.ts';
import type { InspectorClient } from '../inspect/inspectorClient.ts';
import type { Session } from '../sessions.ts';
import { LatestPush } from './latestPush.ts';

/** Opens and closes come in bursts (a class joining): the presenter's list is sent once per burst. */
const gatherMs = 100;
/** However fast visitors come, go and toggle consent: at most this often, one list in flight at a time. */
const everyMs = 100;

/**
 * The presenter's grouped view: one entry per session with open tapped connections, labelled by its short
 * label and chat nickname, with counts by endpoint; connection ids only where the presenter may look (its
 * own, or a visitor's who shares). Never a token, never a byte. The presenter's own entry comes first.
 */
export function visitorsOf(client: InspectorClient, context: ServerContext): VisitorJson[] {
  const bySession = new Map<Session, { endpoints: string[]; ids: number[] }>();
  for (const connection of context.registry.connections.values()) {
    if (connection.endpoint === 'inspect' || !connection.session) continue;
    const entry = bySession.get(connection.session) ?? { endpoints: [], ids: [] };
    entry.endpoints.push(connection.lab ? 'lab' : connection.endpoint);
    entry.ids.push(connection.id);
    bySession.set(connection.session, entry);
  }
  const visitors = [...bySession].map(([session, { endpoints, ids }]): VisitorJson => {
    const nick = context.chat.nickOf(session);
    const own = session === client.session;
    return {
      label: session.label,
      ...(nick === undefined ? {} : { nick }),
      connections: ids.length,
      endpoints,
      sharing: session.sharing,
      own,
      ids: own || session.sharing ? ids : [],
    };
  });
  const name = (v: VisitorJson) => v.nick ?? v.label;
  return visitors.sort((a, b) => Number(b.own) - Number(a.own) || name(a).localeCompare(name(b)));
}

/**
 * A presenter's inspector is sent the list of visitors whenever it changes (a connection opened or closed,
 * a visitor started or stopped sharing), until it closes. Pushes are coalesced (server/room/latestPush.ts):
 * the list is built when it goes, so a newer one replaces a pending one, and a flood of changes costs the
 * presenter one list per `everyMs` at most, never its socket. A change of consent goes without gathering,
 * so a visitor who stops sharing leaves the projector now; opens and closes are gathered for `gatherMs`.
 */
export function followVisitors(client: InspectorClient, context: ServerContext): () => void {
  const push = new LatestPush(
    (done) => client.push({ type: 'visitors', visitors: visitorsOf(client, context) }, done),
    everyMs,
  );
  const stop = context.registry.onChange((consent) => push.changed(consent ? 0 : gatherMs));
  return () => {
    push.stop();
    stop();
  };
}
