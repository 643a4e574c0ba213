import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';

/** What every attack gets: where the server is, and when it must stop. */
export type AttackContext = {
  readonly port: number;
  readonly presenterToken: string;
  /** The copy of the built deck the server serves (an attack may delete a file from it). */
  readonly staticRoot: string;
  /** True once the attack's time is up: every loop checks it. */
  over(): boolean;
  /** The server speaks TLS (STRESS_TLS=1): https and wss on the same port. */
  readonly tls?: boolean;
};

export type AttackResult = { refused: number; note: string };

/** 127.0.0.N: every loopback address reaches the server; the caps count each as one visitor. */
export const loopback = (n: number) => `127.0.0.${n}`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a WebSocket; a refusal resolves with its HTTP status instead, a failure with 0. */
export function tryOpen(
  port: number,
  path: string,
  options: WebSocket.ClientOptions & { from?: string } = {},
): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const { from, ...rest } = options;
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, {
      perMessageDeflate: false,
      ...(from ? { localAddress: from } : {}),
      ...rest,
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('error', () => resolve(0));
  });
}

/** A page's inspector: hello said, replies matched by id, records counted. */
export class Inspector {
  private readonly waiting = new Map<string, (reply: Record<string, unknown>) => void>();
  private next = 1;
  records = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if (message.type === 'records') this.records += (message.records as unknown[]).length;
      const resolve = this.waiting.get(String(message.id));
      if (resolve) {
        this.waiting.delete(String(message.id));
        resolve(message);
      }
    });
    ws.on('close', () => {
      for (const resolve of this.waiting.values()) resolve({ type: 'error', code: 'closed' });
      this.waiting.clear();
    });
    ws.on('error', () => {});
  }

  static async open(
    port: number,
    hello: Record<string, unknown> = {},
    from?: string,
  ): Promise<Inspector | null> {
    const ws = await tryOpen(port, '/inspect', { from });
    if (typeof ws === 'number') return null;
    const inspector = new Inspector(ws);
    const welcome = await inspector.request({ type: 'hello', v: 1, ...hello });
    return welcome.type === 'welcome' ? inspector : null;
  }

  request(command: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = `r${this.next++}`;
    return new Promise((resolve) => {
      if (this.ws.readyState !== WebSocket.OPEN) return resolve({ type: 'error', code: 'closed' });
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ ...command, id }));
    });
  }

  send(command: Record<string, unknown>): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(command));
  }

  async echoUrl(): Promise<string | null> {
    const reply = await this.request({ type: 'ticket' });
    return typeof reply.ticket === 'string' ? `/echo?ticket=${reply.ticket}` : null;
  }
}

/** A raw TCP socket to the server, errors swallowed (the server may drop it: that is the point). */
export function rawSocket(port: number, from?: string): Promise<Socket | null> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', ...(from ? { localAddress: from } : {}) });
    socket.once('connect', () => resolve(socket));
    socket.on('error', () => resolve(null));
  });
}

export function upgradeRequest(path: string, port: number, extra: string[] = []): string {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...extra,
    '',
    '',
  ].join('\r\n');
}

/** A raw socket past its handshake, or null when refused. */
export async function rawWebSocket(port: number, path: string, from?: string): Promise<Socket | null> {
  const socket = await rawSocket(port, from);
  return socket ? upgradeOn(socket, port, path) : null;
}

/** Writes the upgrade of `path` (with `extra` headers) on an open stream: the stream past its 101, or null. */
export async function upgradeOn(
  socket: Socket,
  port: number,
  path: string,
  extra: string[] = [],
): Promise<Socket | null> {
  socket.write(upgradeRequest(path, port, extra));
  const head = await new Promise<string>((resolve) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (seen.includes('\r\n\r\n')) {
        socket.off('data', onData);
        resolve(seen);
      }
    };
    socket.on('data', onData);
    socket.once('close', () => resolve(seen));
  });
  if (!head.startsWith('HTTP/1.1 101')) {
    socket.destroy();
    return null;
  }
  return socket;
}

export function stopReading(ws: WebSocket): void {
  (ws as unknown as { _socket: Socket })._socket.pause();
}

export function closeAll(sockets: Iterable<WebSocket | Socket | null>): void {
  for (const socket of sockets) {
    if (!socket) continue;
    if (socket instanceof WebSocket) socket.terminate();
    else socket.destroy();
  }
}
