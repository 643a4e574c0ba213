import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { WireTap } from './wireTap.ts';

type Intake = { tap: WireTap; handshakeTimer: NodeJS.Timeout | null };

/**
 * Every TCP socket the HTTP server accepts gets a wire tap and a connection id at once, before a byte
 * is read, and a handshake deadline: a client that opens TCP and sends half a request is dropped.
 */
export class SocketIntake {
  private readonly sockets = new WeakMap<Socket, Intake>();
  private nextId = 1;

  constructor(http: Server, handshakeTimeoutMs: number) {
    http.on('connection', (socket: Socket) => {
      const intake: Intake = {
        tap: new WireTap(socket, this.nextId++),
        handshakeTimer: setTimeout(() => socket.destroy(), handshakeTimeoutMs),
      };
      intake.handshakeTimer!.unref();
      this.sockets.set(socket, intake);
      socket.once('close', () => this.clearDeadline(intake));
    });
    http.on('request', (req) => {
      const intake = this.sockets.get(req.socket);
      if (!intake) return;
      this.clearDeadline(intake);
      intake.tap.requestServed();
    });
  }

  /** The request is complete and asks to upgrade: no deadline any more, and the tap keeps its bytes. */
  upgrading(socket: Socket, head: Buffer): WireTap {
    let intake = this.sockets.get(socket);
    if (!intake) {
      intake = { tap: new WireTap(socket, this.nextId++), handshakeTimer: null };
      this.sockets.set(socket, intake);
    }
    this.clearDeadline(intake);
    intake.tap.upgradeStarted(head);
    return intake.tap;
  }

  /** A socket someone else answers (Vite's HMR in dev mode): no deadline, and the tap records nothing. */
  handOver(socket: Socket): void {
    const intake = this.sockets.get(socket);
    if (!intake) return;
    this.clearDeadline(intake);
    intake.tap.stop();
  }

  private clearDeadline(intake: Intake): void {
    if (intake.handshakeTimer) clearTimeout(intake.handshakeTimer);
    intake.handshakeTimer = null;
  }
}
