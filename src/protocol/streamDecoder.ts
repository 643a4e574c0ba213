import { ByteSlab } from './byteSlab.ts';
import { concatBytes } from './bytes.ts';
import type { ChunkSpan, Frame } from './frame.ts';
import {
  type DecoderContext,
  defaultMaxPayload,
  type FrameHeader,
  headerLengthFrom,
  headerViolations,
  isHeaderNeed,
  lengthFormOf,
  parseFrameHeader,
  payloadLengthAt,
} from './frameHeader.ts';
import { applyMask } from './mask.ts';

type State = 'header' | 'payload' | 'skip';

type ChunkRecord = { id: number; start: number; end: number };

/**
 * Turns a byte stream, cut into chunks anywhere, into frames as soon as each one is complete.
 *
 * A state machine in the manner of ws's receiver: `header` waits for the 2–14 header bytes, `payload`
 * collects the payload, `skip` discards the payload of a frame that was refused for its size (it has
 * already been reported with its header). No I/O: feed it bytes, collect frames.
 */
export class FrameStreamDecoder {
  private readonly context: DecoderContext;
  private readonly slab: ByteSlab;
  private state: State = 'header';
  private readonly queue: Uint8Array[] = [];
  private queueHead = 0; // bytes already consumed from queue[0]
  private buffered = 0;
  private consumed = 0; // stream offset of the next unconsumed byte
  private nextChunkId = 0;
  private readonly history: ChunkRecord[] = [];
  private historyHead = 0; // records before this index are done with (dropped in batches, not per frame)

  private frameStart = 0;
  private header: FrameHeader | null = null;
  private headerBytes: Uint8Array = new Uint8Array(0);
  /**
   * A payload arriving in more than one chunk: where it is gathered (unmasked, when masked) and, when
   * masked, its wire bytes as views of each chunk's piece.
   */
  private payloadBuffer: Uint8Array | null = null;
  private wirePieces: Uint8Array[] = [];
  private payloadFilled = 0;
  private skipRemaining = 0;
  private pendingViolations: Frame['violations'] = [];

  private readonly maxPayload: number;

  constructor(context: DecoderContext = {}) {
    this.context = context;
    this.slab = new ByteSlab(context.allocate);
    this.maxPayload = context.maxPayload ?? defaultMaxPayload;
  }

  /** Feeds one chunk; returns the frames it completed. `chunkId` names the chunk in `Frame.chunks`. */
  push(chunk: Uint8Array, chunkId: number = this.nextChunkId): Frame[] {
    this.nextChunkId = chunkId + 1;
    const frames: Frame[] = [];
    if (chunk.length === 0) return frames;
    this.history.push({
      id: chunkId,
      start: this.consumed + this.buffered,
      end: this.consumed + this.buffered + chunk.length,
    });
    // A plain Uint8Array view of the chunk: views of a Node Buffer are Buffers, made through its
    // species constructor, several times slower than views of a Uint8Array; the bytes are shared.
    this.queue.push(
      chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length),
    );
    this.buffered += chunk.length;
    for (;;) {
      if (this.state === 'header') {
        if (this.queue.length === 1) this.readWholeFrames(frames);
        if (!this.readHeader(frames)) break;
      } else if (this.state === 'payload') {
        if (!this.readPayload(frames)) break;
      } else if (!this.skipPayload()) break;
    }
    return frames;
  }

  /** Bytes received that do not yet make a whole frame: a partial header or payload, as on the wire. */
  remainder(): Uint8Array {
    const parts: Uint8Array[] = [];
    if (this.state === 'payload') {
      parts.push(this.headerBytes);
      if (this.payloadBuffer) {
        const masked = this.header!.maskingKey !== null;
        parts.push(...(masked ? this.wirePieces : [this.payloadBuffer.subarray(0, this.payloadFilled)]));
      }
    }
    parts.push(this.peek(this.buffered));
    return concatBytes(parts);
  }

  /**
   * The common case, read in place: every frame lying whole in the one buffered chunk, its header read
   * where it sits and its bytes handed out as views of the chunk, without the queue's bookkeeping. Stops
   * at the first frame that is not whole (or is over the size limit), which the general path then takes.
   */
  private readWholeFrames(frames: Frame[]): void {
    const chunk = this.queue[0]!;
    const chunkStart = this.consumed - this.queueHead; // stream offset of the chunk's first byte
    const record = this.history[this.history.length - 1]!; // the chunk's: it was the last one pushed
    const { buffer, byteOffset } = chunk;
    const end = chunk.length;
    let at = this.queueHead;
    while (end - at >= 2) {
      const byte0 = chunk[at]!;
      const byte1 = chunk[at + 1]!;
      const lengthCode = byte1 & 0x7f;
      const masked = byte1 >= 0x80;
      const headerLength = headerLengthFrom(byte1);
      if (end - at < headerLength) break;
      const payloadLength = payloadLengthAt(chunk, at, lengthCode);
      const payloadAt = at + headerLength;
      if (payloadLength > this.maxPayload || end - payloadAt < payloadLength) break;
      const maskingKey = masked ? new Uint8Array(buffer, byteOffset + payloadAt - 4, 4) : null;
      const wire = new Uint8Array(buffer, byteOffset + payloadAt, payloadLength);
      const frame: Frame = {
        fin: byte0 >= 0x80,
        rsv1: (byte0 & 0x40) !== 0,
        rsv2: (byte0 & 0x20) !== 0,
        rsv3: (byte0 & 0x10) !== 0,
        opcode: byte0 & 0x0f,
        masked,
        lengthCode,
        lengthForm: lengthFormOf(lengthCode),
        payloadLength,
        maskingKey,
        headerLength,
        headerBytes: new Uint8Array(buffer, byteOffset + at, headerLength),
        wire,
        payload: maskingKey ? applyMask(wire, maskingKey, 0, this.slab.take(payloadLength)) : wire,
        payloadOmitted: false,
        sender: this.context.sender,
        streamOffset: chunkStart + at,
        chunks: [{ chunk: record.id, from: at, to: payloadAt + payloadLength }],
        violations: [],
      };
      headerViolations(frame, this.context, frame.violations);
      frames.push(frame);
      at = payloadAt + payloadLength;
    }
    const taken = at - this.queueHead;
    if (taken === 0) return;
    this.consumed += taken;
    this.buffered -= taken;
    if (at === end) {
      this.queue.length = 0;
      this.queueHead = 0;
    } else {
      this.queueHead = at;
    }
    this.dropHistoryBefore(this.consumed);
  }

  private readHeader(frames: Frame[]): boolean {
    if (this.buffered < 2) return false;
    const headerLength = headerLengthFrom(this.byteAt(1));
    if (this.buffered < headerLength) return false;
    this.frameStart = this.consumed;
    const bytes = this.take(headerLength);
    const header = parseFrameHeader(bytes);
    if (isHeaderNeed(header)) return false; // cannot happen: headerLength bytes are there
    this.header = header;
    this.headerBytes = bytes;
    const violations = headerViolations(header, this.context);
    if (header.payloadLength > this.maxPayload) {
      // RFC 6455 §10.4: refuse it at the header, as a peer would, and never buffer it.
      frames.push(this.finish(new Uint8Array(0), new Uint8Array(0), true, violations));
      this.skipRemaining = header.payloadLength;
      this.state = 'skip';
      return true;
    }
    this.payloadBuffer = null;
    this.payloadFilled = 0;
    this.state = 'payload';
    this.pendingViolations = violations;
    return true;
  }

  private readPayload(frames: Frame[]): boolean {
    const header = this.header!;
    const length = header.payloadLength;
    const key = header.maskingKey;
    this.state = 'header';
    if (this.payloadBuffer === null) {
      if (this.buffered >= length) {
        // Whole payload already here (nearly always in one chunk, so `take` gives a view, not a copy).
        const wire = this.take(length);
        const payload = key ? applyMask(wire, key, 0, this.slab.take(length)) : wire;
        frames.push(this.finish(wire, payload, false, this.pendingViolations));
        return true;
      }
      // One fresh copy: the payload, gathered (and unmasked on the way when masked). A masked payload's
      // wire bytes stay where they arrived, as views of each chunk's piece.
      this.payloadBuffer = this.slab.take(length);
      this.wirePieces = [];
    }
    const payload = this.payloadBuffer;
    while (this.payloadFilled < length && this.buffered > 0) {
      const piece = this.takeFromFirstChunk(length - this.payloadFilled);
      if (key) {
        this.wirePieces.push(piece);
        const into = payload.subarray(this.payloadFilled, this.payloadFilled + piece.length);
        applyMask(piece, key, this.payloadFilled, into);
      } else {
        payload.set(piece, this.payloadFilled);
      }
      this.payloadFilled += piece.length;
    }
    if (this.payloadFilled < length) {
      this.state = 'payload';
      return false;
    }
    const wire = key ? this.wirePieces : payload;
    this.wirePieces = [];
    frames.push(this.finish(wire, payload, false, this.pendingViolations));
    return true;
  }

  private skipPayload(): boolean {
    const n = Math.min(this.skipRemaining, this.buffered);
    if (n > 0) this.take(n);
    this.skipRemaining -= n;
    if (this.skipRemaining > 0) return false;
    this.state = 'header';
    this.dropHistoryBefore(this.consumed);
    return true;
  }

  private finish(
    wire: Uint8Array | readonly Uint8Array[],
    payload: Uint8Array,
    omitted: boolean,
    violations: Frame['violations'],
  ): Frame {
    const header = this.header!;
    const end = omitted ? this.frameStart + header.headerLength : this.consumed;
    // Spelled out rather than spread: V8 copies a spread object far slower than it builds a literal.
    const frame: Frame = {
      fin: header.fin,
      rsv1: header.rsv1,
      rsv2: header.rsv2,
      rsv3: header.rsv3,
      opcode: header.opcode,
      masked: header.masked,
      lengthCode: header.lengthCode,
      lengthForm: header.lengthForm,
      payloadLength: header.payloadLength,
      maskingKey: header.maskingKey,
      headerLength: header.headerLength,
      headerBytes: this.headerBytes,
      wire,
      payload,
      payloadOmitted: omitted,
      sender: this.context.sender,
      streamOffset: this.frameStart,
      chunks: this.spans(this.frameStart, end),
      violations,
    };
    if (!omitted) this.dropHistoryBefore(end);
    return frame;
  }

  private spans(start: number, end: number): ChunkSpan[] {
    const spans: ChunkSpan[] = [];
    for (let i = this.historyHead; i < this.history.length; i++) {
      const record = this.history[i]!;
      if (record.end <= start || record.start >= end) continue;
      spans.push({
        chunk: record.id,
        from: Math.max(start, record.start) - record.start,
        to: Math.min(end, record.end) - record.start,
      });
    }
    return spans;
  }

  private dropHistoryBefore(offset: number): void {
    const history = this.history;
    while (this.historyHead < history.length && history[this.historyHead]!.end <= offset) this.historyHead++;
    if (this.historyHead >= 64) {
      history.splice(0, this.historyHead);
      this.historyHead = 0;
    }
  }

  /** The buffered byte `index` places ahead, without consuming anything. */
  private byteAt(index: number): number {
    let at = this.queueHead + index;
    for (const chunk of this.queue) {
      if (at < chunk.length) return chunk[at]!;
      at -= chunk.length;
    }
    return -1;
  }

  /** Copies out the next `n` buffered bytes without consuming them. */
  private peek(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    let head = this.queueHead;
    for (const chunk of this.queue) {
      if (filled === n) break;
      const part = chunk.subarray(head, head + (n - filled));
      out.set(part, filled);
      filled += part.length;
      head = 0;
    }
    return out;
  }

  /** Consumes up to `n` bytes from the first buffered chunk, as a view of it (at least one is buffered). */
  private takeFromFirstChunk(n: number): Uint8Array {
    const first = this.queue[0]!;
    return this.take(Math.min(n, first.length - this.queueHead));
  }

  /** Consumes `n` bytes: a view into the chunk when they sit in one, else a copy. */
  private take(n: number): Uint8Array {
    if (n === 0) return new Uint8Array(0);
    const first = this.queue[0]!;
    let out: Uint8Array;
    if (first.length - this.queueHead >= n) {
      out = first.subarray(this.queueHead, this.queueHead + n);
      this.queueHead += n;
      if (this.queueHead === first.length) {
        this.queue.shift();
        this.queueHead = 0;
      }
    } else {
      out = new Uint8Array(n);
      let filled = 0;
      while (filled < n) {
        const chunk = this.queue[0]!;
        const part = chunk.subarray(this.queueHead, this.queueHead + (n - filled));
        out.set(part, filled);
        filled += part.length;
        this.queueHead += part.length;
        if (this.queueHead === chunk.length) {
          this.queue.shift();
          this.queueHead = 0;
        }
      }
    }
    this.buffered -= n;
    this.consumed += n;
    return out;
  }
}
