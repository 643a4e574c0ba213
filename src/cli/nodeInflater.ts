import { createInflateRaw, type InflateRaw } from 'node:zlib';
import type { InflatedMessage, Inflater } from '../capture/index.ts';

/** RFC 7692 §7.2.2: the receiver appends the sync flush's tail the sender removed. */
const syncFlushTail = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/** Past this, inflated bytes are counted, not kept (a deflate bomb must not fill memory). */
const inflatedCap = 16 * 1024 * 1024;

/**
 * One direction's inflater for the CLI, on Node's zlib the way ws inflates: write the message and the
 * tail, then `flush` calls back once everything it produced has been emitted. The stream is never ended,
 * so the window carries over to the next message (context takeover).
 */
export class NodeInflater implements Inflater {
  private readonly stream: InflateRaw = createInflateRaw();
  private chain: Promise<unknown> = Promise.resolve();
  private parts: Buffer[] = [];
  private kept = 0;
  private total = 0;
  private failure: string | null = null;
  private onFailure: (() => void) | null = null;

  constructor() {
    this.stream.on('data', (chunk: Buffer) => {
      this.total += chunk.length;
      const room = inflatedCap - this.kept;
      if (room > 0) {
        const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
        this.parts.push(part);
        this.kept += part.length;
      }
    });
    this.stream.on('error', (error: Error) => {
      this.failure = error.message;
      this.onFailure?.();
    });
  }

  inflate(compressed: Uint8Array): Promise<InflatedMessage> {
    const run = this.chain.then(() => this.inflateNow(compressed));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private inflateNow(compressed: Uint8Array): Promise<InflatedMessage> {
    const result = (): InflatedMessage => ({
      bytes: new Uint8Array(Buffer.concat(this.parts)),
      length: this.total,
      truncated: this.total > this.kept,
      error: this.failure,
    });
    if (this.failure)
      return Promise.resolve({ bytes: new Uint8Array(0), length: 0, truncated: false, error: this.failure });
    this.parts = [];
    this.kept = 0;
    this.total = 0;
    return new Promise((resolve) => {
      this.onFailure = () => resolve(result());
      this.stream.write(compressed);
      this.stream.write(syncFlushTail);
      this.stream.flush(() => {
        this.onFailure = null;
        resolve(result());
      });
    });
  }
}
