import { preciseNow } from '../shared/clock.ts';
import type {
  CommandInput,
  CommandPart,
  CommandReply,
  PageCommandType,
} from '../shared/inspector/commands.ts';
import type { InspectorRecordJson, TicketSocket, WelcomeMessage } from '../shared/inspector/protocol.ts';
import { ChangeBatcher, type SessionChange } from './changeBatcher.ts';
import { Consent } from './consent.ts';
import { EchoChannel } from './echoChannel.ts';
import type { BrowserEvent, EchoSocketState, Sendable } from './echoSocket.ts';
import type { FrameStore, StoredFrame } from './frameStore.ts';
import { InspectorLink, type ServerPush, type SessionStatus } from './inspectorLink.ts';
import { LatencyMeter } from './latency.ts';
import { pageServerUrl, safeSessionStorage } from './pageEnvironment.ts';
import { pageSocketUrl } from './pageSocketUrl.ts';
import type { ReadTable } from './readTable.ts';
import { RecordPipeline } from './recordPipeline.ts';
import type { Timeline } from './timeline.ts';
import type { WireConnection } from './wireConnection.ts';

export type SessionOptions = {
  /** Frames kept in the ring (the counts cover all). */
  readonly capacity?: number;
  /** `ws:` or `wss:` origin of the server; defaults to the page's own. */
  readonly serverUrl?: string;
  readonly storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** The server's presenter token: this page then drives the room and sees the visitors, and the connections of those who share. */
  readonly presenterToken?: string | null;
  /** Told when the server refuses the presenter token: the page carries on as an ordinary visitor. */
  readonly onPresenterRefused?: () => void;
};

/**
 * The page's one live session (src/session), composed of its parts: the /inspect link (inspectorLink.ts:
 * connect, hello, retry, commands and their replies), the record pipeline that decodes what the tap saw
 * (recordPipeline.ts: frames, reads, timeline, connections), the echo channel (echoChannel.ts) and the
 * room's consent (consent.ts). Every socket the page opens gets its URL from `socketUrl`. Data flows one
 * way: wire → tap (server) → /inspect → here (decoded by src/protocol) → views. Views subscribe; none opens
 * a socket of its own.
 */
export class LiveSession {
  readonly latency = new LatencyMeter();
  private readonly pipeline: RecordPipeline;
  /** The decoded frames: a ring of the last N, with exact counts of all. */
  readonly store: FrameStore;
  /** Which TCP read or write each frame came from. */
  readonly reads: ReadTable;
  readonly timeline: Timeline;
  /** Every connection the page has seen (its own echo socket, lab connections…), by the server's id. */
  readonly connections: ReadonlyMap<number, WireConnection>;
  /** Sharing with the presenter's screen (a student), the visitors and what is shown (the presenter). */
  readonly consent: Consent;
  private readonly link: InspectorLink;
  private readonly echo: EchoChannel;
  private readonly changes = new ChangeBatcher();
  private readonly pushListeners = new Set<(message: ServerPush) => void>();

  constructor(options: SessionOptions = {}) {
    this.pipeline = new RecordPipeline(options.capacity ?? 2000, {
      opened: (connection, pageSocket) => {
        if (pageSocket === 'echo') this.echo.connection = connection;
      },
      changedLater: (change) => this.change(change),
    });
    this.store = this.pipeline.store;
    this.reads = this.pipeline.reads;
    this.timeline = this.pipeline.timeline;
    this.connections = this.pipeline.connections;
    this.link = new InspectorLink(
      {
        serverUrl: options.serverUrl ?? pageServerUrl(),
        storage: options.storage === undefined ? safeSessionStorage() : options.storage,
        presenterToken: options.presenterToken ?? null,
        onPresenterRefused: options.onPresenterRefused ?? (() => {}),
      },
      {
        welcomed: (welcome, reconnected) => {
          this.pipeline.maxPayload = welcome.maxPayload;
          if (reconnected) {
            const t = Date.now();
            this.timeline.add({ kind: 'notice', t, connection: null, name: 'reconnected', message: '' });
          }
          this.change({ status: true, timeline: reconnected });
          this.consent.welcomed(welcome);
          this.echo.open();
        },
        records: (records) => this.ingestRecords(records),
        push: (message) => {
          if (message.type === 'visitors') this.consent.onVisitors(message.visitors);
          // Pushed unasked (the presenter's exercise tallies): to whoever listens.
          else for (const listener of this.pushListeners) listener(message);
        },
        lost: () => this.echo.lost(),
        statusChanged: () => this.change({ status: true }),
      },
    );
    this.echo = new EchoChannel((query) => this.socketUrl('echo', query));
    this.echo.listen((event, current) => this.onEchoEvent(event, current));
    this.consent = new Consent({
      command: (command) => this.link.command(command),
      connections: this.pipeline.connections,
      forget: (ids) => this.change(this.pipeline.forget(ids)),
      changed: () => this.change({ room: true }),
    });
  }

  /** Starts connecting (idempotent). */
  start(): this {
    this.link.start();
    return this;
  }

  /** Closes everything; used by tests and by a page that unloads. */
  stop(): void {
    this.link.stop();
    this.echo.close();
  }

  // ——— the link (src/session/inspectorLink.ts) ———

  get status(): SessionStatus {
    return this.link.status;
  }

  get welcome(): WelcomeMessage | null {
    return this.link.welcome;
  }

  /** Why the server refused this page's presenter token, in its words; null when none was refused. */
  get presenterRefused(): string | null {
    return this.link.presenterRefused;
  }

  /** Skips the rest of the backoff wait (the banner's "Retry now"). */
  retryNow(): void {
    this.link.retryNow();
  }

  /**
   * Sends an inspector command (src/shared/inspector/commands.ts: `lab.*`, `list`, `watch`…; the id is
   * added); resolves with its reply, typed and checked by the command's reply type, or an error as data.
   * Never rejects: `{ ok: false, code: 'offline' }` without a server. See `InspectorLink.command`.
   */
  command<T extends PageCommandType>(
    command: CommandInput<T>,
    timeoutMs?: number,
    onPart?: (part: CommandPart) => void,
  ): Promise<CommandReply<T>> {
    return this.link.command(command, timeoutMs, onPart);
  }

  /** The URL of one of this page's own sockets, with its ticket: see src/session/pageSocketUrl.ts. */
  socketUrl(socket: TicketSocket, query: Readonly<Record<string, string>> = {}): Promise<string | null> {
    return pageSocketUrl(this.link, socket, query);
  }

  /** Hears what the server pushes unasked besides records and visitors (`tally`, for the presenter's pages). */
  onServerPush(listener: (message: ServerPush) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  // ——— the echo channel (src/session/echoChannel.ts) ———

  /** The server's id for this page's current /echo connection, as the server's open record says. */
  get echoConnection(): number | null {
    return this.echo.connection;
  }

  get echoState(): EchoSocketState {
    return this.echo.state;
  }

  /** Whether the page's echo socket asked for permessage-deflate. */
  get deflate(): boolean {
    return this.echo.deflate;
  }

  /**
   * Sends a message on the page's echo socket, opening it first when it is closed. Returns false when
   * there is no server. The frame shows up in the views only when the tap reports its bytes.
   */
  send(data: Sendable): boolean {
    if (this.status.phase !== 'live') return false;
    this.echo.send(data);
    return true;
  }

  /** Closes the echo socket from the browser side (RFC 6455 §7.1.2: the browser sends the close frame). */
  closeEcho(code?: number, reason?: string): void {
    this.echo.close(code, reason);
  }

  /** Opens a new echo socket (closing the current one), with or without permessage-deflate. */
  reopenEcho(options: { deflate?: boolean } = {}): void {
    this.echo.reopen(options, this.status.phase === 'live');
  }

  onBrowserEvent(listener: (event: BrowserEvent) => void): () => void {
    return this.echo.listen((event) => listener(event));
  }

  /** The browser's own events on its echo socket go on the timeline beside the wire's. */
  private onEchoEvent(event: BrowserEvent, current: boolean): void {
    const t = preciseNow() - (Number.isFinite(this.clockSkewMs) ? this.clockSkewMs : 0);
    if (event.type === 'error') {
      this.timeline.add({ kind: 'browser-error', t, connection: this.echo.connection });
      this.change({ timeline: true });
    } else if (event.type === 'close') {
      const { code, reason, wasClean } = event;
      const connection = current ? this.echo.connection : null;
      this.timeline.add({ kind: 'browser-close', t, connection, code, reason, wasClean });
      this.change({ timeline: true, connections: true });
    }
  }

  // ——— records → frames (src/session/recordPipeline.ts) and the views ———

  /**
   * Feeds records as /inspect sends them (tap reads/writes and events): the link calls this for every
   * `records` message; tests and replays may call it directly.
   */
  ingestRecords(records: readonly InspectorRecordJson[]): void {
    this.change(this.pipeline.ingest(records));
  }

  /** Records the server could not send (a slow page): exact count. */
  get droppedRecords(): number {
    return this.pipeline.droppedRecords;
  }

  /** Page clock minus tap clock, plus the fastest transit seen (see RecordPipeline). */
  get clockSkewMs(): number {
    return this.pipeline.clockSkewMs;
  }

  /** The connection a frame came from. */
  connection(id: number): WireConnection | undefined {
    return this.connections.get(id);
  }

  subscribe(listener: (change: SessionChange) => void): () => void {
    return this.changes.subscribe(listener);
  }

  /** Asks the views to show a frame (the event panel's "open in the inspector"): a change they hear. */
  focusFrame(seq: number): void {
    this.change({ focus: seq });
  }

  /** A view drew frames up to `stored`: one wire-to-pixel sample, from the tap's timestamp to now. */
  frameDrawn(stored: StoredFrame): void {
    this.latency.add(preciseNow() - stored.t - this.clockSkewMs);
  }

  /** Clears the kept frames and the timeline; the counts of what was seen stay. */
  clear(): void {
    this.store.clear();
    this.timeline.clear();
    this.change({ frames: true, timeline: true });
  }

  private change(change: Partial<SessionChange>): void {
    this.changes.add(change);
  }
}
