import { EventEmitter } from 'node:events';
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type Socket as IoSocket, Server } from 'socket.io';
import type { WebSocket } from 'ws';
import { ticketSocketPaths } from '../../src/shared/inspector/protocol.ts';
import { type Association, noAssociation } from '../association.ts';
import type { ChatVisitor } from '../endpoints/chatRoom.ts';
import { TokenBucket } from '../rateLimit.ts';
import { LibraryPeer } from './libraryPeer.ts';

/** Whose an Engine.IO session is, and from which address it was opened. */
type Owner = { readonly association: Association; readonly address: string };

/** The path socket.io answers on, its default: polling requests and WebSocket upgrades both. */
export const socketIoPath = ticketSocketPaths['socket.io'];

export type SocketIoOptions = {
  maxPayload: number;
  messagesPerSecond: number;
  /**
   * The chat room of /chat, which a socket.io client joins with the event `chat.join` (its nickname), as
   * the session its Engine.IO session's ticket proved (none: the chat refuses it, as /chat does).
   */
  joinChat(member: WebSocket, nick: string | null, visitor: ChatVisitor | null): void;
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
  /**
   * Whose each Engine.IO session is, fixed by its first request (the one that claimed a ticket, or none),
   * and the address that made that request: a `sid` seen in tapped bytes (on the projector) opens nothing
   * from another address, and carries no ticket's worth to anyone.
   */
  private readonly ownersBySid = new Map<string, Owner>();
  private readonly handshakeOwners = new WeakMap<IncomingMessage, Owner>();
  /** Engine.IO sessions open per address: between two polls a session holds no socket, so it is counted here. */
  private readonly perAddress = new Map<string, number>();

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
        const owner = this.handshakeOwners.get(engineSocket.request) ?? {
          association: noAssociation,
          address: engineSocket.request.socket.remoteAddress ?? 'unknown',
        };
        this.ownersBySid.set(engineSocket.id, owner);
        this.perAddress.set(owner.address, this.sessionsFrom(owner.address) + 1);
        engineSocket.once('close', () => {
          this.ownersBySid.delete(engineSocket.id);
          const left = this.sessionsFrom(owner.address) - 1;
          if (left > 0) this.perAddress.set(owner.address, left);
          else this.perAddress.delete(owner.address);
        });
      },
    );
    this.io.on('connection', (socket) => {
      const bucket = new TokenBucket(options.messagesPerSecond, options.messagesPerSecond);
      socket.use((_packet, next) => {
        if (bucket.take()) next();
        else socket.disconnect(true);
      });
      socket.once('chat.join', (nick: unknown) => {
        const owner = this.handshakeOwners.get(socket.request);
        const session = owner?.association.session ?? null;
        const visitor = owner && session ? { session, address: owner.address } : null;
        options.joinChat(
          new ChatMember(socket).asWebSocket(),
          typeof nick === 'string' ? nick : null,
          visitor,
        );
      });
      socket.on('echo', (...args: unknown[]) => {
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as (...reply: unknown[]) => void) : null;
        socket.emit('echo', ...args);
        ack?.(...args);
      });
    });
  }

  /**
   * Whose a request that names its Engine.IO session (`sid=`) is: that session's owner, by our own record;
   * refused from any address but the one that opened it. Null for a request that opens a session (its
   * ticket, if any, is claimed by the caller). An unknown `sid` belongs to nobody (Engine.IO refuses it).
   */
  ownerOf(url: URL, address: string): { association: Association } | { refusal: string } | null {
    const sid = url.searchParams.get('sid');
    if (sid === null) return null;
    const owner = this.ownersBySid.get(sid);
    if (!owner) return { association: noAssociation };
    if (owner.address !== address)
      return { refusal: 'this socket.io session was opened from another address' };
    return { association: owner.association };
  }

  /** Engine.IO sessions opened from `address` and not closed yet. */
  sessionsFrom(address: string): number {
    return this.perAddress.get(address) ?? 0;
  }

  /** Engine.IO sessions open, all addresses. */
  get sessions(): number {
    return this.ownersBySid.size;
  }

  /** One long-polling request; `association` is whose it is, kept when it opens a session. */
  request(req: IncomingMessage, res: ServerResponse, association: Association): void {
    this.handshakeOwners.set(req, { association, address: req.socket.remoteAddress ?? 'unknown' });
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
    association: Association,
    onSwitched: (then: () => void) => void,
    accepted: (peer: LibraryPeer) => void,
  ): void {
    this.handshakeOwners.set(req, { association, address: socket.remoteAddress ?? 'unknown' });
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
