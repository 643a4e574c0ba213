import type { Socket } from 'socket.io-client';
import type { LibrarySocket } from '../shared/inspector/protocol.ts';
import type { LiveSession } from './liveSession.ts';
import type { WireConnection } from './wireConnection.ts';

/** The three server libraries the comparison slide puts side by side. */
export const libraryNames = ['ws', 'wsnode', 'socket.io'] as const;
export type LibraryName = (typeof libraryNames)[number];
/** The three, and the seed's own WebSocket-Node code at /wsnode/seed (its code slide runs it). */
export type SocketName = LibrarySocket;

/** Where each answers on our server. */
const paths: Record<SocketName, string> = {
  ws: '/echo',
  wsnode: '/wsnode/echo',
  'socket.io': '/socket.io/',
  seed: '/wsnode/seed',
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
  private readonly listeners = new Set<() => void>();

  constructor(private readonly session: LiveSession) {}

  state(name: SocketName): LibraryState {
    if (name === 'socket.io') {
      const socket = this.socketIo;
      return !socket ? 'closed' : socket.connected ? 'open' : 'connecting';
    }
    const socket = this.sockets[name];
    if (!socket || socket.readyState >= WebSocket.CLOSING) return 'closed';
    return socket.readyState === WebSocket.OPEN ? 'open' : 'connecting';
  }

  /** Told when a socket opens or closes. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens whichever of `names` is not open. Resolves false when the page has no server. */
  async open(names: readonly SocketName[]): Promise<boolean> {
    const association = await this.session.association();
    const origin = this.session.socketOrigin;
    if (!association || !origin) return false;
    // compare=1: the server tells the ws socket at /echo from this page's own echo socket.
    const query = { ...association, compare: '1' };
    const search = new URLSearchParams(query).toString();
    for (const name of names) {
      if (name === 'socket.io' || this.state(name) !== 'closed') continue;
      // The seed's server and /wsnode/echo accept only clients that offer echo-protocol.
      const protocol = name === 'ws' ? undefined : 'echo-protocol';
      this.sockets[name] = this.webSocket(`${origin}${paths[name]}?${search}`, protocol);
    }
    if (names.includes('socket.io') && !this.socketIo) {
      const { io } = await import('socket.io-client');
      const socket = io(origin.replace(/^ws/, 'http'), {
        path: paths['socket.io'],
        query,
        transports: ['polling', 'websocket'],
        reconnection: false,
      });
      for (const event of ['connect', 'disconnect', 'connect_error'] as const)
        socket.on(event, () => this.tell());
      this.socketIo = socket;
    }
    return true;
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
