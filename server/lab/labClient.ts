import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import {
  closePayload,
  encodeFrame,
  FrameStreamDecoder,
  isSubprotocolList,
  Opcode,
} from '../../src/protocol/index.ts';
import { uninitialisedBytes } from '../uninitialisedBytes.ts';

export type LabClientTarget = {
  host: string;
  port: number;
  path: string;
  subprotocol?: string;
  deflate: boolean;
  /** The server speaks TLS: dial it with TLS too. */
  tls?: boolean;
};

/**
 * The frame lab's browser → server half: our own raw TCP client to our own /echo. It performs the
 * handshake by hand and then writes whatever bytes it is given, so it can break every rule a browser
 * never would (no mask, RSV1, a lying length). The server side of it is an ordinary tapped connection.
 */
export class LabClient {
  private readonly decoder = new FrameStreamDecoder({ sender: 'server', allocate: uninitialisedBytes });
  private closeAnswered = false;

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onFrames(chunk));
    socket.on('end', () => socket.end());
    socket.on('error', () => socket.destroy());
  }

  write(bytes: Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  destroy(): void {
    this.socket.destroy();
  }

  /**
   * Behave like a browser in what the page did not craft: RFC 6455 §5.5.2, answer each ping with a pong
   * (or the heartbeat would end the lab connection), and §5.5.1, answer the server's close with a close,
   * then end, so the server closes cleanly.
   */
  private onFrames(chunk: Buffer): void {
    for (const frame of this.decoder.push(chunk)) {
      if (frame.opcode === Opcode.ping && !this.closeAnswered) {
        this.write(encodeFrame({ opcode: Opcode.pong, payload: frame.payload, mask: true }));
      }
      if (frame.opcode !== Opcode.close || this.closeAnswered) continue;
      this.closeAnswered = true;
      const code = frame.payload.length >= 2 ? (frame.payload[0]! << 8) | frame.payload[1]! : undefined;
      this.socket.end(encodeFrame({ opcode: Opcode.close, payload: closePayload(code), mask: true }));
    }
  }
}

export function handshakeRequest(target: LabClientTarget, key: string): string {
  const lines = [
    `GET ${target.path} HTTP/1.1`,
    `Host: ${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    'Sec-WebSocket-Version: 13',
    'User-Agent: ws101-frame-lab',
  ];
  if (target.subprotocol) {
    // Checked where the page's command is parsed; reaching here otherwise is a bug, never a header.
    if (!isSubprotocolList(target.subprotocol)) throw new RangeError('a subprotocol is an RFC 7230 token');
    lines.push(`Sec-WebSocket-Protocol: ${target.subprotocol}`);
  }
  if (target.deflate) lines.push('Sec-WebSocket-Extensions: permessage-deflate');
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Opens and upgrades; resolves to a client, or to an error text (refused, not 101, timed out). */
export function openLabClient(
  target: LabClientTarget,
  timeoutMs = 5000,
): Promise<LabClient | { error: string }> {
  return new Promise((resolve) => {
    // Our own listening socket on loopback: its certificate names the LAN address, not this one, and
    // there is nobody in between to verify against, so it is not checked.
    const socket: Socket = target.tls
      ? connectTls({ port: target.port, host: target.host, rejectUnauthorized: false })
      : connect(target.port, target.host);
    let head = Buffer.alloc(0);
    const fail = (error: string) => {
      socket.destroy();
      resolve({ error });
    };
    const timer = setTimeout(() => fail('lab handshake timed out'), timeoutMs);
    socket.on(target.tls ? 'secureConnect' : 'connect', () =>
      socket.write(handshakeRequest(target, randomBytes(16).toString('base64'))),
    );
    socket.on('error', (error) => {
      clearTimeout(timer);
      fail(error.message);
    });
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.removeAllListeners('error');
      const status = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      if (!/^HTTP\/1\.1 101 /.test(status)) return fail(`server answered ${status}`);
      const client = new LabClient(socket);
      const rest = head.subarray(end + 4);
      if (rest.length > 0) socket.emit('data', rest);
      resolve(client);
    };
    socket.on('data', onData);
  });
}
