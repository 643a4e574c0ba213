import { EventEmitter } from 'node:events';
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type Socket as IoSocket, Server } from 'socket.io';
import type { WebSocket } from 'ws';
import { type Association, noAssociation } from '../association.ts';
import { TokenBucket } from '../rateLimit.ts';
import { LibraryPeer } from './libraryPeer.ts';

/** The path socket.io answers on, its default: polling requests and WebSocket upgrades both. */
export const socketIoPath = '/socket.io/';

export type SocketIoOptions = {
  maxPayload: number;
  messagesPerSecond: number;
  /** The chat room of /chat, which a socket.io client joins with the event `chat.join` (its nickname). */
  joinChat(member: WebSocket, nick: string | null): void;
};

/**
 * socket.io behind /socket.io/, with one event, `echo`: the same event and arguments go back to the sender
 * (and an acknowledgement, when the sender asked for one, carries them too).
 *
 * socket.io attaches to an http server by taking over its request listeners and, unless told not to,
 * ending other paths' upgrades after a second. Here it is attached to an emitter of its own, and our
 * server emits only /socket.io/ requests and upgrades on it: /echo, /chat, /inspect and the deck never
 * pass through it. Engine.IO's own heartbeat (a `2` ping text packet every 25 s, answered by `3`) stays as
 * the library ships it.
 */
export class SocketIoEndpoint {
  private readonly mount = new EventEmitter();
  readonly io: Server;
  /** Which page session (and page) each Engine.IO session belongs to, fixed by its first request. */
  private readonly associationsBySid = new Map<string, Association>();
  private readonly handshakeAssociations = new WeakMap<IncomingMessage, Association>();

  constructor(options: SocketIoOptions) {
    this.io = new Server({
      path: socketIoPath,
      serveClient: false,
      destroyUpgrade: false,
      maxHttpBufferSize: options.maxPayload,
    });
    // Given to the constructor, an object without listen() would be taken for options.
    this.io.attach(this.mount as unknown as HttpServer);
    this.io.engine.on(
      'connection',
      (engineSocket: { id: string; request: IncomingMessage } & EventEmitter) => {
        const association = this.handshakeAssociations.get(engineSocket.request) ?? noAssociation;
        this.associationsBySid.set(engineSocket.id, association);
        engineSocket.once('close', () => this.associationsBySid.delete(engineSocket.id));
      },
    );
    this.io.on('connection', (socket) => {
      const bucket = new TokenBucket(options.messagesPerSecond, options.messagesPerSecond);
      socket.use((_packet, next) => {
        if (bucket.take()) next();
        else socket.disconnect(true);
      });
      socket.once('chat.join', (nick: unknown) => {
        options.joinChat(new ChatMember(socket).asWebSocket(), typeof nick === 'string' ? nick : null);
      });
      socket.on('echo', (...args: unknown[]) => {
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as (...reply: unknown[]) => void) : null;
        socket.emit('echo', ...args);
        ack?.(...args);
      });
    });
  }

  /** Whose a request is: its Engine.IO session's owner when it names one (`sid=`), else `given`. */
  associationFor(url: URL, given: Association): Association {
    const sid = url.searchParams.get('sid');
    return (sid !== null && this.associationsBySid.get(sid)) || given;
  }

  /** One long-polling request; `given` is whose its URL says it is, kept when it opens a session. */
  request(req: IncomingMessage, res: ServerResponse, given: Association): void {
    this.handshakeAssociations.set(req, given);
    this.mount.emit('request', req, res);
  }

  /**
   * A WebSocket upgrade (with `sid=`: the upgrade of a polling session; without: a WebSocket-only one).
   * `accepted` is called when the 101 is written, before any frame, with the connection as a peer.
   */
  upgrade(
    req: IncomingMessage,
    socket: Socket,
    head: Buffer,
    owner: Association,
    onSwitched: (then: () => void) => void,
    accepted: (peer: LibraryPeer) => void,
  ): void {
    this.handshakeAssociations.set(req, owner);
    const upgraded = req as IncomingMessage & { websocket?: WebSocket };
    onSwitched(() => {
      const peer = new LibraryPeer(socket, {
        protocol: '',
        isOpen: () => !socket.destroyed && (upgraded.websocket?.readyState ?? 1) === 1,
        close: (code, reason) => upgraded.websocket?.close(code, reason),
      });
      accepted(peer);
      // ws hands Engine.IO its WebSocket in the same tick as the 101, after this write returns.
      queueMicrotask(() => {
        upgraded.websocket?.on('message', (data: Buffer, isBinary: boolean) => peer.received(data, isBinary));
        upgraded.websocket?.on('close', (code: number, reason: Buffer) =>
          peer.closed(code, reason.toString()),
        );
      });
    });
    this.mount.emit('upgrade', req, socket, head);
  }

  close(): void {
    this.io.engine.close();
  }
}

/**
 * A socket.io client in the /chat room: the room speaks JSON text over a ws WebSocket, so this carries it
 * as the `chat` event both ways (the room's JSON becomes the event's argument) with the part of ws's API the
 * room uses: `message` and `close` events, `send`, `readyState`, `bufferedAmount`, `terminate`.
 */
class ChatMember extends EventEmitter {
  readonly OPEN = 1;

  constructor(private readonly socket: IoSocket) {
    super();
    socket.on('chat', (text: unknown) => {
      this.emit('message', Buffer.from(typeof text === 'string' ? text : JSON.stringify(text)), false);
    });
    socket.on('disconnect', () => this.emit('close'));
  }

  get readyState(): number {
    return this.socket.connected ? 1 : 3;
  }

  get bufferedAmount(): number {
    return 0;
  }

  send(text: string): void {
    this.socket.emit('chat', JSON.parse(text));
  }

  terminate(): void {
    this.socket.disconnect(true);
  }

  /** The room is typed with ws's WebSocket; this has the part of it the room uses. */
  asWebSocket(): WebSocket {
    return this as unknown as WebSocket;
  }
}
