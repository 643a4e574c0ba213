/** The browser's own view of the page's echo socket: its API events, never used to draw frames. */
export type BrowserEvent =
  | { type: 'open'; url: string }
  | { type: 'message'; data: string | ArrayBuffer }
  | { type: 'close'; code: number; reason: string; wasClean: boolean }
  | { type: 'error' };

export type EchoSocketState = 'none' | 'connecting' | 'open' | 'closing' | 'closed';

export type Sendable = string | ArrayBuffer | ArrayBufferView | Blob;

/**
 * The page's /echo socket through the browser's WebSocket API: what it sends, what the API reports. A
 * message sent while no socket is open waits in an outbox and goes as soon as the next one opens. The
 * bytes themselves are seen only through the tap; this is the application's side of the story.
 */
export class EchoSocket {
  private socket: WebSocket | null = null;
  private readonly outbox: Sendable[] = [];
  private readonly listeners = new Set<(event: BrowserEvent, current: boolean) => void>();
  deflate = false;

  get state(): EchoSocketState {
    const socket = this.socket;
    if (!socket) return 'none';
    return (['connecting', 'open', 'closing', 'closed'] as const)[socket.readyState] ?? 'closed';
  }

  /** Hears every event of every socket this opens; `current` is false for one already replaced. */
  listen(listener: (event: BrowserEvent, current: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  open(url: string): void {
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    const tell = (event: BrowserEvent) => {
      for (const listener of this.listeners) listener(event, this.socket === socket);
    };
    socket.addEventListener('open', () => {
      tell({ type: 'open', url: socket.url });
      while (this.outbox.length > 0 && socket.readyState === WebSocket.OPEN) {
        socket.send(this.outbox.shift() as string);
      }
    });
    socket.addEventListener('message', (event) => tell({ type: 'message', data: event.data }));
    socket.addEventListener('error', () => tell({ type: 'error' }));
    socket.addEventListener('close', (event) =>
      tell({ type: 'close', code: event.code, reason: event.reason, wasClean: event.wasClean }),
    );
  }

  /** Sends now when open; otherwise queues, and says whether a new socket must be opened for it. */
  send(data: Sendable): 'sent' | 'queued' | 'needs-socket' {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(data as string);
      return 'sent';
    }
    this.outbox.push(data);
    return !this.socket || this.socket.readyState >= WebSocket.CLOSING ? 'needs-socket' : 'queued';
  }

  /** The browser sends the close frame (RFC 6455 §7.1.2). */
  close(code?: number, reason?: string): void {
    this.socket?.close(code, reason);
  }

  /** Forgets the current socket, closing it when it is still open or opening. */
  drop(code?: number, reason?: string): void {
    const old = this.socket;
    this.socket = null;
    if (old && old.readyState <= WebSocket.OPEN) old.close(code, reason);
  }
}
