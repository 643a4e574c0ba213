import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { ExchangeTap } from './exchangeTap.ts';
import type { WireRecord } from './wireRecord.ts';
import { WireTap } from './wireTap.ts';

type Intake = { tap: WireTap; handshakeTimer: NodeJS.Timeout | null; admission: Admission };
/** A TCP connection counted against its address (`address` null once it no longer is). */
type Admission = { address: string | null };

/**
 * Every TCP socket the HTTP server accepts gets a wire tap and a connection id at once, before a byte
 * is read, and a handshake deadline: a client that opens TCP and sends half a request is dropped.
 *
 * Sockets that have not upgraded (yet, or ever: plain HTTP) are capped per address like WebSocket
 * connections are: past `maxPerAddress` a new one is closed at once, before it costs a descriptor for long.
 *
 * With TLS, the count is taken on the raw TCP connection, before its TLS handshake: a socket that never
 * sends a ClientHello holds a descriptor and a place under the server's total as much as any other, so it
 * counts against its address from its first moment (the TLS server's own `handshakeTimeout`, set equal to
 * the HTTP deadline in server.ts, ends it). The decrypted socket, the one HTTP reads, is tapped and gets
 * the HTTP deadline once its handshake is done.
 */
export class SocketIntake {
  private readonly sockets = new WeakMap<Socket, Intake>();
  private readonly perAddress = new Map<string, number>();
  /** What each request's socket read before the request event: its head (and maybe body), for `exchange`. */
  private readonly requestReads = new WeakMap<IncomingMessage, WireRecord[]>();
  private nextId = 1;

  constructor(
    http: Server,
    handshakeTimeoutMs: number,
    maxPerAddress = Number.POSITIVE_INFINITY,
    /** Requests whose bytes are kept for `exchange`; the others' are dropped at once. */
    private readonly recordsRequest: (req: IncomingMessage) => boolean = () => false,
  ) {
    const tls = 'cert' in http || 'setSecureContext' in http;
    // The raw TCP connection, TLS or not: counted here, given back when it closes (TLS's with its socket).
    const admissions = new WeakMap<Socket, Admission>();
    http.on('connection', (raw: Socket) => {
      const address = raw.remoteAddress ?? 'unknown';
      const count = (this.perAddress.get(address) ?? 0) + 1;
      if (count > maxPerAddress) {
        raw.destroy();
        return;
      }
      this.perAddress.set(address, count);
      const admission: Admission = { address };
      raw.once('close', () => this.uncount(admission));
      if (tls) admissions.set(raw, admission);
      else this.track(raw, admission, handshakeTimeoutMs);
    });
    // TLS: the decrypted socket is the one HTTP reads and the one to tap.
    if (tls) {
      http.on('secureConnection', (socket: Socket & { _parent?: Socket }) => {
        const admission = (socket._parent && admissions.get(socket._parent)) ?? { address: null };
        this.track(socket, admission, handshakeTimeoutMs);
      });
    }
    http.on('request', (req: IncomingMessage) => {
      const intake = this.sockets.get(req.socket);
      if (!intake) return;
      this.clearDeadline(intake);
      const reads = intake.tap.requestServed(`${req.method} ${req.url} HTTP/`);
      if (reads.length > 0 && this.recordsRequest(req)) this.requestReads.set(req, reads);
    });
  }

  /** A socket HTTP reads: tapped, under the HTTP deadline until its first request is complete. */
  private track(socket: Socket, admission: Admission, handshakeTimeoutMs: number): void {
    const intake: Intake = {
      tap: new WireTap(socket, this.nextId++),
      handshakeTimer: setTimeout(() => socket.destroy(), handshakeTimeoutMs),
      admission,
    };
    intake.handshakeTimer!.unref();
    this.sockets.set(socket, intake);
    socket.once('close', () => this.clearDeadline(intake));
  }

  /** The request is complete and asks to upgrade: no deadline any more, and the tap keeps its bytes. */
  upgrading(socket: Socket, head: Buffer, requestLine?: string): WireTap {
    let intake = this.sockets.get(socket);
    if (!intake) {
      intake = {
        tap: new WireTap(socket, this.nextId++),
        handshakeTimer: null,
        admission: { address: null },
      };
      this.sockets.set(socket, intake);
    }
    this.clearDeadline(intake);
    // From here the connection caps count it (or it is refused and closed).
    this.uncount(intake.admission);
    intake.tap.upgradeStarted(head, requestLine);
    return intake.tap;
  }

  /**
   * Records this request and its response as an exchange of their own (socket.io's long polling), under a
   * fresh connection id, until `end` is called once the response is written.
   */
  exchange(req: IncomingMessage): { tap: ExchangeTap; end(): void } | null {
    const intake = this.sockets.get(req.socket);
    if (!intake) return null;
    const tap = new ExchangeTap(this.nextId++, this.requestReads.get(req) ?? []);
    this.requestReads.delete(req);
    intake.tap.beginExchange(tap);
    return { tap, end: () => intake.tap.endExchange(tap) };
  }

  /** A socket someone else answers (Vite's HMR in dev mode): no deadline, and the tap records nothing. */
  handOver(socket: Socket): void {
    const intake = this.sockets.get(socket);
    if (!intake) return;
    this.clearDeadline(intake);
    intake.tap.stop();
  }

  private uncount(admission: Admission): void {
    if (admission.address === null) return;
    const left = (this.perAddress.get(admission.address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(admission.address, left);
    else this.perAddress.delete(admission.address);
    admission.address = null;
  }

  private clearDeadline(intake: Intake): void {
    if (intake.handshakeTimer) clearTimeout(intake.handshakeTimer);
    intake.handshakeTimer = null;
  }
}
