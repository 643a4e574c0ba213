import type { Socket } from 'socket.io-client';
import type { LibrarySocket, TicketSocket } from '../shared/inspector/protocol.ts';
import type { LiveSession } from './liveSession.ts';
import type { WireConnection } from './wireConnection.ts';

/** The three server libraries the comparison slide puts side by side. */
export const libraryNames = ['ws', 'wsnode', 'socket.io'] as const;
export type LibraryName = (typeof libraryNames)[number];
/** The three, and the seed's own WebSocket-Node code at /wsnode/seed (its code slide runs it). */
export type SocketName = LibrarySocket;

/** The ticket each asks for on /inspect: the endpoint it opens (whose path `ticketSocketPaths` gives). */
const ticketFor: Record<SocketName, TicketSocket> = {
  ws: 'echo',
  wsnode: 'wsnode-echo',
  'socket.io': 'socket.io',
  seed: 'wsnode-seed',
};

export type LibraryState = 'closed' | 'connecting' | 'open';

/**
 * The comparison's three connections, one per library: a browser WebSocket to /echo (ws), one to
 * /wsnode/echo offering echo-protocol (WebSocket-Node), and a socket.io client (long polling first, then
 * its upgrade to WebSocket). `send` puts one message through all three; what they put on the wire is
 * read from the session's tap records: the server marks each of these connections (socket.io's polling
 * exchanges too) with its library in `pageSocket`, for this page only. The page's own session opens them,
 * so they are this visitor's and nobody else's.
 */
export class LibrarySockets {
  private readonly sockets: Partial<Record<Exclude<SocketName, 'socket.io'>, WebSocket>> = {};
  private socketIo: Socket | null = null;
  /** socket.io's try at moving from long polling to its WebSocket is over (it moved, or it failed). */
  private socketIoSettled = false;
  /** Asking for their URLs: not opened twice when two slides ask at once. */
  private readonly opening = new Set<SocketName>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly session: LiveSession) {}

  state(name: SocketName): LibraryState {
    if (this.opening.has(name)) return 'connecting';
    if (name === 'socket.io') {
      const socket = this.socketIo;
      return !socket ? 'closed' : socket.connected ? 'open' : 'connecting';
    }
    const socket = this.sockets[name];
    if (!socket || socket.readyState >= WebSocket.CLOSING) return 'closed';
    return socket.readyState === WebSocket.OPEN ? 'open' : 'connecting';
  }

  /** How socket.io carries its packets right now: long polling first, its WebSocket once upgraded. */
  socketIoTransport(): 'polling' | 'websocket' | null {
    const name = this.socketIo?.connected ? this.socketIo.io.engine.transport.name : null;
    return name === 'polling' || name === 'websocket' ? name : null;
  }

  /**
   * Open, and for socket.io past its upgrade too: a message sent before it crosses as a polling body, and
   * the upgrade's own exchanges then push it off the column's newest rows.
   */
  ready(name: SocketName): boolean {
    if (this.state(name) !== 'open') return false;
    return name !== 'socket.io' || this.socketIoSettled;
  }

  /** Told when a socket opens, upgrades or closes. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Opens whichever of `names` is not open. Each socket first asks a single-use ticket for its endpoint on
   * the page's /inspect channel and carries it in its URL: that is what makes it this page's (nothing else
   * in a URL is proof). Resolves false when the page has no server.
   */
  async open(names: readonly SocketName[]): Promise<boolean> {
    const opening = names.filter((name) => this.state(name) === 'closed');
    for (const name of opening) this.opening.add(name);
    // compare=1 only labels the ws socket at /echo as the comparison's (not the page's own echo socket)
    // for this page; the ticket alone says whose it is.
    const urls = await Promise.all(
      opening.map((name) => this.session.socketUrl(ticketFor[name], name === 'ws' ? { compare: '1' } : {})),
    );
    let opened = true;
    opening.forEach((name, i) => {
      const url = urls[i];
      if (!url || name !== 'socket.io') this.opening.delete(name);
      if (!url) {
        opened = false;
        return;
      }
      if (name === 'socket.io') {
        void this.openSocketIo(new URL(url)).finally(() => {
          this.opening.delete('socket.io');
          this.tell();
        });
      } else {
        // The seed's server and /wsnode/echo accept only clients that offer echo-protocol.
        this.sockets[name] = this.webSocket(url, name === 'ws' ? undefined : 'echo-protocol');
      }
    });
    return opened;
  }

  /**
   * socket.io's client repeats `query` on every request of its Engine.IO session; the server lets only the
   * first one claim the ticket, and files the later ones (same `sid`) with it.
   */
  private async openSocketIo(url: URL): Promise<void> {
    const { io } = await import('socket.io-client');
    const socket = io(url.origin.replace(/^ws/, 'http'), {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      transports: ['polling', 'websocket'],
      reconnection: false,
    });
    for (const event of ['connect', 'disconnect', 'connect_error'] as const)
      socket.on(event, () => this.tell());
    this.socketIoSettled = false;
    socket.io.on('open', () => {
      const settle = () => {
        this.socketIoSettled = true;
        this.tell();
      };
      socket.io.engine.once('upgrade', settle);
      socket.io.engine.once('upgradeError', settle);
    });
    this.socketIo = socket;
  }

  /** One message through each of `names`: a text message on a WebSocket, socket.io's `echo` event. */
  send(text: string, names: readonly SocketName[]): void {
    for (const name of names) {
      if (name === 'socket.io') {
        if (this.socketIo?.connected) this.socketIo.emit('echo', text);
        continue;
      }
      const socket = this.sockets[name];
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
    }
  }

  /** The tapped connections of one, oldest first (socket.io: its polling exchanges and its WebSocket). */
  connections(library: SocketName): WireConnection[] {
    return [...this.session.connections.values()].filter(
      (connection) => connection.info?.pageSocket === library,
    );
  }

  close(): void {
    for (const socket of Object.values(this.sockets)) socket.close(1000);
    for (const name of Object.keys(this.sockets)) delete this.sockets[name as keyof typeof this.sockets];
    this.socketIo?.close();
    this.socketIo = null;
  }

  private webSocket(url: string, protocol?: string): WebSocket {
    const socket = protocol ? new WebSocket(url, protocol) : new WebSocket(url);
    socket.addEventListener('open', () => this.tell());
    socket.addEventListener('close', () => this.tell());
    return socket;
  }

  private tell(): void {
    for (const listener of this.listeners) listener();
  }
}

let shared: LibrarySockets | null = null;

/** One set per page: the comparison slide and the handshake slide show the same three connections. */
export function getLibrarySockets(session: LiveSession): LibrarySockets {
  shared ??= new LibrarySockets(session);
  return shared;
}
