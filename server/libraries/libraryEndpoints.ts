import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type Association, associationOf, claimTicket, noAssociation } from '../admission/association.ts';
import { hostRefusal } from '../admission/hostAllowList.ts';
import { isOriginAllowed } from '../admission/origin.ts';
import type { ServerContext } from '../context.ts';
import { notice } from '../inspect/records.ts';
import type { SocketIntake } from '../tap/socketIntake.ts';
import type { WireTap } from '../tap/wireTap.ts';
import type { Register } from '../upgrade.ts';
import { LibraryPeer } from './libraryPeer.ts';
import { SocketIoEndpoint, type SocketIoOptions, socketIoPath } from './socketIo.ts';
import { WsNodeEndpoints, type WsNodeRoute } from './wsnode.ts';

export type LibraryUpgrade = {
  url: URL;
  association: Association;
  tap: WireTap;
  remote: string;
  /**
   * One of a conformance run's connections (server/conform/): in no session, counted against the address
   * the run holds room for, and not logged (the run's result says what happened on each).
   */
  conform?: { address: string };
};

/** True for the requests socket.io answers over HTTP (long polling): they are tapped as exchanges. */
export function isSocketIoRequest(req: IncomingMessage): boolean {
  return req.url?.startsWith(socketIoPath) ?? false;
}

/**
 * The seed's other two libraries on our one port: WebSocket-Node at /wsnode/seed and /wsnode/echo,
 * socket.io at /socket.io/. The upgrade handler has already checked path, origin and caps; here each
 * request goes to its library, and each connection the library accepts is registered like ours (tapped,
 * isolated by session, capped, closed with 1001 at shutdown).
 */
export class LibraryEndpoints {
  private readonly wsnode: WsNodeEndpoints;
  readonly socketIo: SocketIoEndpoint;

  constructor(
    private readonly context: ServerContext,
    private readonly intake: SocketIntake,
    private readonly register: Register,
    joinChat: SocketIoOptions['joinChat'],
  ) {
    const { options } = context;
    this.wsnode = new WsNodeEndpoints(options.maxPayload, options.sendQueueLimit);
    this.socketIo = new SocketIoEndpoint({
      maxPayload: options.maxPayload,
      messagesPerSecond: options.messagesPerSecond,
      sendQueueLimit: options.sendQueueLimit,
      holdAddress: (address) => context.registry.hold(address, 1),
      stalls: context.loopStalls,
      joinChat,
    });
  }

  upgrade(
    endpoint: WsNodeRoute | 'socket.io',
    req: IncomingMessage,
    socket: Socket,
    head: Buffer,
    { url, association, tap, remote, conform }: LibraryUpgrade,
  ): void {
    const { session, page } = conform ? noAssociation : association;
    const fields = {
      endpoint,
      path: url.pathname,
      lab: false,
      deflate: false,
      socket,
      tap,
      address: conform ? conform.address : remote,
      ...(conform ? { conform: true } : {}),
    };
    if (endpoint === 'socket.io') {
      this.socketIo.upgrade(
        req,
        socket,
        head,
        association,
        (then) => tap.onSwitched(then),
        (peer) => {
          this.register({ ...fields, session, page, ws: peer.asWebSocket() });
          // The upgraded session's place in the cap is this connection's while it is open.
          const opened = this.socketIo.requestOpened(url);
          peer.once('close', () => opened.ended());
        },
      );
      return;
    }
    this.wsnode.upgrade(endpoint, req, socket, head, {
      accepted: (peer) => {
        tap.opened();
        const connection = this.register({ ...fields, session, page, ws: peer.asWebSocket() });
        return (line) => {
          if (conform) return;
          // The seed's console.log lines: on our console, and beside its code on the page that owns it.
          this.context.log.info('seed', { id: connection.id, line });
          this.context.registry.emit(connection, notice(connection.id, 'log', line));
        };
      },
      refused: (status, why) => {
        tap.stop();
        this.context.log.warn('refused', { path: url.pathname, status, why });
      },
    });
  }

  /**
   * One socket.io long-polling request: checked like an upgrade (host, origin, caps, its ticket or its
   * Engine.IO session's owner), then tapped as an exchange of its own (request and response bytes) and
   * registered for the session's inspectors until answered.
   */
  request(req: IncomingMessage, res: ServerResponse): void {
    const remote = req.socket.remoteAddress ?? 'unknown';
    const checked = this.check(req, remote);
    if ('status' in checked) {
      this.context.log.warn('refused', { path: socketIoPath, ...checked, remote });
      res.writeHead(checked.status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(`${checked.why}\n`);
      return;
    }
    const { url, association } = checked;
    const exchange = this.intake.exchange(req);
    if (exchange) {
      const sid = url.searchParams.get('sid');
      const peer = new LibraryPeer(req.socket, {
        protocol: '',
        isOpen: () => !res.writableEnded,
        close: () => res.destroy(),
        // What its Engine.IO session holds for the next poll is this exchange's backlog too.
        backlog: () => this.socketIo.backlogOf(sid),
      });
      this.register({
        id: exchange.tap.connection,
        endpoint: 'socket.io-polling',
        path: url.pathname,
        session: association.session,
        page: association.page,
        lab: false,
        deflate: false,
        address: remote,
        ws: peer.asWebSocket(),
        socket: req.socket,
        tap: exchange.tap,
      });
      // While this request is open it is the session's place in the cap; after, the session holds its own.
      const opened = this.socketIo.requestOpened(url);
      const done = () => {
        exchange.end();
        peer.closed(1000, '');
        opened.ended();
      };
      res.once('finish', done);
      res.once('close', done);
    }
    this.socketIo.request(req, res, association);
  }

  /**
   * Room for a new Engine.IO session on the server: between two polls a session holds no connection, yet
   * it counts as one, against its address (it holds one: `SocketIoEndpoint.requestOpened`) and against
   * the server's total (here). Null when there is room.
   */
  socketIoSessionRefusal(): string | null {
    const { options, registry } = this.context;
    if (registry.connections.size + this.socketIo.idleSessions >= options.maxConnections)
      return 'server full';
    return null;
  }

  /** The checks an upgrade gets, for a polling request; then whose it is. */
  private check(
    req: IncomingMessage,
    remote: string,
  ): { status: number; why: string } | { url: URL; association: Association } {
    const { context } = this;
    const { options, registry } = context;
    if (!URL.canParse(req.url ?? '/', 'http://localhost')) return { status: 400, why: 'bad request target' };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!context.hostAllowed(req.headers.host)) return { status: 403, why: hostRefusal(req.headers.host) };
    if (!isOriginAllowed(req, options.allowOrigins, context.tls ? 'https:' : 'http:')) {
      return { status: 403, why: `origin ${req.headers.origin} not allowed` };
    }
    if (registry.connections.size >= options.maxConnections) return { status: 503, why: 'server full' };
    if (registry.countFor(remote) >= options.maxConnectionsPerIp) {
      return { status: 503, why: 'too many connections from your address' };
    }
    // A later request of an Engine.IO session is whoever's opened it; the first claims its ticket.
    const inherited = this.socketIo.ownerOf(url, remote);
    if (inherited && 'refusal' in inherited) return { status: 403, why: inherited.refusal };
    if (inherited) return { url, association: inherited.association };
    const full = this.socketIoSessionRefusal();
    if (full) return { status: 503, why: full };
    const claimed = claimTicket(context.tickets, url, remote);
    if ('refusal' in claimed) return { status: 403, why: claimed.refusal };
    return { url, association: associationOf(claimed.claim, url) };
  }

  shutDown(): void {
    this.wsnode.shutDown();
    this.socketIo.close();
  }
}
