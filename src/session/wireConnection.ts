import {
  concatBytes,
  type Frame,
  type HttpMessage,
  headerValue,
  parseHttpHead,
  type Sender,
  WireDecoder,
  type WireEvent,
} from '../protocol/index.ts';
import type { ConnectionSummaryJson } from '../shared/inspector/protocol.ts';

/** One side of the opening handshake, byte-exact as the tap saw it (RFC 6455 §4). */
export type HandshakeSide = {
  /** Every byte of the HTTP head, as read or written (frames that shared the read are not included). */
  bytes: Uint8Array;
  /** An HTTP exchange that never upgrades (socket.io's long polling): what followed the head. */
  body: Uint8Array;
  head: HttpMessage | null;
  t: number | null;
  reads: number[];
};

export type ConnectionInfo = Omit<ConnectionSummaryJson, 'openedAt' | 'connection'> & { readonly t: number };

export type CloseSeen = { readonly code: number | null; readonly reason: string; readonly t: number };

export type PushResult = {
  readonly frames: Frame[];
  readonly events: WireEvent[];
  /** Set when this push completed the HTTP head of that direction. */
  readonly handshakeDone: boolean;
  /** Bytes at the start of this read that belong to the HTTP head; frame offsets count after them. */
  readonly headBytesInRead: number;
};

const emptyResult: PushResult = { frames: [], events: [], handshakeDone: false, headBytesInRead: 0 };
const G = 0x47; // 'G' of GET: a client's first byte
const H = 0x48; // 'H' of HTTP/1.1: a server's first byte

/**
 * One tapped connection, Sans-I/O: its handshake (the first bytes each way are HTTP) and then one
 * WireDecoder per direction. Fed tap records in order; knows nothing of sockets or views.
 */
export class WireConnection {
  info: ConnectionInfo | null = null;
  readonly handshake: Record<Sender, HandshakeSide> = {
    client: { bytes: new Uint8Array(0), body: new Uint8Array(0), head: null, t: null, reads: [] },
    server: { bytes: new Uint8Array(0), body: new Uint8Array(0), head: null, t: null, reads: [] },
  };
  /** The first close frame each side sent: who started the closing handshake, and whether it finished. */
  readonly closeFrames: Partial<Record<Sender, CloseSeen>> = {};
  /** What the server reported when the TCP connection ended (its `close` event record). */
  closed: { code: number; reason: string; t: number } | null = null;
  /** True after records were dropped: decoding restarted at the next read and may have lost a frame. */
  gap = false;
  /** The frame lab wrote crafted bytes on it (src/widgets/lab/actions.ts): see `madeByLab`. */
  labWritten = false;
  private readonly decoders: Record<Sender, WireDecoder | null> = { client: null, server: null };
  private readonly headDone: Record<Sender, boolean> = { client: false, server: false };

  constructor(
    readonly id: number,
    private readonly maxPayload: number,
  ) {}

  /** RFC 7692: permessage-deflate as the server's 101 accepted it (the open record says so too). */
  get deflate(): boolean {
    const response = this.handshake.server.head;
    if (response) return /permessage-deflate/i.test(headerValue(response, 'sec-websocket-extensions') ?? '');
    return this.info?.deflate ?? false;
  }

  /**
   * Whether the frame lab broke this connection on purpose: it wrote crafted bytes on it, or it is one of
   * the lab's own client connections. Its violations and failures are then the experiment's result.
   */
  get madeByLab(): boolean {
    return this.labWritten || this.info?.lab === true;
  }

  get initiator(): Sender | null {
    const { client, server } = this.closeFrames;
    if (client && server) return client.t <= server.t ? 'client' : 'server';
    return client ? 'client' : server ? 'server' : null;
  }

  /**
   * RFC 6455 §7.1.4: clean when both close frames were exchanged before the TCP connection ended. Both on
   * the wire is not enough: a server that failed the connection (a protocol error) stops reading, so the
   * peer's answering close crosses the wire unread and the server reports 1006. That end is not clean.
   */
  get clean(): boolean {
    const both = this.closeFrames.client !== undefined && this.closeFrames.server !== undefined;
    return both && this.closed?.code !== 1006;
  }

  /** True for an HTTP exchange that carries no frames (the server's open record says so). */
  get httpOnly(): boolean {
    return this.info?.endpoint === 'socket.io-polling';
  }

  /** One read (direction 'client') or write (direction 'server'), with the chunk id the frames will cite. */
  push(direction: Sender, bytes: Uint8Array, chunkId: number, t: number): PushResult {
    if (!this.headDone[direction]) return this.pushHandshake(direction, bytes, chunkId, t);
    if (this.httpOnly) {
      const side = this.handshake[direction];
      side.body = concatBytes([side.body, bytes]);
      return emptyResult;
    }
    return this.decode(direction, bytes, chunkId, t, 0, false);
  }

  /** Records were lost (the server dropped them for a slow page): start both directions afresh. */
  restartAfterGap(): void {
    this.gap = true;
    this.decoders.client = null;
    this.decoders.server = null;
  }

  private pushHandshake(direction: Sender, bytes: Uint8Array, chunkId: number, t: number): PushResult {
    const side = this.handshake[direction];
    // The first byte of a handshake is known; anything else means the head was never seen (or was dropped).
    // (A polling exchange's request may be a POST: its bytes are HTTP whatever they start with.)
    const firstByte = direction === 'client' ? G : H;
    if (!this.httpOnly && side.bytes.length === 0 && bytes.length > 0 && bytes[0] !== firstByte) {
      this.headDone[direction] = true;
      return this.decode(direction, bytes, chunkId, t, 0, false);
    }
    const joined = side.bytes.length === 0 ? bytes : concatBytes([side.bytes, bytes]);
    side.reads.push(chunkId);
    side.t ??= t;
    const head = parseHttpHead(joined);
    if (!head) {
      side.bytes = joined;
      return { ...emptyResult, headBytesInRead: bytes.length };
    }
    side.head = head;
    side.bytes = joined.subarray(0, head.headLength);
    this.headDone[direction] = true;
    const headBytesInRead = bytes.length - head.rest.length;
    if (head.rest.length === 0) return { ...emptyResult, handshakeDone: true, headBytesInRead };
    if (this.httpOnly) {
      side.body = head.rest.slice();
      return { ...emptyResult, handshakeDone: true, headBytesInRead };
    }
    // Frames that came in the same read as the head (a client may send before the 101 arrives).
    return this.decode(direction, head.rest, chunkId, t, headBytesInRead, true);
  }

  private decode(
    direction: Sender,
    bytes: Uint8Array,
    chunkId: number,
    t: number,
    offsetInRead: number,
    handshakeDone: boolean,
  ): PushResult {
    let decoder = this.decoders[direction];
    if (!decoder) {
      decoder = new WireDecoder({
        sender: direction,
        perMessageDeflate: this.deflate,
        maxPayload: this.maxPayload,
      });
      this.decoders[direction] = decoder;
    }
    const output = decoder.push(bytes, chunkId);
    for (const event of output.events) {
      if (event.kind === 'close' && !this.closeFrames[direction]) {
        this.closeFrames[direction] = { code: event.code, reason: event.reason, t };
      }
    }
    return { frames: output.frames, events: output.events, handshakeDone, headBytesInRead: offsetInRead };
  }

  /** Bytes of a frame not yet complete in each direction (for "waiting for N more bytes"). */
  pending(direction: Sender): number {
    return this.decoders[direction]?.remainder().length ?? 0;
  }
}
