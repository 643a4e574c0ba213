import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { preciseNow } from '../src/shared/clock.ts';
import { ConnectionRegistry } from './connections.ts';
import type { ServerContext } from './context.ts';
import { ChatRoom } from './endpoints/chatRoom.ts';
import { Heartbeat } from './heartbeat.ts';
import { IdleSweep } from './idleSweep.ts';
import { notice } from './inspect/records.ts';
import { LabTickets } from './lab/labTickets.ts';
import { createLogger, type Logger } from './log.ts';
import { defaultOptions, type ServerOptions } from './options.ts';
import { ExerciseBoard } from './room/exerciseBoard.ts';
import { SessionStore } from './sessions.ts';
import { notFound, type RequestHandler, staticHandler } from './static.ts';
import { SocketIntake } from './tap/socketIntake.ts';
import { createUpgradeHandler } from './upgrade.ts';

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
  const options: ServerOptions = { ...defaultOptions, ...partial };
  const log = logger ?? createLogger(options.log);
  const presenterToken = options.presenterToken ?? randomBytes(18).toString('base64url');
  const http = createServer({
    // Node's own deadlines back ours up for keep-alive sockets that start a second request and stall.
    headersTimeout: options.handshakeTimeoutMs,
    requestTimeout: options.handshakeTimeoutMs,
    connectionsCheckingInterval: Math.min(30_000, Math.max(50, options.handshakeTimeoutMs / 2)),
  });
  const intake = new SocketIntake(http, options.handshakeTimeoutMs);

  const registry = new ConnectionRegistry();
  const heartbeat = new Heartbeat(options.heartbeatMs, {
    pong: (connection, rttMs, payload) =>
      registry.emit(connection, {
        kind: 'pong',
        connection: connection.id,
        t: preciseNow(),
        rttMs,
        payload: payload.toString('base64'),
      }),
    dead: (connection) => {
      registry.emit(connection, notice(connection.id, 'heartbeat-timeout', 'two pings went unanswered'));
      log.warn('heartbeat timeout', { id: connection.id });
      connection.ws.terminate();
    },
  });
  const idle = new IdleSweep(options.idleTimeoutMs, (connection) => {
    registry.emit(connection, notice(connection.id, 'idle-timeout', 'no message for too long'));
    log.info('idle', { id: connection.id });
    connection.ws.close(1000, 'idle timeout');
  });
  const context: ServerContext = {
    options,
    log,
    registry,
    sessions: new SessionStore(),
    heartbeat,
    labTickets: new LabTickets(),
    labClients: new Map(),
    presenterToken,
    target: () => {
      const { address, port } = http.address() as AddressInfo;
      const loopback = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
      return { host: loopback, port };
    },
    chat: new ChatRoom(options.chatMessagesPer10s),
    exercises: new ExerciseBoard(),
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
  http.on('request', (req, res) => handle(req, res, () => notFound(res, false)));
  const onUpgrade = createUpgradeHandler(context, intake, idle);
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
    const open = [...registry.connections.values()];
    const closed = open.map((c) => new Promise<void>((resolve) => c.ws.once('close', () => resolve())));
    // RFC 6455 §7.4.1: 1001, the endpoint is going away.
    for (const connection of open) connection.ws.close(1001, 'server shutting down');
    const grace = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    await Promise.race([Promise.all(closed), grace]);
    for (const connection of registry.connections.values()) connection.ws.terminate();
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  }

  return { url: `http://${urlHost}:${port}`, port, host: options.host, presenterToken, http, context, close };
}
