import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { admit } from '../admission/admit.ts';
import { type Association, noAssociation } from '../admission/association.ts';
import type { ServerContext } from '../context.ts';
import { type EndpointRow, endpointNamed, needsTicket } from '../endpoints/table.ts';
import { notice } from '../inspect/records.ts';
import type { Register } from '../register.ts';
import type { SocketIntake } from '../tap/socketIntake.ts';
import type { WireTap } from '../tap/wireTap.ts';
import { LibraryPeer } from './libraryPeer.ts';
import { SocketIoEndpoint, socketIoPath } from './socketIo.ts';
import { WsNodeEndpoints } from './wsnode.ts';

/** socket.io's row: its polling requests are admitted as its upgrades are. */
const socketIoRow = endpointNamed('socket.io')!;
const chatRow = endpointNamed('chat')!;

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
 * socket.io at /socket.io/. Each upgrade and polling request has passed the one admission check
 * (server/admission/admit.ts); here it goes to its library, and each connection the library accepts is
 * registered like ours (tapped, isolated by session, capped, closed with 1001 at shutdown).
 */
export class LibraryEndpoints {
  private readonly wsnode: WsNodeEndpoints;
  readonly socketIo: SocketIoEndpoint;

  constructor(
    private readonly context: ServerContext,
    private readonly intake: SocketIntake,
    private readonly register: Register,
  ) {
    const { options } = context;
    this.wsnode = new WsNodeEndpoints(options.maxPayload, options.sendQueueLimit);
    this.socketIo = new SocketIoEndpoint({
      maxPayload: options.maxPayload,
      messagesPerSecond: options.messagesPerSecond,
      sendQueueLimit: options.sendQueueLimit,
      holdAddress: (address) => context.registry.hold(address, 1),
      stalls: context.loopStalls,
      // A socket.io client joins /chat as the session its Engine.IO session's ticket proved; none: refused.
      joinChat: (member, nick, visitor) => {
        if (visitor) context.chat.join(member, nick, visitor);
        else member.close(1008, needsTicket(chatRow));
      },
    });
  }

  upgrade(
    endpoint: EndpointRow,
    req: IncomingMessage,
    socket: Socket,
    head: Buffer,
    { url, association, tap, remote, conform }: LibraryUpgrade,
  ): void {
    const { session, page } = conform ? noAssociation : association;
    const fields = {
      endpoint: endpoint.name,
      path: url.pathname,
      lab: false,
      deflate: false,
      socket,
      tap,
      address: conform ? conform.address : remote,
      ...(conform ? { conform: true } : {}),
    };
    if (endpoint.server.kind === 'socket.io') {
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
    if (endpoint.server.kind !== 'websocket-node') return;
    this.wsnode.upgrade(endpoint.server.route, req, socket, head, {
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
    const checked = admit(req, remote, () => socketIoRow, this.context, this.socketIo);
    if ('status' in checked) {
      this.context.log.warn('refused', { ...checked, remote });
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

  shutDown(): void {
    this.wsnode.shutDown();
    this.socketIo.close();
  }
}
