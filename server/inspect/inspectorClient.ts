import type { WebSocket } from 'ws';
import { preciseNow } from '../../src/shared/clock.ts';
import { serverMessageJson } from '../../src/shared/inspector/messageShapes.ts';
import type { ServerMessage } from '../../src/shared/inspector/messages.ts';
import type { ConnectionSummaryJson } from '../../src/shared/inspector/protocol.ts';
import type { LiveConnection, Watcher } from '../connections.ts';
import type { Session } from '../sessions.ts';
import { type InspectorRecord, recordSize, recordsMessage } from './records.ts';
import { connectionSummary, openRecord, type Viewer } from './summary.ts';

export type Role = 'visitor' | 'presenter';

/** Short next to a frame's trip to the page's pixels (≤ 50 ms), long next to an echo's round trip. */
const flushMs = 2;
/** How often a part waiting for the socket to drain looks again, and how long it waits at most. */
const partPollMs = 10;
const partStallMs = 30_000;

/**
 * One /inspect socket: who it is (session, role), what it watches, and its outgoing records.
 *
 * Records are queued and sent as one `records` message every `flushMs` at most: a busy connection's
 * records then share one frame and one write instead of costing one each, and no record waits longer.
 *
 * Backpressure: a
 * record that would take the socket's buffered bytes plus the queue past `limit` is not kept at all
 * (not copied, not encoded) but counted; the next record that fits is preceded by a `dropped` record
 * with that count. The watched connections never wait for an inspector, and its memory stays bounded.
 */
export class InspectorClient implements Watcher {
  role: Role | null = null;
  session: Session | null = null;
  /** The page's own label from `hello`: its sockets carry it, so their records say they are its own. */
  page: string | null = null;
  private watchAll = false;
  private readonly watched = new Set<number>();
  private queue: InspectorRecord[] = [];
  private queuedBytes = 0;
  private dropped = 0;
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly ws: WebSocket,
    /** The visitor's address, against which the lab connections it asks for count. */
    readonly address: string,
    private readonly limit: number,
    private readonly ownerLabel: (connection: LiveConnection) => string | undefined,
  ) {}

  get ready(): boolean {
    return this.role !== null;
  }

  /**
   * A page sees its own session's connections. The presenter also sees those of visitors who chose to
   * share them, and only while they do (issue 11): without consent nobody sees another's bytes.
   */
  canSee(connection: LiveConnection): boolean {
    // The conformance suite's hundreds of short connections are the server testing itself: its results
    // (with every byte) go to the page that asked; nobody's frame list is flooded with them.
    if (connection.conform) return false;
    if (this.owns(connection)) return true;
    return this.role === 'presenter' && connection.session?.sharing === true;
  }

  /** Lab commands act on the requester's own connections only, even for the presenter. */
  owns(connection: LiveConnection): boolean {
    return this.session !== null && connection.session === this.session;
  }

  /** "Watch all" is this page's own connections; a sharing visitor's are watched one by one (put on screen). */
  wants(connection: LiveConnection): boolean {
    return (this.watchAll && this.owns(connection)) || this.watched.has(connection.id);
  }

  watch(connection?: number): void {
    if (connection === undefined) this.watchAll = true;
    else this.watched.add(connection);
  }

  unwatch(connection?: number): void {
    if (connection === undefined) {
      this.watchAll = false;
      this.watched.clear();
    } else {
      this.watched.delete(connection);
    }
  }

  forget(connection: number): void {
    this.watched.delete(connection);
  }

  attach(connection: LiveConnection): void {
    this.deliver(openRecord(connection, this.viewer(connection)));
    for (const record of connection.tap.handshake) this.deliver(record);
  }

  summary(connection: LiveConnection): ConnectionSummaryJson {
    return connectionSummary(connection, this.viewer(connection));
  }

  private viewer(connection: LiveConnection): Viewer {
    const owner = this.role === 'presenter' ? this.ownerLabel(connection) : undefined;
    return { owner, page: this.page };
  }

  deliver(record: InspectorRecord): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    const size = recordSize(record);
    // A record larger than the bound itself (a frame near maxPayload; base64 makes it 4/3 larger) would
    // never fit: it is taken whenever the backlog is under the bound, so memory stays under bound + one record.
    const backlog = this.ws.bufferedAmount + this.queuedBytes;
    if (size > this.limit ? backlog >= this.limit : backlog + size > this.limit) {
      this.dropped++;
      return;
    }
    this.takeDropped();
    this.queue.push(record);
    this.queuedBytes += size;
    this.scheduleFlush();
  }

  /**
   * A reply to a command: never dropped, sent at once, after the records still queued, so that what
   * happened before the reply (the `open` of a lab connection, say) arrives before it. Replies share the
   * socket's bound with records, with as much again of headroom (records stop at `limit`): a page that
   * asks faster than it reads is closed with 1008 (policy violation) rather than held in our memory.
   */
  reply(message: ServerMessage): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.queue.length > 0) this.flush();
    const text = serverMessageJson(message);
    if (this.ws.bufferedAmount + text.length > 2 * this.limit) {
      this.ws.close(1008, 'not reading its replies');
      return;
    }
    this.ws.send(text);
  }

  /**
   * A message the server sends unasked and keeps only the latest of (server/room/latestPush.ts: the
   * presenter's visitors list, a tally): never closes the socket, whatever its backlog, since at most one
   * is ever pending; `done` once the socket took it.
   */
  push(message: ServerMessage, done: () => void): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.queue.length > 0) this.flush();
    this.ws.send(serverMessageJson(message), () => done());
  }

  /**
   * One part of a long answer (a conformance run's cases): sent once what this socket already holds has
   * drained under half the bound, so a page that reads slowly slows the parts down, and is not closed
   * with 1008 as a flood of replies would be. A page that reads nothing for `stallMs` is closed with 1008
   * like any reader that stopped. False when the socket is gone, or was closed so.
   */
  async sendPart(message: ServerMessage, stallMs = partStallMs): Promise<boolean> {
    const deadline = Date.now() + stallMs;
    while (
      this.ws.readyState === this.ws.OPEN &&
      this.ws.bufferedAmount + this.queuedBytes > this.limit / 2
    ) {
      if (Date.now() > deadline) {
        this.ws.close(1008, 'not reading its answers');
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, partPollMs));
    }
    if (this.ws.readyState !== this.ws.OPEN) return false;
    if (this.queue.length > 0) this.flush();
    this.ws.send(serverMessageJson(message));
    return true;
  }

  /** Bytes a part may take so that, sent under half the bound, it keeps the socket under the bound. */
  get partBytes(): number {
    return Math.max(4096, Math.min(64 * 1024, Math.floor(this.limit / 4)));
  }

  private takeDropped(): void {
    if (this.dropped === 0) return;
    this.queue.push({ kind: 'dropped', t: preciseNow(), count: this.dropped });
    this.queuedBytes += 64;
    this.dropped = 0;
  }

  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => this.flush(), flushMs);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.queue.length === 0 || this.ws.readyState !== this.ws.OPEN) {
      this.queue = [];
      this.queuedBytes = 0;
      return;
    }
    const message = recordsMessage(this.queue);
    this.queue = [];
    this.queuedBytes = 0;
    this.ws.send(message, { binary: false }, () => this.afterSend());
  }

  /** Once the socket drains, a count of drops still owed is sent even if no new record comes. */
  private afterSend(): void {
    if (this.dropped === 0 || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount + this.queuedBytes + 64 > this.limit) return;
    this.takeDropped();
    this.scheduleFlush();
  }
}
