import type { Sender } from '../protocol/index.ts';

/**
 * What the event panel shows: the connection's story, one entry per thing that happened. Entries are
 * data; the panel words them in the page's language.
 */
export type TimelineEntry = {
  readonly id: number;
  readonly t: number;
  readonly connection: number | null;
} & (
  | { readonly kind: 'open'; readonly path: string; readonly lab: boolean; readonly deflate: boolean }
  | { readonly kind: 'handshake'; readonly direction: Sender; readonly summary: string }
  | {
      readonly kind: 'message';
      readonly direction: Sender;
      readonly opcode: number;
      readonly length: number;
      /** The message's first bytes (a copy), turned into words only when the panel draws the entry. */
      readonly head: Uint8Array;
      readonly compressed: boolean;
      readonly frameSeq: number;
      readonly frames: number;
    }
  | {
      readonly kind: 'ping' | 'pong';
      readonly direction: Sender;
      readonly preview: string;
      readonly frameSeq: number;
    }
  /** The server's measurement of a ping → pong round trip. */
  | { readonly kind: 'rtt'; readonly rttMs: number | null; readonly preview: string }
  | {
      readonly kind: 'close-frame';
      readonly direction: Sender;
      readonly code: number | null;
      readonly reason: string;
      readonly frameSeq: number;
    }
  | {
      readonly kind: 'closed';
      readonly code: number;
      readonly reason: string;
      readonly clean: boolean;
      /** Both close frames crossed the wire (clean can still be false: the server had stopped reading). */
      readonly bothCloseFrames: boolean;
      readonly initiator: Sender | null;
      /** An HTTP exchange (socket.io's long polling) was answered: it never had frames to close with. */
      readonly httpOnly: boolean;
    }
  | {
      readonly kind: 'violation';
      readonly direction: Sender;
      readonly rule: string;
      readonly closeCode: number;
      readonly frameSeq: number;
    }
  | { readonly kind: 'error'; readonly closeCode: number; readonly message: string }
  | { readonly kind: 'notice'; readonly name: string; readonly message: string }
  | { readonly kind: 'dropped'; readonly count: number }
  /** What the browser's own WebSocket reported for the page's echo socket (not the wire: its API). */
  | {
      readonly kind: 'browser-close';
      readonly code: number;
      readonly reason: string;
      readonly wasClean: boolean;
    }
  | { readonly kind: 'browser-error' }
);

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type NewTimelineEntry = DistributiveOmit<TimelineEntry, 'id'>;

/** The last `capacity` entries, oldest first, with an exact count of all. */
export class Timeline {
  private entries: TimelineEntry[] = [];
  private nextId = 1;
  total = 0;
  private changes = 0;

  /** Bumped on every change (by the timeline itself), so a view can tell cheaply whether to draw again. */
  get version(): number {
    return this.changes;
  }

  constructor(readonly capacity = 500) {}

  /** Takes ownership of `entry` (a fresh object from the caller) and gives it its id. */
  add(entry: NewTimelineEntry): TimelineEntry {
    const full = entry as TimelineEntry;
    (full as { id: number }).id = this.nextId++;
    this.entries.push(full);
    this.total++;
    // Trim in batches so a flood costs one splice per 10% of capacity, not one per entry.
    if (this.entries.length > this.capacity * 1.1) this.entries = this.entries.slice(-this.capacity);
    this.changes++;
    return full;
  }

  list(): readonly TimelineEntry[] {
    return this.entries.length > this.capacity ? this.entries.slice(-this.capacity) : this.entries;
  }

  /** A compressed message's preview changed (its inflation finished): views draw again. */
  previewChanged(): void {
    this.changes++;
  }

  /** Forgets the entries of these connections (a visitor stopped sharing them). */
  removeConnections(ids: ReadonlySet<number>): void {
    const kept = this.entries.filter((entry) => entry.connection === null || !ids.has(entry.connection));
    if (kept.length === this.entries.length) return;
    this.entries = kept;
    this.changes++;
  }

  clear(): void {
    this.entries = [];
    this.changes++;
  }
}
