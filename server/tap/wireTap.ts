import type { Socket } from 'node:net';
import { preciseNow } from '../../src/shared/clock.ts';
import type { WireRecord } from './wireRecord.ts';

type WriteChunk = { chunk: Buffer | string; encoding: BufferEncoding };
type Phase = 'http' | 'handshake' | 'open' | 'closed';

/** Reads kept per socket while we do not yet know whether it will be a WebSocket (Node's header limit is 16 KiB). */
const preUpgradeLimit = 64 * 1024;

/**
 * The wire tap of one TCP socket: every read and every write, byte for byte, as its own record.
 *
 * Why it can be exact: Node's HTTP server normally lets its native parser read the socket directly
 * (`parser.consume(handle)`), so JavaScript never sees the request bytes. Adding a 'data' listener
 * after the server took the socket makes Node unconsume it and feed the parser from 'data' events; ours
 * is prepended, so it sees each chunk first, before ws unmasks payloads in place. Writes are caught in
 * `_write`/`_writev`, the stream's own hand-off to the kernel, so a corked header + payload is one record,
 * as it is one write on the wire.
 *
 * Until the upgrade, reads are kept (a plain HTTP request clears them); the upgrade request and the
 * 101 response are kept as the handshake for anyone who starts watching later. After that, records are
 * made only while `sink` is set: an unwatched connection costs one null check per read and per write.
 */
export class WireTap {
  readonly connection: number;
  /** Set while someone watches; records after the handshake go here and nowhere else. */
  sink: ((record: WireRecord) => void) | null = null;
  /** The upgrade request as read and the response as written, available for late watchers. */
  readonly handshake: WireRecord[] = [];
  private phase: Phase = 'http';
  private pending: WireRecord[] = [];
  private pendingBytes = 0;
  /** Bytes ws will hand back to the socket (`socket.unshift(head)`): already recorded, not a new read. */
  private replayed = 0;

  constructor(socket: Socket, connection: number) {
    this.connection = connection;
    socket.prependListener('data', (chunk: Buffer) => this.onRead(chunk));
    socket.once('close', () => this.stop());
    const write = socket._write.bind(socket);
    const writev = socket._writev?.bind(socket);
    socket._write = (
      chunk: Buffer | string,
      encoding: BufferEncoding,
      callback: (error?: Error | null) => void,
    ) => {
      if (this.phase === 'handshake' || this.sink !== null) this.onWrite([{ chunk, encoding }]);
      write(chunk, encoding, callback);
    };
    if (writev) {
      socket._writev = (chunks: WriteChunk[], callback: (error?: Error | null) => void) => {
        if (this.phase === 'handshake' || this.sink !== null) this.onWrite(chunks);
        writev(chunks, callback);
      };
    }
  }

  /**
   * A plain HTTP request arrived: what was read before the read now being parsed belonged to it. The
   * read being parsed is kept: a client may have pipelined the next request (an upgrade) in the same
   * write, and `upgradeStarted` cuts what comes before that request away.
   */
  requestServed(): void {
    const last = this.pending.at(-1);
    this.pending = last ? [last] : [];
    this.pendingBytes = last?.bytes.length ?? 0;
  }

  /**
   * The request asks to upgrade: the reads so far are its bytes, and what we write next is the answer.
   * `head` is what followed the request in its last read (a client that did not wait for the 101); ws
   * unshifts it into the socket, which emits it as if read again, so it is skipped once.
   */
  upgradeStarted(head: Buffer, requestLine?: string): void {
    if (this.phase !== 'http') return;
    this.replayed = head.length;
    this.phase = 'handshake';
    this.handshake.push(...startingAt(this.pending, requestLine, head.length));
    this.pending = [];
  }

  /** The 101 is written: from here on, records exist only while someone watches. */
  opened(): void {
    if (this.phase === 'handshake') this.phase = 'open';
  }

  /** Not ours to record (a socket handed to someone else): drop what was kept and record nothing more. */
  stop(): void {
    this.phase = 'closed';
    this.sink = null;
    this.pending = [];
  }

  private onRead(chunk: Buffer): void {
    if (this.replayed > 0 && this.phase !== 'http') {
      const skip = Math.min(this.replayed, chunk.length);
      this.replayed -= skip;
      if (skip === chunk.length) return;
      chunk = chunk.subarray(skip);
    }
    if (this.phase === 'open') {
      // Copied now, before ws unmasks the payload in place.
      if (this.sink !== null) this.sink(this.record('read', Buffer.from(chunk)));
    } else if (this.phase === 'handshake') {
      this.handshake.push(this.record('read', Buffer.from(chunk)));
    } else if (this.phase === 'http' && this.pendingBytes < preUpgradeLimit) {
      this.pendingBytes += chunk.length;
      this.pending.push(this.record('read', Buffer.from(chunk)));
    }
  }

  private onWrite(chunks: WriteChunk[]): void {
    // One copy: Buffer.concat copies already; a lone buffer is copied because its owner may reuse it.
    const parts = chunks.map(({ chunk, encoding }) =>
      typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk,
    );
    const bytes = parts.length === 1 ? Buffer.from(parts[0]!) : Buffer.concat(parts);
    const record = this.record('write', bytes);
    if (this.phase === 'handshake') this.handshake.push(record);
    else if (this.sink !== null) this.sink(record);
  }

  private record(kind: 'read' | 'write', bytes: Buffer): WireRecord {
    return { kind, connection: this.connection, t: preciseNow(), bytes };
  }
}

/**
 * The reads from the start of the upgrade request on: what came before it in the same reads (a GET
 * pipelined ahead of it) was another request's. The read the request starts in is cut there and keeps
 * its time. `tail` bytes at the very end (frames sent before the 101) belong to the handshake's reads.
 */
function startingAt(reads: WireRecord[], requestLine: string | undefined, tail: number): WireRecord[] {
  if (!requestLine || reads.length === 0) return reads;
  const all = Buffer.concat(reads.map((r) => r.bytes));
  const start = all.lastIndexOf(requestLine, all.length - tail - 1, 'latin1');
  if (start <= 0) return reads;
  let offset = 0;
  for (let i = 0; i < reads.length; i++) {
    const read = reads[i]!;
    if (offset + read.bytes.length > start) {
      const first = { ...read, bytes: read.bytes.subarray(start - offset) };
      delete first.base64;
      return [first, ...reads.slice(i + 1)];
    }
    offset += read.bytes.length;
  }
  return reads;
}
