import type { ConnectionSummaryJson, EventRecordJson } from '../../src/shared/inspector/protocol.ts';
import type { LiveConnection } from '../connections.ts';

/** Who looks: the presenter gets an owner label; a page learns which connections are its own sockets. */
export type Viewer = { readonly owner?: string | undefined; readonly page: string | null };

/** What an inspector is told about a connection: never its session token, never another's secrets. */
export function connectionSummary(connection: LiveConnection, viewer: Viewer): ConnectionSummaryJson {
  const own = viewer.page !== null && connection.page === viewer.page;
  return {
    connection: connection.id,
    endpoint: connection.endpoint,
    path: connection.path,
    lab: connection.lab,
    deflate: connection.deflate,
    subprotocol: connection.ws.protocol,
    extensions: connection.ws.extensions,
    remote: connection.remote,
    openedAt: connection.openedAt,
    pageSocket: !own
      ? null
      : connection.lab
        ? 'lab'
        : connection.endpoint === 'inspect'
          ? null
          : connection.endpoint,
    ...(viewer.owner === undefined ? {} : { owner: viewer.owner }),
  };
}

export function openRecord(connection: LiveConnection, viewer: Viewer): EventRecordJson {
  const { openedAt, ...rest } = connectionSummary(connection, viewer);
  return { kind: 'open', t: openedAt, ...rest };
}
