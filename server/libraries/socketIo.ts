import { EventEmitter } from 'node:events';
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type Socket as IoSocket, Server } from 'socket.io';
import type { WebSocket } from 'ws';
import { ticketSocketPaths } from '../../src/shared/inspector/protocol.ts';
import { type Association, noAssociation } from '../admission/association.ts';
import { TokenBucket } from '../admission/rateLimit.ts';
import type { ChatVisitor } from '../endpoints/chatRoom.ts';
import type { StallClock } from '../loopStalls.ts';
import { EngineBacklog, type EngineSocket } from './engineBacklog.ts';
import { LibraryPeer } from './libraryPeer.ts';

/** Whose an Engine.IO session is, and from which address it was opened. */
type Owner = { readonly association: Association; readonly address: string };

/** A room held against an address (`ConnectionRegistry.hold`), given back once. */
type Hold = { release(): void };

/**
 * One Engine.IO session: whose it is, what it has waiting to be written, and its place under the address's
 * connection cap. Between two polls it holds no socket, yet it holds memory and a place in the cap all the
 * same: while none of its requests is open (`live` 0), it holds one connection of its address itself.
 */
type SessionSlot = {
  readonly owner: Owner;
  readonly backlog: EngineBacklog;
  live: number;
  hold: Hold | null;
};

/** The path socket.io answers on, its default: polling requests and WebSocket upgrades both. */
export const socketIoPath = ticketSocketPaths['socket.io'];

export type SocketIoOptions = {
  maxPayload: number;
  messagesPerSecond: number;
  /** Bytes a session may have waiting to be written (ours: `sendQueueLimit`); past it, it is ended. */
  sendQueueLimit: number;
  /** Holds one connection of an address's (and counts it), for a session none of whose requests is open. */
  holdAddress(address: string): Hold;
  /** The rate limit does not count what a stall of the event loop held back as a burst. */
  stalls?: StallClock;
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
   * Each Engine.IO session, by `sid`. Whose it is is fixed by its first request (the one that claimed a
   * ticket, or none), and the address that made that request: a `sid` seen in tapped bytes (on the
   * projector) opens nothing from another address, and carries no ticket's worth to anyone.
   */
  private readonly slots = new Map<string, SessionSlot>();
  private readonly handshakeOwners = new WeakMap<IncomingMessage, Owner>();
  /** Sessions none of whose requests is open: each holds a connection of its address. */
  private idle = 0;

  constructor(private readonly options: SocketIoOptions) {
    this.io = new Server({
      path: socketIoPath,
      serveClient: false,
      destroyUpgrade: false,
      maxHttpBufferSize: options.maxPayload,
    });
    // Given to the constructor, an object without listen() would be taken for options.
    this.io.attach(this.mount as unknown as HttpServer);
    this.io.engine.on('connection', (engineSocket: EngineSocket & { request: IncomingMessage }) => {
      const owner = this.handshakeOwners.get(engineSocket.request) ?? {
        association: noAssociation,
        address: engineSocket.request.socket.remoteAddress ?? 'unknown',
      };
      const slot: SessionSlot = {
        owner,
        backlog: new EngineBacklog(engineSocket, options.sendQueueLimit),
        live: 0,
        hold: null,
      };
      this.slots.set(engineSocket.id, slot);
      this.holdFor(slot);
      engineSocket.once('close', () => {
        this.slots.delete(engineSocket.id);
        this.releaseFor(slot);
      });
    });
    this.io.on('connection', (socket) => {
      const bucket = new TokenBucket(
        options.messagesPerSecond,
        options.messagesPerSecond,
        Date.now(),
        options.stalls,
      );
      socket.use((_packet, next) => {
        if (bucket.take()) next();
        else socket.disconnect(true);
      });
      socket.once('chat.join', (nick: unknown) => {
        // socket.io's typings hide the Engine.IO session's id, which names its backlog.
        const sid = (socket.conn as unknown as { id: string }).id;
        const member = new ChatMember(socket, () => this.backlogOf(sid));
        const owner = this.handshakeOwners.get(socket.request);
        const session = owner?.association.session ?? null;
        const visitor = owner && session ? { session, address: owner.address } : null;
        options.joinChat(member.asWebSocket(), typeof nick === 'string' ? nick : null, visitor);
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
    const owner = this.slots.get(sid)?.owner;
    if (!owner) return { association: noAssociation };
    if (owner.address !== address)
      return { refusal: 'this socket.io session was opened from another address' };
    return { association: owner.association };
  }

  /** Engine.IO sessions open, all addresses. */
  get sessions(): number {
    return this.slots.size;
  }

  /** Engine.IO sessions none of whose requests is open: each holds one connection of its address. */
  get idleSessions(): number {
    return this.idle;
  }

  /** Bytes the session named by `sid` has waiting to be written (0 for none). */
  backlogOf(sid: string | null): number {
    return (sid === null ? undefined : this.slots.get(sid))?.backlog.bytes ?? 0;
  }

  /**
   * A request (or WebSocket) of the session its URL names was registered as a connection: that connection
   * counts against the address now, so the session stops holding one until the returned `ended` is called.
   */
  requestOpened(url: URL): { ended(): void } {
    const sid = url.searchParams.get('sid');
    const slot = sid === null ? undefined : this.slots.get(sid);
    if (!slot) return { ended: () => {} };
    slot.live++;
    this.releaseFor(slot);
    let ended = false;
    return {
      ended: () => {
        if (ended) return;
        ended = true;
        slot.live--;
        if (slot.live === 0 && this.slots.get(sid!) === slot) this.holdFor(slot);
      },
    };
  }

  private holdFor(slot: SessionSlot): void {
    if (slot.hold || slot.live > 0) return;
    slot.hold = this.options.holdAddress(slot.owner.address);
    this.idle++;
  }

  private releaseFor(slot: SessionSlot): void {
    if (!slot.hold) return;
    slot.hold.release();
    slot.hold = null;
    this.idle--;
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

  constructor(
    private readonly socket: IoSocket,
    /** Its Engine.IO session's bytes waiting to be written: the room's slow-reader cut reads them. */
    private readonly backlog: () => number,
  ) {
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
    return this.backlog();
  }

  send(text: string): void {
    this.socket.emit('chat', JSON.parse(text));
  }

  /** The room refuses a member (no ticket): socket.io has no close code, so the socket is disconnected. */
  close(_code?: number, _reason?: string): void {
    this.socket.disconnect(true);
  }

  terminate(): void {
    this.socket.disconnect(true);
    // A polling session that is not reading would otherwise wait for its next GET (up to 30 s) to close,
    // holding its packets: a cut member's session is discarded at once.
    (this.socket.conn as unknown as EngineSocket).close(true);
  }

  /** The room is typed with ws's WebSocket; this has the part of it the room uses. */
  asWebSocket(): WebSocket {
    return this as unknown as WebSocket;
  }
}
