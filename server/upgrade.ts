import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { preciseNow } from '../src/shared/clock.ts';
import { ticketSocketPaths } from '../src/shared/inspector/protocol.ts';
import { roomCommandLimit } from '../src/shared/room.ts';
import { associationOf, claimTicket } from './admission/association.ts';
import { hostRefusal } from './admission/hostAllowList.ts';
import { isOriginAllowed } from './admission/origin.ts';
import { TokenBucket } from './admission/rateLimit.ts';
import type { EndpointName, LiveConnection } from './connections.ts';
import type { ServerContext } from './context.ts';
import { type ChatRoom, chatMessageLimit } from './endpoints/chatRoom.ts';
import { acceptEcho, echoSubprotocol } from './endpoints/echo.ts';
import type { IdleSweep } from './idleSweep.ts';
import { acceptInspector } from './inspect/inspectEndpoint.ts';
import { notice } from './inspect/records.ts';
import type { LibraryEndpoints } from './libraries/libraryEndpoints.ts';
import type { SocketIntake } from './tap/socketIntake.ts';
import { closeCodeOfError } from './wsErrors.ts';

/** Every path a WebSocket may open: each ticket's own (their one map), and /inspect, which no ticket opens. */
const endpoints: Record<string, EndpointName> = {
  ...Object.fromEntries(Object.entries(ticketSocketPaths).map(([socket, path]) => [path, socket])),
  '/inspect': 'inspect',
};

/** What a new connection is, besides what `register` fills in itself. */
export type NewConnection = Omit<LiveConnection, 'id' | 'openedAt' | 'watchers' | 'remote'> & {
  readonly id?: number;
};

export type Register = (fields: NewConnection) => LiveConnection;

const chatNeedsTicket = 'the chat needs a ticket: ask for one on /inspect (type "ticket", socket "chat")';

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

/**
 * Routes each upgrade request to its endpoint after the checks that keep the server safe: a known
 * path, a same-origin page, room under the connection caps. Then every connection gets the same
 * guards (message rate, heartbeat, idle) and is registered for the inspectors.
 */
export function createUpgradeHandler(
  context: ServerContext,
  intake: SocketIntake,
  idle: IdleSweep,
  /** Builds the other libraries' endpoints, given how to register their connections. */
  makeLibraries: (register: Register, joinChat: ChatRoom['join']) => LibraryEndpoints,
) {
  const { options, registry, log, sessions } = context;
  const common = { noServer: true, clientTracking: false, maxPayload: options.maxPayload } as const;
  const servers = {
    echo: new WebSocketServer({ ...common, perMessageDeflate: false, handleProtocols: echoSubprotocol }),
    // threshold 0: even a 5-byte message is compressed, so learners see RSV1 on everything they send.
    echoDeflate: new WebSocketServer({
      ...common,
      perMessageDeflate: { threshold: 0 },
      handleProtocols: echoSubprotocol,
    }),
    // What an inspector or a chat member needs to send is small: a big message is refused (1009) by ws
    // before it is buffered, let alone parsed.
    inspect: new WebSocketServer({
      ...common,
      maxPayload: options.inspectorMessageLimit,
      perMessageDeflate: false,
      handleProtocols: () => false,
    }),
    chat: new WebSocketServer({
      ...common,
      maxPayload: chatMessageLimit,
      perMessageDeflate: false,
      handleProtocols: () => false,
    }),
    // A room page sends a position or whether it follows: a few dozen bytes.
    room: new WebSocketServer({
      ...common,
      maxPayload: roomCommandLimit,
      perMessageDeflate: false,
      handleProtocols: () => false,
    }),
  };
  const { chat } = context;
  const libraries = makeLibraries(register, (member, nick, visitor) => {
    if (visitor) chat.join(member, nick, visitor);
    else member.close(1008, chatNeedsTicket);
  });

  return (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const tap = intake.upgrading(socket, head, `${req.method} ${req.url} HTTP/`);
    socket.on('error', () => socket.destroy());
    const remote = socket.remoteAddress ?? 'unknown';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      tap.stop();
      return refuse(socket, 400, 'bad request target');
    }
    const endpoint = endpoints[url.pathname];
    const refused = (status: number, why: string) => {
      // A refused socket is never inspected: keep nothing of what the client sends in its last second.
      tap.stop();
      log.warn('refused', { path: url.pathname, status, why, remote });
      refuse(socket, status, why);
    };
    if (!context.hostAllowed(req.headers.host)) return refused(403, hostRefusal(req.headers.host));
    if (!endpoint) {
      return refused(
        404,
        'no WebSocket endpoint here: try /echo, /chat, /room, /inspect, /wsnode/echo or /socket.io/',
      );
    }
    if (!isOriginAllowed(req, options.allowOrigins, context.tls ? 'https:' : 'http:'))
      return refused(403, `origin ${req.headers.origin} not allowed`);
    if (registry.connections.size >= options.maxConnections) return refused(503, 'server full');

    // A connection belongs to a session only by a ticket the session's page asked for on /inspect for
    // this endpoint; the later requests of a socket.io session (`sid=`) by the server's own record of
    // whose that session is (the ticket they repeat is spent).
    const inherited = endpoint === 'socket.io' ? libraries.socketIo.ownerOf(url, remote) : null;
    if (inherited && 'refusal' in inherited) return refused(403, inherited.refusal);
    // A WebSocket-only socket.io session (no polling first) is a new Engine.IO session: counted as such.
    const noRoom = endpoint === 'socket.io' && !inherited ? libraries.socketIoSessionRefusal() : null;
    if (noRoom) return refused(503, noRoom);
    const claimed = inherited ? { claim: undefined } : claimTicket(context.tickets, url, remote);
    if ('refusal' in claimed) return refused(403, claimed.refusal);
    const { claim } = claimed;
    const lab = claim?.lab ? claim : undefined;
    // A conformance run's connection: the server testing its own endpoint for a page (server/conform/).
    const conform = claim?.conform === true;
    // A lab connection was counted against its visitor's address when it was asked for, a conformance
    // run's when the run began (it holds room for all it opens at once).
    if (!lab && !conform && registry.countFor(remote) >= options.maxConnectionsPerIp) {
      return refused(503, 'too many connections from your address');
    }
    const association = inherited ? inherited.association : associationOf(claim, url);
    // The chat counts, mutes and limits its members by session: a socket without a page's ticket has none.
    if (endpoint === 'chat' && !association.session) return refused(403, chatNeedsTicket);
    // A conformance run's socket is not the page's session: its inspector must not see, nor its lab
    // commands reach, the run's sockets.
    const session = conform ? null : association.session;
    if (endpoint === 'wsnode-seed' || endpoint === 'wsnode-echo' || endpoint === 'socket.io') {
      libraries.upgrade(endpoint, req, socket, head, {
        url,
        association,
        tap,
        remote,
        // A run against WebSocket-Node's echo: held and hidden like a run against /echo.
        ...(conform ? { conform: { address: claim!.address } } : {}),
      });
      return;
    }
    const deflate = endpoint === 'echo' && url.searchParams.get('deflate') === '1';
    const server =
      endpoint === 'inspect'
        ? servers.inspect
        : endpoint === 'chat'
          ? servers.chat
          : endpoint === 'room'
            ? servers.room
            : deflate
              ? servers.echoDeflate
              : servers.echo;

    server.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      tap.opened();
      const connection = register({
        id: tap.connection,
        endpoint,
        path: url.pathname,
        session,
        lab: lab !== undefined,
        // The page that asked for the ticket: the server tells that page this socket is its own.
        page: association.page,
        compared: association.compared,
        address: lab || conform ? claim!.address : remote,
        conform,
        deflate: ws.extensions.includes('permessage-deflate'),
        ws,
        socket,
        tap,
      });
      if (endpoint === 'echo') acceptEcho(connection, options.sendQueueLimit);
      else if (endpoint === 'chat')
        chat.join(ws, url.searchParams.get('nick'), { session: session!, address: remote });
      else if (endpoint === 'room') context.room.join(ws, session);
      else acceptInspector(connection, context);
      claim?.arrived(connection);
    });
  };

  /** Registers an accepted connection for the inspectors, under the guards every connection gets. */
  function register(fields: NewConnection): LiveConnection {
    const connection: LiveConnection = {
      ...fields,
      id: fields.id ?? fields.tap.connection,
      remote: fields.socket.remoteAddress ?? 'unknown',
      openedAt: preciseNow(),
      watchers: [],
    };
    guard(connection);
    registry.add(connection);
    if (connection.session) sessions.hold(connection.session);
    // A conformance run opens hundreds of short connections: its result says what happened on each.
    if (!connection.conform)
      log.info('open', {
        id: connection.id,
        path: connection.path,
        remote: connection.remote,
        session: connection.session?.label,
        lab: connection.lab || undefined,
        deflate: connection.deflate || undefined,
        subprotocol: connection.ws.protocol || undefined,
      });
    return connection;
  }

  /** What every connection gets, whatever its endpoint. Listeners come first, before the endpoint's. */
  function guard(connection: LiveConnection): void {
    const { ws, id } = connection;
    const bucket = new TokenBucket(
      options.messagesPerSecond,
      options.messagesPerSecond,
      Date.now(),
      context.loopStalls,
    );
    ws.on('message', () => {
      if (bucket.take() || ws.readyState !== ws.OPEN) return;
      registry.emit(connection, notice(id, 'rate-limit', 'too many messages per second'));
      log.warn('rate limit', { id });
      ws.close(1008, 'message rate limit');
    });
    ws.on('error', (error: Error & { code?: string }) => {
      const closeCode = closeCodeOfError(error);
      registry.emit(connection, {
        kind: 'error',
        connection: id,
        t: preciseNow(),
        closeCode,
        errorCode: error.code ?? 'ERROR',
        message: error.message,
      });
      if (!connection.conform) log.info('error', { id, code: error.code, closeCode, message: error.message });
    });
    ws.on('close', (code: number, reason: Buffer) => {
      registry.emit(connection, {
        kind: 'close',
        connection: id,
        t: preciseNow(),
        code,
        reason: reason.toString(),
      });
      if (!connection.conform) log.info('close', { id, code, reason: reason.toString() || undefined });
      registry.remove(connection);
      context.heartbeat.untrack(connection);
      idle.untrack(connection);
      context.labClients.get(id)?.destroy();
      if (connection.session) sessions.release(connection.session);
    });
    // WebSocket-Node and socket.io keep their own heartbeats (what they put on the wire is what we show);
    // a polling exchange is HTTP and ends with its response.
    // Their send queues are bounded like ours all the same.
    context.heartbeat.track(connection, connection.ws instanceof WebSocket);
    // A room page only listens, for a whole lecture: silence is what it is meant to do.
    const listensOnly = ['inspect', 'socket.io-polling', 'room'];
    if (!listensOnly.includes(connection.endpoint)) idle.track(connection);
  }
}
