import { headerValue } from '../../protocol/index.ts';
import { getSession, type WireConnection } from '../../session/index.ts';

/** The page's own echo connection, or failing that the newest /echo connection whose handshake is whole. */
export function shownConnection(): WireConnection | null {
  const session = getSession();
  if (session.echoConnection !== null) {
    const own = session.connection(session.echoConnection);
    if (own?.handshake.server.head) return own;
  }
  let newest: WireConnection | null = null;
  for (const connection of session.connections.values()) {
    const { client, server } = connection.handshake;
    if (client.head && server.head && connection.info?.endpoint === 'echo') newest = connection;
  }
  return newest;
}

/** The key this page's browser sent and the accept the server answered, byte-exact from the tap. */
export function realHandshakeKey(): { key: string; accept: string | null } | null {
  const connection = shownConnection();
  const request = connection?.handshake.client.head;
  const key = request ? headerValue(request, 'sec-websocket-key') : undefined;
  if (!connection || key === undefined) return null;
  const response = connection.handshake.server.head;
  return { key, accept: response ? (headerValue(response, 'sec-websocket-accept') ?? null) : null };
}
