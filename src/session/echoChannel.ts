import { type BrowserEvent, EchoSocket, type EchoSocketState, type Sendable } from './echoSocket.ts';

/**
 * The page's echo channel: its /echo socket (src/session/echoSocket.ts), opened with a URL from
 * `socketUrl` (the page's one way, src/session/pageSocketUrl.ts), and the server's id of that connection
 * once the tap's `open` record names it (`pageSocket: 'echo'`). What the browser's API reports goes to
 * `listen`; the bytes themselves are seen only through the tap.
 */
export class EchoChannel {
  /** The server's id for the page's current /echo connection, as the server's open record says. */
  connection: number | null = null;
  private readonly socket = new EchoSocket();
  private opening = false;

  constructor(private readonly socketUrl: (query: Record<string, string>) => Promise<string | null>) {}

  get state(): EchoSocketState {
    return this.socket.state;
  }

  /** Whether the echo socket asks for permessage-deflate (RFC 7692). */
  get deflate(): boolean {
    return this.socket.deflate;
  }

  /** Hears the browser API's events on every echo socket; `current` is false for one already replaced. */
  listen(listener: (event: BrowserEvent, current: boolean) => void): () => void {
    return this.socket.listen(listener);
  }

  /** Sends on the echo socket, opening one first when there is none (the message waits for it). */
  send(data: Sendable): void {
    if (this.socket.send(data) === 'needs-socket') this.open();
  }

  /** The browser sends the close frame (RFC 6455 §7.1.2). */
  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  /** Closes the current socket and, when `live`, opens a new one, with or without permessage-deflate. */
  reopen(options: { deflate?: boolean }, live: boolean): void {
    if (options.deflate !== undefined) this.socket.deflate = options.deflate;
    this.socket.drop(1000, 'reopening');
    if (live) this.open();
  }

  /** Opens a new echo socket (once at a time), tied to this page's session by its ticket. */
  open(): void {
    if (this.opening) return;
    this.opening = true;
    this.connection = null;
    void this.socketUrl(this.socket.deflate ? { deflate: '1' } : {}).then((url) => {
      this.opening = false;
      if (url) this.socket.open(url);
    });
  }

  /** The server went away: the socket with it. */
  lost(): void {
    this.connection = null;
    this.socket.drop();
  }
}
