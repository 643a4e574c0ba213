import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { WireTap } from './wireTap.ts';

type Intake = { tap: WireTap; handshakeTimer: NodeJS.Timeout | null; address: string | null };

/**
 * Every TCP socket the HTTP server accepts gets a wire tap and a connection id at once, before a byte
 * is read, and a handshake deadline: a client that opens TCP and sends half a request is dropped.
 *
 * Sockets that have not upgraded (yet, or ever: plain HTTP) are capped per address like WebSocket
 * connections are: past `maxPerAddress` a new one is closed at once, before it costs a descriptor for long.
 */
export class SocketIntake {
  private readonly sockets = new WeakMap<Socket, Intake>();
  private readonly perAddress = new Map<string, number>();
  private nextId = 1;

  constructor(http: Server, handshakeTimeoutMs: number, maxPerAddress = Number.POSITIVE_INFINITY) {
    // TLS: the decrypted socket is the one HTTP reads and the one to tap.
    const event = 'cert' in http || 'setSecureContext' in http ? 'secureConnection' : 'connection';
    http.on(event, (socket: Socket) => {
      const address = socket.remoteAddress ?? 'unknown';
      const count = (this.perAddress.get(address) ?? 0) + 1;
      if (count > maxPerAddress) {
        socket.destroy();
        return;
      }
      this.perAddress.set(address, count);
      const intake: Intake = {
        tap: new WireTap(socket, this.nextId++),
        handshakeTimer: setTimeout(() => socket.destroy(), handshakeTimeoutMs),
        address,
      };
      intake.handshakeTimer!.unref();
      this.sockets.set(socket, intake);
      socket.once('close', () => {
        this.clearDeadline(intake);
        this.uncount(intake);
      });
    });
    http.on('request', (req) => {
      const intake = this.sockets.get(req.socket);
      if (!intake) return;
      this.clearDeadline(intake);
      intake.tap.requestServed();
    });
  }

  /** The request is complete and asks to upgrade: no deadline any more, and the tap keeps its bytes. */
  upgrading(socket: Socket, head: Buffer, requestLine?: string): WireTap {
    let intake = this.sockets.get(socket);
    if (!intake) {
      intake = { tap: new WireTap(socket, this.nextId++), handshakeTimer: null, address: null };
      this.sockets.set(socket, intake);
    }
    this.clearDeadline(intake);
    // From here the connection caps count it (or it is refused and closed).
    this.uncount(intake);
    intake.tap.upgradeStarted(head, requestLine);
    return intake.tap;
  }

  /** A socket someone else answers (Vite's HMR in dev mode): no deadline, and the tap records nothing. */
  handOver(socket: Socket): void {
    const intake = this.sockets.get(socket);
    if (!intake) return;
    this.clearDeadline(intake);
    intake.tap.stop();
  }

  private uncount(intake: Intake): void {
    if (intake.address === null) return;
    const left = (this.perAddress.get(intake.address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(intake.address, left);
    else this.perAddress.delete(intake.address);
    intake.address = null;
  }

  private clearDeadline(intake: Intake): void {
    if (intake.handshakeTimer) clearTimeout(intake.handshakeTimer);
    intake.handshakeTimer = null;
  }
}
