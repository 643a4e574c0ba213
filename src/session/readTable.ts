import type { Sender } from '../protocol/index.ts';

/**
 * One TCP read or write as the tap saw it. Chunk boundaries are part of what is taught: a read may hold
 * several frames, or only part of one, and a frame may span several reads.
 */
export type ReadInfo = {
  /** The chunk id given to the decoder (unique over the page session). */
  readonly id: number;
  readonly connection: number;
  readonly direction: Sender;
  readonly t: number;
  readonly length: number;
  /** Frames (by seq) that have bytes in this read, in order. */
  readonly frameSeqs: number[];
  /** Bytes at its start that were the HTTP handshake head; decoder offsets count after them. */
  headBytes: number;
};

/** How a frame sits across reads, for the frame list and the inspector. */
export type ReadSpan = {
  readonly read: number;
  readonly from: number;
  readonly to: number;
  /** Length of the whole read; null when the read was forgotten (older than the table). */
  readonly readLength: number | null;
  /** Frames with bytes in that read (this one included); null when forgotten. */
  readonly framesInRead: number | null;
};

/** The last `capacity` reads and writes, found by id. Ids only grow, so the oldest go first. */
export class ReadTable {
  private readonly reads = new Map<number, ReadInfo>();
  private nextId = 1;
  total = 0;

  constructor(readonly capacity = 8192) {}

  /** Registers a read before it is decoded, so its id can be given to the decoder as the chunk id. */
  add(connection: number, direction: Sender, t: number, length: number): ReadInfo {
    const info: ReadInfo = {
      id: this.nextId++,
      connection,
      direction,
      t,
      length,
      frameSeqs: [],
      headBytes: 0,
    };
    this.reads.set(info.id, info);
    this.total++;
    if (this.reads.size > this.capacity) {
      const oldest = this.reads.keys().next().value;
      if (oldest !== undefined) this.reads.delete(oldest);
    }
    return info;
  }

  get(id: number): ReadInfo | undefined {
    return this.reads.get(id);
  }

  /** Notes that a frame has bytes in these reads. */
  attach(seq: number, chunks: readonly { chunk: number }[]): void {
    for (const { chunk } of chunks) this.reads.get(chunk)?.frameSeqs.push(seq);
  }

  spans(chunks: readonly { chunk: number; from: number; to: number }[]): ReadSpan[] {
    return chunks.map(({ chunk, from, to }) => {
      const read = this.reads.get(chunk);
      const shift = read?.headBytes ?? 0;
      return {
        read: chunk,
        from: from + shift,
        to: to + shift,
        readLength: read ? read.length : null,
        framesInRead: read ? read.frameSeqs.length : null,
      };
    });
  }

  /** Forgets the reads of these connections (a visitor stopped sharing them). */
  removeConnections(ids: ReadonlySet<number>): void {
    for (const [id, read] of this.reads) if (ids.has(read.connection)) this.reads.delete(id);
  }

  clear(): void {
    this.reads.clear();
  }
}

/** A one-line summary of how a frame came off the wire: "read 12", "reads 12–13 (split)", "read 12 (1 of 3)". */
export function describeReads(spans: readonly ReadSpan[]): { split: boolean; shared: boolean } {
  const split = spans.length > 1;
  const shared = spans.some(
    (span) => (span.framesInRead ?? 1) > 1 || (span.readLength ?? 0) > span.to - span.from,
  );
  return { split, shared };
}
