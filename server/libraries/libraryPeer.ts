import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** What a library's connection must offer so the server's guards (caps, idle, shutdown) can hold it. */
export type PeerControls = {
  readonly protocol: string;
  isOpen(): boolean;
  /** The library's own closing handshake (RFC 6455 §7.1.2), or its own notion of closing. */
  close(code: number, reason: string): void;
  /** Its own ping (ws101's heartbeat never pings a library's connections: they keep their own). */
  ping?(payload: Buffer): void;
  /** Bytes the library holds for this connection beyond its socket's (an Engine.IO session's packets). */
  backlog?(): number;
};

/**
 * A connection made by another library (WebSocket-Node, socket.io), dressed in the part of ws's API that
 * the registry, the idle sweep, the rate limit, the lab and shutdown use: `message`, `close`, `error`
 * events; `close`, `terminate`, `ping`, `readyState`, `protocol`, `bufferedAmount`. The library owns the
 * connection; this only reports what it does and passes our guards' decisions to it.
 */
export class LibraryPeer extends EventEmitter {
  readonly OPEN = 1;
  readonly extensions = '';
  private ended = false;
  /** The socket ended without the library saying so first (it says so in the same turn): 1006. */
  private readonly socketClosed = () => setImmediate(() => this.closed(1006, ''));

  constructor(
    private readonly socket: Socket,
    private readonly controls: PeerControls,
  ) {
    super();
    // An error nobody listens to would be thrown: the guards listen, and until then this does.
    this.on('error', () => {});
    socket.once('close', this.socketClosed);
  }

  get protocol(): string {
    return this.controls.protocol;
  }

  get readyState(): number {
    return this.ended ? 3 : this.controls.isOpen() ? 1 : 2;
  }

  /** What waits to be written, in the socket and in the library: the send-queue guard reads it. */
  get bufferedAmount(): number {
    return this.socket.writableLength + (this.controls.backlog?.() ?? 0);
  }

  /** The library received a message: counted by the rate limit and the idle sweep. */
  received(data: Buffer, isBinary: boolean): void {
    this.emit('message', data, isBinary);
  }

  /** The connection ended: told once, whatever ended it. */
  closed(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = true;
    // A keep-alive socket carries many polling exchanges: each peer leaves no listener behind.
    this.socket.off('close', this.socketClosed);
    this.emit('close', code, Buffer.from(reason));
  }

  close(code?: number, reason?: string): void {
    if (this.readyState === 1) this.controls.close(code ?? 1000, reason ?? '');
    else this.terminate();
  }

  terminate(): void {
    this.socket.destroy();
  }

  ping(payload?: Buffer | string): void {
    this.controls.ping?.(Buffer.from(payload ?? ''));
  }

  /**
   * The registry and the guards are typed with ws's WebSocket; this has the part of it they use. One cast,
   * here, rather than a second connection type threaded through every guard.
   */
  asWebSocket(): WebSocket {
    return this as unknown as WebSocket;
  }
}
