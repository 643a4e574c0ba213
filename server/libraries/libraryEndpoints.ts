import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { type Association, associationOfUrl } from '../association.ts';
import type { ServerContext } from '../context.ts';
import { notice } from '../inspect/records.ts';
import { isOriginAllowed } from '../origin.ts';
import type { SocketIntake } from '../tap/socketIntake.ts';
import type { WireTap } from '../tap/wireTap.ts';
import type { Register } from '../upgrade.ts';
import { LibraryPeer } from './libraryPeer.ts';
import { SocketIoEndpoint, socketIoPath } from './socketIo.ts';
import { WsNodeEndpoints, type WsNodeRoute } from './wsnode.ts';

export type LibraryUpgrade = {
  url: URL;
  association: Association;
  tap: WireTap;
  remote: string;
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
    joinChat: (member: WebSocket, nick: string | null) => void,
  ) {
    const { options } = context;
    this.wsnode = new WsNodeEndpoints(options.maxPayload, Math.max(options.maxPayload * 2, 1 << 20));
    this.socketIo = new SocketIoEndpoint({
      maxPayload: options.maxPayload,
      messagesPerSecond: options.messagesPerSecond,
      joinChat,
    });
  }

  upgrade(
    endpoint: WsNodeRoute | 'socket.io',
    req: IncomingMessage,
    socket: Socket,
    head: Buffer,
    { url, association, tap }: LibraryUpgrade,
  ): void {
    const fields = { endpoint, path: url.pathname, lab: false, deflate: false, socket, tap };
    if (endpoint === 'socket.io') {
      const owner = this.socketIo.associationFor(url, association);
      this.socketIo.upgrade(
        req,
        socket,
        head,
        owner,
        (then) => tap.onSwitched(then),
        (peer) => {
          this.register({ ...fields, session: owner.session, page: owner.page, ws: peer.asWebSocket() });
        },
      );
      return;
    }
    const { session, page } = association;
    this.wsnode.upgrade(endpoint, req, socket, head, {
      accepted: (peer) => {
        tap.opened();
        const connection = this.register({ ...fields, session, page, ws: peer.asWebSocket() });
        return (line) => {
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
   * One socket.io long-polling request: checked like an upgrade (origin, caps), then tapped as an exchange
   * of its own (request and response bytes) and registered for the session's inspectors until answered.
   */
  request(req: IncomingMessage, res: ServerResponse): void {
    const refusal = this.refusal(req);
    if (refusal) {
      this.context.log.warn('refused', { path: socketIoPath, ...refusal, remote: req.socket.remoteAddress });
      res.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(`${refusal.why}\n`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { sessions } = this.context;
    const association = this.socketIo.associationFor(url, associationOfUrl(sessions, url));
    const exchange = this.intake.exchange(req);
    if (exchange) {
      const peer = new LibraryPeer(req.socket, {
        protocol: '',
        isOpen: () => !res.writableEnded,
        close: () => res.destroy(),
      });
      this.register({
        id: exchange.tap.connection,
        endpoint: 'socket.io-polling',
        path: url.pathname,
        session: association.session,
        page: association.page,
        lab: false,
        deflate: false,
        ws: peer.asWebSocket(),
        socket: req.socket,
        tap: exchange.tap,
      });
      const done = () => {
        exchange.end();
        peer.closed(1000, '');
      };
      res.once('finish', done);
      res.once('close', done);
    }
    this.socketIo.request(req, res, association);
  }

  /** The checks an upgrade gets, for a polling request: a target, our origin, room under the caps. */
  private refusal(req: IncomingMessage): { status: number; why: string } | null {
    const { options, registry } = this.context;
    if (!URL.canParse(req.url ?? '/', 'http://localhost')) return { status: 400, why: 'bad request target' };
    if (!isOriginAllowed(req, options.allowOrigins)) {
      return { status: 403, why: `origin ${req.headers.origin} not allowed` };
    }
    if (registry.connections.size >= options.maxConnections) return { status: 503, why: 'server full' };
    if (registry.countFor(req.socket.remoteAddress ?? 'unknown') >= options.maxConnectionsPerIp) {
      return { status: 503, why: 'too many connections from your address' };
    }
    return null;
  }

  shutDown(): void {
    this.wsnode.shutDown();
    this.socketIo.close();
  }
}
