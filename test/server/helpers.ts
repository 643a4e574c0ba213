import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket, { type ClientOptions } from 'ws';
import type { ServerOptions } from '../../server/options.ts';
import { type RunningServer, startServer } from '../../server/server.ts';
import { type TicketSocket, ticketSocketPaths } from '../../src/shared/inspector/protocol.ts';

/** A tiny built deck in a temporary folder, so the tests never depend on `vite build`. */
export function fixtureDeck(): string {
  const root = mkdtempSync(join(tmpdir(), 'ws101-deck-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>ws101 test deck</title>');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log("deck");');
  writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return root;
}

export function startTestServer(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', staticRoot: fixtureDeck(), log: 'silent', ...options });
}

export function wsUrl(server: RunningServer, path: string): string {
  return `ws://127.0.0.1:${server.port}${path}`;
}

export function openWs(
  url: string,
  protocols?: string | string[],
  options?: ClientOptions,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export function nextMessage(ws: WebSocket): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve) =>
    ws.once('message', (data, isBinary) => resolve({ data: data as Buffer, isBinary })),
  );
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

/** Resolves when `ready` holds, re-checked after every event the caller pokes with `check()`. */
export function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const value = probe();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}

export type JsonRecord = Record<string, unknown> & { kind: string; connection?: number; data?: string };

/** A page's inspector, for tests: says hello, keeps every record and reply it gets. */
export class TestInspector {
  readonly records: JsonRecord[] = [];
  readonly replies: Record<string, unknown>[] = [];
  welcome: Record<string, unknown> & { session: string; role: string } = {} as never;
  private nextId = 1;

  private constructor(
    readonly ws: WebSocket,
    private readonly serverUrl: string,
  ) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if (message.type === 'records') this.records.push(...(message.records as JsonRecord[]));
      else this.replies.push(message);
    });
  }

  /** `from`: the local address to connect from (each 127.x address is a visitor of its own to the caps). */
  static async open(
    server: RunningServer,
    hello: Record<string, unknown> = {},
    from?: string,
  ): Promise<TestInspector> {
    const socket = await openWs(
      wsUrl(server, '/inspect'),
      undefined,
      from ? { localAddress: from } : undefined,
    );
    const inspector = new TestInspector(socket, wsUrl(server, ''));
    const reply = await inspector.request({ type: 'hello', v: 1, ...hello });
    if (reply.type !== 'welcome') throw new Error(`hello refused: ${JSON.stringify(reply)}`);
    inspector.welcome = reply as never;
    return inspector;
  }

  /** Sends a command with a fresh id and resolves with the reply that carries it. */
  async request(command: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ ...command, id }));
    return waitFor(() => this.replies.find((reply) => reply.id === id), `reply to ${String(command.type)}`);
  }

  /** A URL for one of this page's own sockets: `/echo` with a single-use ticket asked for on /inspect. */
  echoUrl(query = ''): Promise<string> {
    return this.socketUrl('echo', query);
  }

  /** A URL for this page's chat socket: a ticket opens only the endpoint it was asked for. */
  chatUrl(query = ''): Promise<string> {
    return this.socketUrl('chat', query);
  }

  /** A URL for one of this page's sockets at any endpoint a ticket opens (a library's too). */
  async socketUrl(socket: TicketSocket, query = ''): Promise<string> {
    return `${this.serverUrl}${ticketSocketPaths[socket]}?ticket=${await this.ticket(socket)}${query}`;
  }

  /** A single-use ticket for one socket of this page, asked for on /inspect. */
  async ticket(socket: TicketSocket): Promise<string> {
    const reply = await this.request({ type: 'ticket', socket });
    if (typeof reply.ticket !== 'string') throw new Error(`no ticket: ${JSON.stringify(reply)}`);
    return reply.ticket;
  }

  /** A URL for this page's room socket, tied to its session (and so to its presenter hello) by a ticket. */
  roomUrl(query = ''): Promise<string> {
    return this.socketUrl('room', query);
  }

  wire(connection: number, kind?: 'read' | 'write'): JsonRecord[] {
    return this.records.filter(
      (r) =>
        r.connection === connection && (kind ? r.kind === kind : r.kind === 'read' || r.kind === 'write'),
    );
  }

  bytes(connection: number, kind: 'read' | 'write'): Buffer {
    return Buffer.concat(this.wire(connection, kind).map((r) => Buffer.from(r.data!, 'base64')));
  }

  find(predicate: (record: JsonRecord) => boolean, what: string): Promise<JsonRecord> {
    return waitFor(() => this.records.find(predicate), what);
  }

  close(): void {
    this.ws.close();
  }
}

/** A raw TCP client that remembers every chunk it wrote and read, to compare with the tap. */
export class RawClient {
  readonly written: Buffer[] = [];
  readonly read: Buffer[] = [];
  ended = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.read.push(chunk));
    socket.on('close', () => {
      this.ended = true;
    });
    socket.on('error', () => {});
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  write(bytes: Buffer | string): Promise<void> {
    const chunk = Buffer.from(bytes);
    this.written.push(chunk);
    return new Promise((resolve) => this.socket.write(chunk, () => resolve()));
  }

  received(): Buffer {
    return Buffer.concat(this.read);
  }

  untilReceived(predicate: (all: Buffer) => boolean, what: string): Promise<Buffer> {
    return waitFor(() => (predicate(this.received()) ? this.received() : undefined), what);
  }

  untilClosed(): Promise<void> {
    return waitFor(() => (this.ended ? true : undefined), 'socket closed').then(() => undefined);
  }
}

/** A handshake request for a raw client, with a fixed key by default (RFC 6455 §1.3's example). */
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

export const headerEnd = (all: Buffer) => all.indexOf('\r\n\r\n') >= 0;
