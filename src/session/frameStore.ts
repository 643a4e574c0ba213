import { type Frame, isControlOpcode, type Sender } from '../protocol/index.ts';

/** What became of a compressed message once inflated (RFC 7692), shared by all its frames. */
export type InflatedMessage = {
  /** The inflated bytes, up to the cap. */
  readonly bytes: Uint8Array;
  /** The full inflated length, also past the cap. */
  readonly length: number;
  readonly truncated: boolean;
  readonly error: string | null;
};

/** A data message that a frame belongs to (set on the frame that completes it and on its fragments). */
export type MessageInfo = {
  readonly opcode: number;
  readonly compressed: boolean;
  readonly frameSeqs: readonly number[];
  /** Bytes as reassembled from the frames (still compressed when `compressed`). */
  readonly wireLength: number;
  /** Set by `FrameStore.setInflated` when inflation finishes; null while pending or when not compressed. */
  inflated: InflatedMessage | null;
};

/** One frame as the page keeps it: decoded from tap records, never from a `message` event. */
export type StoredFrame = {
  /** 1-based, over the whole page session; exact, never reused (gaps only where frames were evicted). */
  readonly seq: number;
  readonly connection: number;
  readonly direction: Sender;
  /** Server clock of the tap record that completed the frame (ms since the epoch). */
  readonly t: number;
  /** Page clock (ms since the epoch) when the page decoded it. */
  readonly decodedAt: number;
  readonly frame: Frame;
  message: MessageInfo | null;
};

export type FrameFilter = 'all' | 'data' | 'control';

export type FrameCounts = {
  /** Every frame ever added, whether still kept or not. */
  frames: number;
  client: number;
  server: number;
  data: number;
  control: number;
  /** Frames that break at least one rule. */
  withViolations: number;
  /** Bytes of those frames on the wire (headers + payloads). */
  wireBytes: number;
  /** Frames pushed out of the ring to keep memory bounded. */
  evicted: number;
  /** Frames removed by `clear()`. */
  cleared: number;
};

export function isDataFrame(frame: Frame): boolean {
  return !isControlOpcode(frame.opcode);
}

export function matchesFilter(stored: StoredFrame, filter: FrameFilter): boolean {
  if (filter === 'all') return true;
  return filter === 'data' ? isDataFrame(stored.frame) : !isDataFrame(stored.frame);
}

const emptyCounts = (): FrameCounts => ({
  frames: 0,
  client: 0,
  server: 0,
  data: 0,
  control: 0,
  withViolations: 0,
  wireBytes: 0,
  evicted: 0,
  cleared: 0,
});

/**
 * The last N frames in a ring buffer, with exact counts of everything ever seen. Memory is bounded twice:
 * by the number of frames and by the bytes their payloads hold (one 1 MiB frame weighs like many small ones).
 */
export class FrameStore {
  readonly capacity: number;
  readonly byteBudget: number;
  private ring: (StoredFrame | undefined)[];
  private head = 0; // index of the oldest kept frame
  private count = 0;
  private keptBytes = 0;
  private nextSeq = 1;
  private changes = 0;
  readonly counts: FrameCounts = emptyCounts();

  constructor(capacity = 2000, byteBudget = 48 * 1024 * 1024) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity is a positive integer');
    this.capacity = capacity;
    this.byteBudget = byteBudget;
    this.ring = new Array(capacity);
  }

  /** Adds a frame and returns it with its sequence number. */
  add(entry: Omit<StoredFrame, 'seq' | 'message'> & { message?: MessageInfo | null }): StoredFrame {
    // A literal, not a spread: this runs for every frame of a flood.
    const stored: StoredFrame = {
      seq: this.nextSeq++,
      connection: entry.connection,
      direction: entry.direction,
      t: entry.t,
      decodedAt: entry.decodedAt,
      frame: entry.frame,
      message: entry.message ?? null,
    };
    const counts = this.counts;
    const frame = stored.frame;
    counts.frames++;
    counts[stored.direction]++;
    if (isDataFrame(frame)) counts.data++;
    else counts.control++;
    if (frame.violations.length > 0) counts.withViolations++;
    counts.wireBytes += frame.headerLength + frame.payload.length; // the wire payload is as long

    if (this.count === this.capacity) this.evictOldest();
    this.ring[(this.head + this.count) % this.capacity] = stored;
    this.count++;
    this.keptBytes += weight(stored);
    while (this.keptBytes > this.byteBudget && this.count > 1) this.evictOldest();
    this.changes++;
    return stored;
  }

  /** Bumped on every change (by the store itself), so a view can tell cheaply whether to draw again. */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return this.count;
  }

  get bytesKept(): number {
    return this.keptBytes;
  }

  /** The i-th kept frame, oldest first (0 ≤ i < size). */
  at(index: number): StoredFrame | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.ring[(this.head + index) % this.capacity];
  }

  latest(): StoredFrame | undefined {
    return this.at(this.count - 1);
  }

  /** The kept frame with this sequence number (binary search: seqs grow along the ring). */
  find(seq: number): StoredFrame | undefined {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const stored = this.at(middle)!;
      if (stored.seq === seq) return stored;
      if (stored.seq < seq) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** Kept frames matching a filter, oldest first. */
  list(filter: FrameFilter = 'all'): StoredFrame[] {
    const out: StoredFrame[] = [];
    for (let i = 0; i < this.count; i++) {
      const stored = this.at(i)!;
      if (matchesFilter(stored, filter)) out.push(stored);
    }
    return out;
  }

  /** A compressed message's inflation finished (RFC 7692): its frames show the inflated bytes. */
  setInflated(message: MessageInfo, inflated: InflatedMessage): void {
    message.inflated = inflated;
    this.changes++;
  }

  /**
   * Forgets the kept frames of these connections (a visitor stopped sharing them), keeping the others and
   * their sequence numbers; they count as cleared.
   */
  removeConnections(ids: ReadonlySet<number>): void {
    const kept = this.list().filter((stored) => !ids.has(stored.connection));
    const removed = this.count - kept.length;
    if (removed === 0) return;
    this.counts.cleared += removed;
    this.ring = new Array(this.capacity);
    for (const [i, stored] of kept.entries()) this.ring[i] = stored;
    this.head = 0;
    this.count = kept.length;
    this.keptBytes = kept.reduce((sum, stored) => sum + weight(stored), 0);
    this.changes++;
  }

  /** Forgets the kept frames; the counts of what was seen stay exact. */
  clear(): void {
    this.counts.cleared += this.count;
    this.ring = new Array(this.capacity);
    this.head = 0;
    this.count = 0;
    this.keptBytes = 0;
    this.changes++;
  }

  private evictOldest(): void {
    const oldest = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    if (oldest) this.keptBytes -= weight(oldest);
    this.counts.evicted++;
  }
}

/** Roughly what a kept frame costs: its bytes (payload views may share one buffer) plus the object. */
function weight(stored: StoredFrame): number {
  const frame = stored.frame;
  const unmaskedCopy = frame.payload === frame.wire ? 0 : frame.payload.length;
  return 200 + frame.headerLength + frame.payload.length + unmaskedCopy;
}
