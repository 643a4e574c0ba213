import { randomBytes } from 'node:crypto';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import {
  checkUpgradeResponse,
  closePayload,
  encodeFrame,
  FrameStreamDecoder,
  headerValue,
  Opcode,
  parseHttpHead,
  WireDecoder,
} from '../../protocol/index.ts';
import type { ObservedEvent, TranscriptChunk } from '../types.ts';
import type { Target } from './target.ts';

/** Bytes one case accepts from the server before it gives up on it: 9.1.6's 16 MiB echo, and some room. */
const defaultReceiveLimit = 20 * 1024 * 1024;

/**
 * One raw client connection for one case: our own handshake over node:net, then bytes out exactly as the
 * case wrote them and every byte back decoded by ws101's WireDecoder. It behaves as a polite client in
 * what the case does not script: it answers pings, and answers the server's close with a close.
 *
 * It never decides a verdict by itself. As soon as the server's close frame or its FIN arrives, nothing
 * more is written (but the close reply): bytes written to a peer that has closed make its kernel answer
 * with RST, and a RST makes ours throw away what we had not read yet, such as the very echo and close the
 * case is judged on. Reading goes on until the server ends TCP; a reset only ends the connection after
 * every byte Node had already read was decoded (Node delivers reads before the error that follows them).
 */
/** What a case asks of its connection beyond the plain handshake. */
export type ConnectionOptions = {
  /** Sec-WebSocket-Extensions offers (12.x/13.x), in order. */
  readonly extensions?: readonly string[];
  /** Bytes of each direction the transcript keeps (a deflate case moves 131 MB; its first bytes suffice). */
  readonly transcriptLimit?: number;
  /**
   * Bytes the server may send in all before it is cut off; a case that reads its messages itself and
   * keeps none (12.x/13.x: 1,000 echoes of up to 128 KiB) is bounded by its own count instead.
   */
  readonly receiveLimit?: number;
};

/** A data message handed to a case that reads messages itself instead of keeping them as events. */
export type MessageHook = (message: {
  kind: 'text' | 'binary';
  payload: Uint8Array;
  compressed: boolean;
}) => void;

export class ConformConnection {
  readonly events: ObservedEvent[] = [];
  readonly transcript: TranscriptChunk[] = [];
  readonly serverViolations: string[] = [];
  serverClosedAt: number | null = null;
  tcpClosedAt: number | null = null;
  /** When the server's FIN arrived: it sends nothing more, and we write nothing more. */
  peerEndedAt: number | null = null;
  /** A close frame of ours has been written (or is about to be, in the write under way). */
  sentClose = false;
  /** Autobahn's closedByMe: our close went out before the server's close arrived. */
  closedByMe = false;
  /** Our own bytes, cut into frames, to know when we are in the middle of one. */
  private readonly written = new FrameStreamDecoder({ maxPayload: 64 * 1024 * 1024 });
  /** Pongs owed while a frame of ours is half written: sent between frames, never inside one. */
  private owedPongs: Uint8Array[] = [];
  private listeners: (() => void)[] = [];
  private receivedBytes = 0;
  private readonly decoder: WireDecoder;
  private readonly transcriptLimit: number;
  private readonly receiveLimit: number;
  private transcribed = { sent: 0, received: 0 };
  /** Bytes written and read on the wire, whether or not the transcript kept them. */
  readonly wireBytes = { sent: 0, received: 0 };
  /** When set, data messages go here and are not kept in `events`. */
  onMessage: MessageHook | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly startedAt: number,
    rest: Uint8Array,
    /** The server's Sec-WebSocket-Extensions answer, if any. */
    readonly extensions: string | undefined = undefined,
    options: { perMessageDeflate?: boolean } & Omit<ConnectionOptions, 'extensions'> = {},
  ) {
    this.decoder = new WireDecoder({
      sender: 'server',
      maxPayload: 64 * 1024 * 1024,
      perMessageDeflate: options.perMessageDeflate ?? false,
    });
    this.transcriptLimit = options.transcriptLimit ?? Number.POSITIVE_INFINITY;
    this.receiveLimit = options.receiveLimit ?? defaultReceiveLimit;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(new Uint8Array(chunk)));
    socket.on('end', () => {
      this.peerEndedAt ??= this.now();
      this.notify();
    });
    socket.on('close', () => {
      this.tcpClosedAt ??= this.now();
      this.notify();
    });
    // A reset: Node has already emitted every read before it; 'close' follows and ends the case.
    socket.on('error', () => socket.destroy());
    if (rest.length > 0) this.receive(rest);
  }

  now(): number {
    return performance.now() - this.startedAt;
  }

  get open(): boolean {
    return this.serverClosedAt === null && this.tcpClosedAt === null && this.peerEndedAt === null;
  }

  /** Whether the server has said it is done (close frame, FIN or TCP gone): then we stop writing. */
  get peerDone(): boolean {
    return !this.open;
  }

  /**
   * Writes, resolving once the bytes are handed to the kernel and Node has had a turn to read (so chopped
   * writes stay separate, and a close or FIN from the server is seen before the next chop goes out).
   * Refuses once the server is done, except for `reply`: the close that answers the server's close.
   */
  write(bytes: Uint8Array, reply = false, wholeDataFrames = false): Promise<void> {
    if (this.socket.destroyed || !this.socket.writable) return Promise.resolve();
    if (this.peerDone && !reply) return Promise.resolve();
    this.record('sent', bytes);
    // Whole data frames (12.x/13.x's messages) start no close and end mid-frame never: not re-parsed.
    const frames = wholeDataFrames ? [] : this.written.push(bytes);
    for (const frame of frames) {
      // A close with RSV bits set (3.7) is a bad frame, not the start of a closing handshake.
      const plainClose = frame.opcode === Opcode.close && !frame.rsv1 && !frame.rsv2 && !frame.rsv3;
      if (plainClose && !this.sentClose) {
        this.sentClose = true;
        if (this.serverClosedAt === null) this.closedByMe = true;
      }
    }
    const done = new Promise<void>((resolve) => this.socket.write(bytes, () => setImmediate(resolve)));
    if (!this.midFrame) this.payOwedPongs();
    return done;
  }

  private record(direction: 'sent' | 'received', bytes: Uint8Array): void {
    this.wireBytes[direction] += bytes.length;
    if (this.transcribed[direction] >= this.transcriptLimit) return;
    this.transcribed[direction] += bytes.length;
    this.transcript.push({ direction, at: this.now(), bytes });
  }

  private get midFrame(): boolean {
    return this.written.remainder().length > 0;
  }

  private payOwedPongs(): void {
    const owed = this.owedPongs;
    this.owedPongs = [];
    for (const pong of owed) void this.write(pong);
  }

  /** Resolves when `test` holds, or after `ms` (false then). */
  until(test: () => boolean, ms: number): Promise<boolean> {
    if (test()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== check);
        resolve(false);
      }, ms);
      const check = () => {
        if (!test()) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
        resolve(true);
      };
      this.listeners.push(check);
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private receive(chunk: Uint8Array): void {
    const at = this.now();
    // No case gets more than 16 MiB back (9.x.6): a server that floods us is cut off, not buffered.
    this.receivedBytes += chunk.length;
    if (this.receivedBytes > this.receiveLimit) {
      this.serverViolations.push(
        `sent more than ${this.receiveLimit / 1024 / 1024} MiB back; the connection was cut`,
      );
      this.socket.destroy();
      return;
    }
    this.record('received', chunk);
    const { frames, events } = this.decoder.push(chunk);
    for (const frame of frames) {
      for (const v of frame.violations) this.serverViolations.push(`${v.rule} (${v.message.en})`);
    }
    for (const event of events) {
      // §5.5.1: after its close the server sends nothing more; anything later is not part of the case.
      if (this.serverClosedAt !== null) continue;
      if (event.kind === 'message' && this.onMessage) {
        const kind = event.opcode === Opcode.text ? 'text' : 'binary';
        this.onMessage({ kind, payload: event.payload, compressed: event.compressed });
      } else if (event.kind === 'message') {
        this.events.push({
          at,
          kind: event.opcode === Opcode.text ? 'text' : 'binary',
          payload: event.payload,
        });
      } else if (event.kind === 'close') {
        this.events.push({ at, kind: 'close', code: event.code, reason: event.reason });
        this.serverClosedAt = at;
        // §5.5.1: answer a close with a close (echoing its code), then let the server end TCP first.
        if (!this.sentClose) {
          void this.write(
            encodeFrame({ opcode: Opcode.close, payload: closePayload(event.code ?? undefined), mask: true }),
            true,
          );
        }
        this.socket.end();
      } else {
        this.events.push({ at, kind: event.kind, payload: event.payload });
        if (event.kind === 'ping' && this.open && !this.sentClose) {
          // A server's heartbeat may ping while a case is halfway through writing a frame.
          const pong = encodeFrame({ opcode: Opcode.pong, payload: event.payload, mask: true });
          if (this.midFrame) this.owedPongs.push(pong);
          else void this.write(pong);
        }
      }
    }
    this.notify();
  }
}

function handshakeRequest(target: Target, key: string, extensions: readonly string[]): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const defaultPort = target.secure ? 443 : 80;
  return [
    `GET ${target.pathForConnection?.({ offersExtensions: extensions.length > 0 }) ?? target.path} HTTP/1.1`,
    `Host: ${host}${target.port === defaultPort ? '' : `:${target.port}`}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    'Sec-WebSocket-Version: 13',
    ...(target.protocols?.length ? [`Sec-WebSocket-Protocol: ${target.protocols.join(', ')}`] : []),
    ...(extensions.length ? [`Sec-WebSocket-Extensions: ${extensions.join(', ')}`] : []),
    'User-Agent: ws101-conform',
    '',
    '',
  ].join('\r\n');
}

/** §4.1: the server's Sec-WebSocket-Protocol, if any, must be exactly one of those the client offered. */
export function subprotocolProblem(
  chosen: string | undefined,
  offered: readonly string[] | undefined,
): string | null {
  if (chosen === undefined) return null;
  if (!offered?.includes(chosen.trim())) {
    return offered?.length
      ? `the server chose subprotocol '${chosen}', not one of ${offered.join(', ')}`
      : `the server chose subprotocol '${chosen}', but none was offered`;
  }
  return null;
}

/** Connects and performs the opening handshake (§4.1), checking the server's answer with our own rules. */
export function openConnection(
  target: Target,
  timeoutMs: number,
  options: ConnectionOptions = {},
): Promise<ConformConnection | { error: string }> {
  const extensions = options.extensions ?? [];
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const key = randomBytes(16).toString('base64');
    const socket = target.secure
      ? connectTls({
          host: target.host,
          port: target.port,
          ...(isIP(target.host) ? {} : { servername: target.host }),
          rejectUnauthorized: !target.insecure,
        })
      : connectTcp({ host: target.host, port: target.port });
    let head = Buffer.alloc(0);
    let settled = false;
    const fail = (error: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ error });
    };
    const timer = setTimeout(() => fail(`no handshake answer within ${timeoutMs} ms`), timeoutMs);
    socket.once(target.secure ? 'secureConnect' : 'connect', () =>
      socket.write(handshakeRequest(target, key, extensions)),
    );
    socket.on('error', (error: Error & { code?: string }) => fail(error.code ?? error.message));
    socket.on('close', () => fail('the server closed the connection during the handshake'));
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const parsed = parseHttpHead(new Uint8Array(head));
      if (!parsed) return;
      socket.off('data', onData);
      socket.removeAllListeners('error');
      socket.removeAllListeners('close');
      const problems = checkUpgradeResponse(parsed, key).map((p) => p.message.en);
      const chosen = subprotocolProblem(headerValue(parsed, 'sec-websocket-protocol'), target.protocols);
      if (chosen) problems.push(chosen);
      const accepted = headerValue(parsed, 'sec-websocket-extensions');
      // §9.1: the server may only answer with extensions the client offered.
      if (accepted !== undefined && extensions.length === 0)
        problems.push(`the server answered with extensions none were offered: ${accepted}`);
      if (problems.length > 0) {
        fail(`handshake refused: ${parsed.startLine} (${problems.join('; ')})`);
        return;
      }
      settled = true;
      clearTimeout(timer);
      const perMessageDeflate = accepted !== undefined && /permessage-deflate/i.test(accepted);
      resolve(
        new ConformConnection(socket, startedAt, parsed.rest, accepted, { ...options, perMessageDeflate }),
      );
    };
    socket.on('data', onData);
  });
}
