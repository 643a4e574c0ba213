import { concatBytes } from '../protocol/index.ts';
import type { InflatedMessage } from './frameStore.ts';

/** RFC 7692 §7.2.2: each message was deflated and sync-flushed; the receiver appends the flush's tail. */
const syncFlushTail = Uint8Array.of(0x00, 0x00, 0xff, 0xff);

/** A deflate bomb must not fill the page: past this, inflated bytes are counted, not kept. */
export const inflatedCap = 4 * 1024 * 1024;

/**
 * One direction of one permessage-deflate connection. With context takeover (the default), a message may
 * refer back to bytes of earlier messages, so there is one inflater per direction, fed every compressed
 * message from the first, in order, each followed by 00 00 ff ff, and never closed (closing would demand a
 * final block the sender never writes).
 *
 * A reader loop collects the output; a message's output is complete once the write that fed it has been
 * transformed and the reader has drained what that produced. In Chromium the transform runs inside the
 * write, so one macrotask after the write settles all of it has been read; Node's zlib works on its thread
 * pool, so we wait until a turn of the event loop brings nothing new.
 */
export class MessageInflater {
  private readonly writer: WritableStreamDefaultWriter<BufferSource>;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private chain: Promise<unknown> = Promise.resolve();
  private parts: Uint8Array[] = [];
  private kept = 0;
  private total = 0;
  private failure: string | null = null;

  /** `settle` waits one turn of the event loop; tests under Node's thread-pooled zlib may wait longer. */
  constructor(
    private readonly cap = inflatedCap,
    private readonly settle: () => Promise<void> = nextTurn,
  ) {
    const stream = new DecompressionStream('deflate-raw');
    this.writer = stream.writable.getWriter();
    this.reader = stream.readable.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    void this.readLoop();
    // A corrupt stream rejects the writer; the rejection is reported per message, not left unhandled.
    this.writer.closed.catch(() => undefined);
  }

  static get supported(): boolean {
    return typeof DecompressionStream === 'function';
  }

  /** Inflates one message (its reassembled payload, still compressed). Calls run strictly in order. */
  inflate(compressed: Uint8Array): Promise<InflatedMessage> {
    const run = this.chain.then(() => this.inflateNow(compressed));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async inflateNow(compressed: Uint8Array): Promise<InflatedMessage> {
    if (this.failure) return { bytes: new Uint8Array(0), length: 0, truncated: false, error: this.failure };
    this.parts = [];
    this.kept = 0;
    this.total = 0;
    // Two parts: always a fresh array of its own buffer.
    const input = concatBytes([compressed, syncFlushTail]) as Uint8Array<ArrayBuffer>;
    try {
      await this.writer.write(input);
      // Done when a whole turn of the event loop brings no more output (in Chromium, the first one).
      let before: number;
      do {
        before = this.total;
        await this.settle();
      } while (this.total !== before);
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      return {
        bytes: concatBytes(this.parts),
        length: this.total,
        truncated: false,
        error: this.failure,
      };
    }
    return {
      bytes: concatBytes(this.parts),
      length: this.total,
      truncated: this.total > this.kept,
      error: null,
    };
  }

  private async readLoop(): Promise<void> {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await this.reader.read();
      } catch {
        return;
      }
      if (result.done) return;
      const chunk = result.value;
      this.total += chunk.length;
      const room = this.cap - this.kept;
      if (room > 0) {
        const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
        this.parts.push(part);
        this.kept += part.length;
      }
    }
  }
}

/** Lets every microtask (the reader loop's reads) run before continuing. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
