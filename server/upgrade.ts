import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { admit } from './admission/admit.ts';
import type { ServerContext } from './context.ts';
import { type EndpointRow, endpointAt, type WsServer, wsRows } from './endpoints/table.ts';
import type { LibraryEndpoints } from './libraries/libraryEndpoints.ts';
import type { Register } from './register.ts';
import type { SocketIntake } from './tap/socketIntake.ts';

/** A refusal before the upgrade: a plain HTTP answer, then the socket is closed. */
function refuse(socket: Socket, status: number, message: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  // A client that never reads must not keep the socket: give the answer a second, then drop it.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** One `ws` server per row of ours (and a deflating twin where the row allows it), built from the table. */
function wsServersFor(
  context: ServerContext,
): Map<EndpointRow, { plain: WebSocketServer; deflate?: WebSocketServer }> {
  const servers = new Map<EndpointRow, { plain: WebSocketServer; deflate?: WebSocketServer }>();
  for (const row of wsRows()) {
    const common = {
      noServer: true,
      clientTracking: false,
      maxPayload: row.server.maxPayload(context.options),
      handleProtocols: row.server.subprotocol ?? (() => false),
    } as const;
    servers.set(row, {
      plain: new WebSocketServer({ ...common, perMessageDeflate: false }),
      ...(row.server.deflateOnRequest
        ? { deflate: new WebSocketServer({ ...common, perMessageDeflate: { threshold: 0 } }) }
        : {}),
    });
  }
  return servers;
}

/**
 * Routes each upgrade request by the endpoint table (server/endpoints/table.ts), once the one admission
 * check (server/admission/admit.ts) let it in: to our `ws` server for its row, or to the library behind
 * it. Every accepted connection is registered (`register`) under the same guards.
 */
export function createUpgradeHandler(
  context: ServerContext,
  intake: SocketIntake,
  libraries: LibraryEndpoints,
  register: Register,
) {
  const { log } = context;
  const servers = wsServersFor(context);
  // Only the rows' own paths: every row is routed below, by the kind of server behind it.
  const endpointFor = (url: URL) => endpointAt(url.pathname);

  return (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const tap = intake.upgrading(socket, head, `${req.method} ${req.url} HTTP/`);
    socket.on('error', () => socket.destroy());
    const remote = socket.remoteAddress ?? 'unknown';
    const admitted = admit(req, remote, endpointFor, context, libraries.socketIo);
    if ('status' in admitted) {
      // A refused socket is never inspected: keep nothing of what the client sends in its last second.
      tap.stop();
      log.warn('refused', { ...admitted, remote });
      refuse(socket, admitted.status, admitted.why);
      return;
    }
    const { endpoint, url, association, claim, conform } = admitted;
    if (endpoint.server.kind !== 'ws') {
      libraries.upgrade(endpoint, req, socket, head, {
        url,
        association,
        tap,
        remote,
        // A run against WebSocket-Node's echo: held and hidden like a run against /echo.
        ...(conform ? { conform: { address: admitted.address } } : {}),
      });
      return;
    }
    const ours: WsServer = endpoint.server;
    const server = servers.get(endpoint)!;
    const chosen = server.deflate && url.searchParams.get('deflate') === '1' ? server.deflate : server.plain;
    chosen.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      tap.opened();
      const connection = register({
        id: tap.connection,
        endpoint: endpoint.name,
        path: url.pathname,
        // A conformance run's socket is not the page's session: its inspector must not see, nor its lab
        // commands reach, the run's sockets.
        session: conform ? null : association.session,
        lab: admitted.lab,
        // The page that asked for the ticket: the server tells that page this socket is its own.
        page: association.page,
        compared: association.compared,
        address: admitted.address,
        conform,
        deflate: ws.extensions.includes('permessage-deflate'),
        ws,
        socket,
        tap,
      });
      ours.accept(connection, context, url);
      claim?.arrived(connection);
    });
  };
}
