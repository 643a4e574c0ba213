import type {
  ConnectionSummaryJson,
  EventRecordJson,
  PageSocket,
} from '../../src/shared/inspector/protocol.ts';
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
    ...(connection.socket.remotePort === undefined ? {} : { remotePort: connection.socket.remotePort }),
    ...(connection.socket.localPort === undefined ? {} : { localPort: connection.socket.localPort }),
    openedAt: connection.openedAt,
    pageSocket: own ? pageSocketOf(connection) : null,
    ...(viewer.owner === undefined ? {} : { owner: viewer.owner }),
  };
}

export function openRecord(connection: LiveConnection, viewer: Viewer): EventRecordJson {
  const { openedAt, ...rest } = connectionSummary(connection, viewer);
  return { kind: 'open', t: openedAt, ...rest };
}

/** Which of its page's sockets a connection is, once it is known to be that page's. */
function pageSocketOf(connection: LiveConnection): PageSocket | null {
  if (connection.lab) return 'lab';
  switch (connection.endpoint) {
    case 'echo':
      return connection.compared ? 'ws' : 'echo';
    case 'chat':
      return 'chat';
    case 'room':
      return 'room';
    case 'wsnode-echo':
      return 'wsnode';
    case 'wsnode-seed':
      return 'seed';
    case 'socket.io':
    case 'socket.io-polling':
      return 'socket.io';
    case 'inspect':
      return null;
  }
}
