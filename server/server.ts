import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { preciseNow } from '../src/shared/clock.ts';
import { tcpSocketLimit } from './admission/caps.ts';
import { hostAllowList, hostRefusal } from './admission/hostAllowList.ts';
import { ConnectionTickets } from './admission/tickets.ts';
import { ConformRuns } from './conform/conformRuns.ts';
import { ConnectionRegistry } from './connections.ts';
import type { ServerContext } from './context.ts';
import { ChatRoom } from './endpoints/chatRoom.ts';
import { Heartbeat } from './heartbeat.ts';
import { IdleSweep } from './idleSweep.ts';
import { notice } from './inspect/records.ts';
import { LabRoster } from './lab/labRoster.ts';
import { lanOrigins } from './lanAddresses.ts';
import { isSocketIoRequest, LibraryEndpoints } from './libraries/libraryEndpoints.ts';
import { createLogger, type Logger } from './log.ts';
import { LoopStalls } from './loopStalls.ts';
import { defaultOptions, type ServerOptions } from './options.ts';
import { PresenterAttempts } from './presenterAttempts.ts';
import { SessionRecorder } from './record/sessionRecorder.ts';
import { createRegister } from './register.ts';
import { ExerciseBoard } from './room/exerciseBoard.ts';
import { Room } from './room/room.ts';
import { ShareConsent } from './room/shareConsent.ts';
import { securityHeaders } from './securityHeaders.ts';
import { type Session, SessionStore } from './sessions.ts';
import { notFound, type RequestHandler, staticHandler } from './static.ts';
import { SocketIntake } from './tap/socketIntake.ts';
import { createUpgradeHandler } from './upgrade.ts';

const noSniff = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

export type RunningServer = {
  url: string;
  port: number;
  host: string;
  presenterToken: string;
  http: Server;
  context: ServerContext;
  /** Closes every WebSocket with 1001 "server shutting down", then stops listening. */
  close(): Promise<void>;
};

/** One process, one port: the deck over HTTP and every WebSocket endpoint beside it. */
export async function startServer(
  partial: Partial<ServerOptions> = {},
  logger?: Logger,
): Promise<RunningServer> {
  const merged: ServerOptions = { ...defaultOptions, ...partial };
  const options: ServerOptions = {
    ...merged,
    sendQueueLimit: Math.max(merged.sendQueueLimit, 2 * merged.maxPayload),
  };
  const log = logger ?? createLogger(options.log);
  const presenterToken = options.presenterToken ?? randomBytes(18).toString('base64url');
  const serverOptions = {
    // Node's own deadlines back ours up for keep-alive sockets that start a second request and stall.
    headersTimeout: options.handshakeTimeoutMs,
    requestTimeout: options.handshakeTimeoutMs,
    connectionsCheckingInterval: Math.min(30_000, Math.max(50, options.handshakeTimeoutMs / 2)),
  };
  const tls = options.tlsCert !== undefined && options.tlsKey !== undefined;
  // TLS on the same port: https for the deck, wss for every endpoint; the tap sits above it, in clear.
  const http: Server = tls
    ? createTlsServer({
        ...serverOptions,
        // The TLS handshake gets the HTTP request's deadline: a socket that never sends its ClientHello
        // is dropped as one that never sends its request is (Node's default would wait 120 s).
        handshakeTimeout: options.handshakeTimeoutMs,
        cert: readFileSync(options.tlsCert!),
        key: readFileSync(options.tlsKey!),
      })
    : createServer(serverOptions);
  const intake = new SocketIntake(
    http,
    options.handshakeTimeoutMs,
    options.maxConnectionsPerIp,
    isSocketIoRequest,
  );
  const registry = new ConnectionRegistry();
  const lab = new LabRoster(options.labGraceMs);
  // Every TCP socket, upgraded or not, within the connection cap plus room for plain HTTP.
  http.maxConnections = tcpSocketLimit(options);

  let recorder: SessionRecorder | null = null;
  if (options.record !== undefined) {
    mkdirSync(options.record, { recursive: true });
    recorder = new SessionRecorder(options.record, log);
    registry.addWatcher(recorder);
  }
  const heartbeat = new Heartbeat(options.heartbeatMs, options.sendQueueLimit, {
    pong: (connection, rttMs, payload) =>
      registry.emit(connection, {
        kind: 'pong',
        connection: connection.id,
        t: preciseNow(),
        rttMs,
        payload: payload.toString('base64'),
      }),
    dead: (connection, why) => {
      const [name, message] =
        why === 'unanswered'
          ? ['heartbeat-timeout', 'two pings went unanswered']
          : ['send-queue', 'the peer stopped reading: its send queue stayed over the bound'];
      registry.emit(connection, notice(connection.id, name, message));
      log.warn(name, { id: connection.id, remote: connection.remote });
      connection.ws.terminate();
    },
  });
  const idle = new IdleSweep(options.idleTimeoutMs, (connection) => {
    registry.emit(connection, notice(connection.id, 'idle-timeout', 'no message for too long'));
    log.info('idle', { id: connection.id });
    connection.ws.close(1000, 'idle timeout');
  });
  const presenterSessions = new WeakSet<Session>();
  const target = () => {
    const { address, port } = http.address() as AddressInfo;
    const loopback = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
    return { host: loopback, port, tls };
  };
  const context: ServerContext = {
    options,
    log,
    registry,
    sessions: new SessionStore(),
    heartbeat,
    tickets: new ConnectionTickets(),
    labClients: lab.clients,
    lab,
    presenterToken,
    presenterSessions,
    lanOrigins: () => lanOrigins(options.host, (http.address() as AddressInfo).port, tls ? 'https' : 'http'),
    room: new Room((session) => session !== null && presenterSessions.has(session)),
    presenterAttempts: new PresenterAttempts(),
    tls,
    hostAllowed: hostAllowList(options.allowHosts),
    conformRuns: new ConformRuns(),
    target,
    chat: new ChatRoom(options.chatMessagesPer10s, (session) => presenterSessions.has(session)),
    exercises: new ExerciseBoard({
      answersPerAddress: options.maxConnectionsPerIp,
      answersPerExercise: 10_000,
    }),
    consent: new ShareConsent(registry),
    loopStalls: new LoopStalls(),
  };

  let handle: RequestHandler;
  if (options.dev) {
    const { viteMiddleware } = await import('./devMiddleware.ts');
    handle = await viteMiddleware(http);
  } else {
    const deck = staticHandler(options.staticRoot);
    if (deck.missing) log.warn('deck not built', { folder: options.staticRoot });
    handle = (req, res) => deck.handle(req, res, () => notFound(res, deck.missing));
  }
  const headers = securityHeaders(options.staticRoot, options.dev);
  const register = createRegister(context, idle);
  const libraries = new LibraryEndpoints(context, intake, register);
  const onUpgrade = createUpgradeHandler(context, intake, libraries, register);
  http.on('request', (req, res) => {
    if (!context.hostAllowed(req.headers.host)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', ...noSniff });
      res.end(`${hostRefusal(req.headers.host)}\n`);
      return;
    }
    headers(req, res);
    // socket.io's long polling: checked and tapped like an upgrade, answered by socket.io.
    if (isSocketIoRequest(req)) libraries.request(req, res);
    else handle(req, res, () => notFound(res, false));
  });
  http.on('upgrade', (req, socket, head) => {
    // Vite's HMR socket shares our port in dev mode and answers its own upgrades.
    if (options.dev && req.headers['sec-websocket-protocol']?.includes('vite-hmr')) {
      intake.handOver(socket as Socket);
      return;
    }
    onUpgrade(req, socket as Socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      // After start, an error of the listening socket (EMFILE on accept) is told, never fatal.
      http.on('error', (error: NodeJS.ErrnoException) => log.warn('server error', { code: error.code }));
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= shutDown();
    return closing;
  };
  async function shutDown(): Promise<void> {
    heartbeat.stop();
    idle.stop();
    context.loopStalls.stop();
    const open = [...registry.connections.values()];
    const closed = open.map((c) => new Promise<void>((resolve) => c.ws.once('close', () => resolve())));
    // RFC 6455 §7.4.1: 1001, the endpoint is going away.
    for (const connection of open) connection.ws.close(1001, 'server shutting down');
    const grace = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    await Promise.race([Promise.all(closed), grace]);
    // Engine.IO sessions between two polls and WebSocket-Node's own bookkeeping end here.
    libraries.shutDown();
    for (const connection of registry.connections.values()) connection.ws.terminate();
    await recorder?.flush();
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  }

  return {
    url: `${tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    host: options.host,
    presenterToken,
    http,
    context,
    close,
  };
}
