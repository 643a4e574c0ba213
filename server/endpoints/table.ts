import type { EndpointName, TicketSocket } from '../../src/shared/inspector/protocol.ts';
import { roomCommandLimit } from '../../src/shared/room/follow.ts';
import type { LiveConnection } from '../connections.ts';
import type { ServerContext } from '../context.ts';
import { acceptInspector } from '../inspect/inspectEndpoint.ts';
import type { WsNodeRoute } from '../libraries/wsnode.ts';
import type { ServerOptions } from '../options.ts';
import { chatMessageLimit } from './chatRoom.ts';
import { acceptEcho, echoSubprotocol } from './echo.ts';

/** An endpoint of ours: a `ws` WebSocketServer, built once from this row, and what it does with a connection. */
export type WsServer = {
  readonly kind: 'ws';
  /** The largest message it reads: ws refuses a bigger one (1009) before buffering it, let alone parsing it. */
  maxPayload(options: ServerOptions): number;
  /** The subprotocol it picks from the client's offer (none given: it refuses every offer). */
  readonly subprotocol?: (offered: Set<string>) => string | false;
  /**
   * permessage-deflate when the URL asks (`deflate=1`), with threshold 0: even a 5-byte message is compressed,
   * so learners see RSV1 on everything they send. Never otherwise.
   */
  readonly deflateOnRequest?: boolean;
  accept(connection: LiveConnection, context: ServerContext, url: URL): void;
};

/** What speaks WebSocket behind a path: one of our `ws` servers, or a library's (server/libraries/). */
export type EndpointServer =
  | WsServer
  | { readonly kind: 'websocket-node'; readonly route: WsNodeRoute }
  | { readonly kind: 'socket.io' };

export type EndpointRow = {
  readonly path: string;
  /** Its name in `open` records and on `LiveConnection.endpoint`. */
  readonly name: EndpointName;
  readonly server: EndpointServer;
  /**
   * The ticket that ties a socket to a page's session (server/admission/tickets.ts), asked for on /inspect as
   * this `socket`; `required`: refused (403) without one. Null: no ticket opens this path.
   */
  readonly ticket: { readonly socket: TicketSocket; readonly required: boolean } | null;
  /**
   * How it counts against the caps (server/admission/caps.ts): `socket`, one place per open socket;
   * `engine-session`, an Engine.IO session also holds one between its polls, so a request opening one needs
   * room for it, and a request naming one (`sid=`) is whoever's opened it.
   */
  readonly counts: 'socket' | 'engine-session';
  /** Closed after `--idle-timeout-ms` without a message. Not a page that only listens, for a whole lecture. */
  readonly idleSweep: boolean;
};

/**
 * Every WebSocket path the server answers, one row each. Routing (server/upgrade.ts), admission
 * (server/admission/admit.ts), the 404 text, the idle sweep and the list in docs/inspector-protocol.md
 * (test/server/endpoints/table.test.ts) all read it. A new endpoint is a row here and its handler.
 */
export const endpointTable: readonly EndpointRow[] = [
  {
    path: '/echo',
    name: 'echo',
    server: {
      kind: 'ws',
      maxPayload: (options) => options.maxPayload,
      subprotocol: echoSubprotocol,
      deflateOnRequest: true,
      accept: (connection, context) => acceptEcho(connection, context.options.sendQueueLimit),
    },
    ticket: { socket: 'echo', required: false },
    counts: 'socket',
    idleSweep: true,
  },
  {
    path: '/chat',
    name: 'chat',
    server: {
      kind: 'ws',
      // What a chat member sends is small: a big message is refused before it is parsed.
      maxPayload: () => chatMessageLimit,
      accept: (connection, context, url) =>
        context.chat.join(connection.ws, url.searchParams.get('nick'), {
          session: connection.session!,
          address: connection.remote,
        }),
    },
    // The chat counts, mutes and limits its members by session: a socket without a page's ticket has none.
    ticket: { socket: 'chat', required: true },
    counts: 'socket',
    idleSweep: true,
  },
  {
    path: '/room',
    name: 'room',
    server: {
      kind: 'ws',
      // A room page sends a position or whether it follows: a few dozen bytes.
      maxPayload: () => roomCommandLimit,
      accept: (connection, context) => context.room.join(connection.ws, connection.session),
    },
    ticket: { socket: 'room', required: false },
    counts: 'socket',
    idleSweep: false,
  },
  {
    path: '/inspect',
    name: 'inspect',
    server: {
      kind: 'ws',
      maxPayload: (options) => options.inspectorMessageLimit,
      accept: (connection, context) => acceptInspector(connection, context),
    },
    // The page's session is its hello, never a ticket: a ticket is asked for on /inspect.
    ticket: null,
    counts: 'socket',
    idleSweep: false,
  },
  {
    path: '/wsnode/echo',
    name: 'wsnode-echo',
    server: { kind: 'websocket-node', route: 'wsnode-echo' },
    ticket: { socket: 'wsnode-echo', required: false },
    counts: 'socket',
    idleSweep: true,
  },
  {
    path: '/wsnode/seed',
    name: 'wsnode-seed',
    server: { kind: 'websocket-node', route: 'wsnode-seed' },
    ticket: { socket: 'wsnode-seed', required: false },
    counts: 'socket',
    idleSweep: true,
  },
  {
    path: '/socket.io/',
    name: 'socket.io',
    server: { kind: 'socket.io' },
    // Claimed by the first request of an Engine.IO session, polling or WebSocket.
    ticket: { socket: 'socket.io', required: false },
    counts: 'engine-session',
    idleSweep: true,
  },
];

const byPath = new Map(endpointTable.map((row) => [row.path, row]));
const byName = new Map(endpointTable.map((row) => [row.name, row]));

export function endpointAt(path: string): EndpointRow | undefined {
  return byPath.get(path);
}

/** The row named `name`: an `EndpointName` that has no row of its own is a socket.io polling exchange. */
export function endpointNamed(name: EndpointName): EndpointRow | undefined {
  return byName.get(name);
}

/**
 * Whether the idle sweep watches a connection of this endpoint. A socket.io polling exchange is HTTP and
 * ends with its response; Engine.IO's own heartbeat ends an idle session.
 */
export function idleSweepWatches(name: EndpointName): boolean {
  return endpointNamed(name)?.idleSweep ?? false;
}

/** The ws server rows (each gets its WebSocketServer in server/upgrade.ts). */
export function wsRows(): (EndpointRow & { server: WsServer })[] {
  return endpointTable.filter((row): row is EndpointRow & { server: WsServer } => row.server.kind === 'ws');
}

const paths = endpointTable.map((row) => row.path);
/** The answer to an upgrade on any other path (HTTP 404). */
export const noEndpointHere = `no WebSocket endpoint here: try ${paths.slice(0, -1).join(', ')} or ${paths.at(-1)}`;

/** What a socket of `row` is refused with when it has no ticket and needs one. */
export function needsTicket(row: EndpointRow): string {
  return `the ${row.name} needs a ticket: ask for one on /inspect (type "ticket", socket "${row.ticket?.socket}")`;
}
