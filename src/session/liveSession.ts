import { preciseNow } from '../shared/clock.ts';
import {
  type InspectorRecordJson,
  inspectorProtocolVersion,
  type ServerMessage,
  type TicketSocket,
  ticketSocketPaths,
  type WelcomeMessage,
} from '../shared/inspector/protocol.ts';
import { parseServerMessage } from '../shared/inspector/validate.ts';
import { backoffDelay } from './backoff.ts';
import { ChangeBatcher, type SessionChange } from './changeBatcher.ts';
import { Consent } from './consent.ts';
import { type BrowserEvent, EchoSocket, type EchoSocketState, type Sendable } from './echoSocket.ts';
import type { FrameStore, StoredFrame } from './frameStore.ts';
import { LatencyMeter } from './latency.ts';
import { pageServerUrl, randomTabId, safeSessionStorage } from './pageEnvironment.ts';
import { type CommandReply, PendingCommands } from './pendingCommands.ts';
import type { ReadTable } from './readTable.ts';
import { RecordPipeline } from './recordPipeline.ts';
import type { Timeline } from './timeline.ts';
import type { WireConnection } from './wireConnection.ts';

/**
 * - `connecting`: the first attempt is under way.
 * - `live`: /inspect said welcome; the page's records flow.
 * - `reconnecting`: the server went away after being there (a restart); retrying with backoff.
 * - `offline`: no server was ever reached (a static build, a file URL); retrying quietly unless `file:`.
 */
export type SessionPhase = 'connecting' | 'live' | 'reconnecting' | 'offline';

export type SessionStatus = {
  readonly phase: SessionPhase;
  /** Failed attempts in a row. */
  readonly attempt: number;
  /** Page clock (ms since the epoch) of the next attempt, when one is scheduled. */
  readonly retryAt: number | null;
  readonly everConnected: boolean;
  /** Page clock of the last successful (re)connection. */
  readonly connectedAt: number | null;
  /** True when the page cannot reach any server by design (`file:` URL): no retries. */
  readonly noServerPossible: boolean;
};

export type { SessionChange } from './changeBatcher.ts';

export type { BrowserEvent, EchoSocketState } from './echoSocket.ts';
export type { CommandReply } from './pendingCommands.ts';

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

const tokenKey = 'ws101.session';
/** Bytes of each message kept for the event panel's preview. */

/**
 * The page's one live session (src/session): its /inspect subscription, its /echo socket, the decoded
 * frames and the timeline. Data flows one way: wire → tap (server) → /inspect → here (decoded by
 * src/protocol) → views. Views subscribe; none opens a socket of its own.
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
  status: SessionStatus;
  welcome: WelcomeMessage | null = null;
  /** The server's id for this page's current /echo connection, as the server's open record says. */
  echoConnection: number | null = null;
  /** The last frame someone asked to see. */
  focusedFrame: number | null = null;
  /** Sharing with the presenter's screen (a student), the visitors and what is shown (the presenter). */
  readonly consent: Consent;

  private readonly changes = new ChangeBatcher();
  private presenterToken: string | null;
  private readonly onPresenterRefused: () => void;
  /**
   * Why the server refused this page's presenter token (wrong, from an earlier start of the server, too many
   * tries), in its words; null when none was refused. The page then is an ordinary visitor.
   */
  presenterRefused: string | null = null;
  private inspector: WebSocket | null = null;
  private readonly echo = new EchoSocket();
  /** This tab's label, said in `hello`: the tickets it asks for carry it, so the server tells it its own. */
  private readonly tabId = randomTabId();
  private echoOpening = false;
  private readonly pending = new PendingCommands();
  /** Connections the frame lab wrote crafted bytes on (see madeByLab). */
  private readonly labWritten = new Set<number>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly serverUrl: string | null;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  private stopped = false;
  private readonly pushListeners = new Set<(message: ServerMessage) => void>();

  constructor(options: SessionOptions = {}) {
    this.pipeline = new RecordPipeline(options.capacity ?? 2000, {
      opened: (connection, pageSocket) => {
        if (pageSocket === 'echo') this.echoConnection = connection;
      },
      changedLater: (change) => this.change(change),
    });
    this.store = this.pipeline.store;
    this.reads = this.pipeline.reads;
    this.timeline = this.pipeline.timeline;
    this.connections = this.pipeline.connections;
    this.consent = new Consent({
      command: (command) => this.command(command),
      connections: this.pipeline.connections,
      forget: (ids) => this.change(this.pipeline.forget(ids)),
      changed: () => this.change({ room: true }),
    });
    this.echo.listen((event, current) => this.onEchoEvent(event, current));
    this.storage = options.storage === undefined ? safeSessionStorage() : options.storage;
    this.presenterToken = options.presenterToken ?? null;
    this.onPresenterRefused = options.onPresenterRefused ?? (() => {});
    this.serverUrl = options.serverUrl ?? pageServerUrl();
    this.status = {
      phase: this.serverUrl ? 'connecting' : 'offline',
      attempt: 0,
      retryAt: null,
      everConnected: false,
      connectedAt: null,
      noServerPossible: this.serverUrl === null,
    };
  }

  /** Starts connecting (idempotent). */
  start(): this {
    if (this.serverUrl && !this.inspector && !this.retryTimer && !this.stopped) this.connectInspector();
    return this;
  }

  /** Records the server could not send (a slow page): exact count. */
  get droppedRecords(): number {
    return this.pipeline.droppedRecords;
  }

  get tapRecords(): number {
    return this.pipeline.tapRecords;
  }

  /** Page clock minus tap clock, plus the fastest transit seen (see RecordPipeline). */
  get clockSkewMs(): number {
    return this.pipeline.clockSkewMs;
  }

  /** Skips the rest of the backoff wait (the banner's "Retry now"). */
  retryNow(): void {
    if (!this.retryTimer || this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connectInspector();
  }

  /** Closes everything; used by tests and by a page that unloads. */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.inspector?.close();
    this.echo.close();
  }

  subscribe(listener: (change: SessionChange) => void): () => void {
    return this.changes.subscribe(listener);
  }

  onBrowserEvent(listener: (event: BrowserEvent) => void): () => void {
    return this.echo.listen((event) => listener(event));
  }

  get echoState(): EchoSocketState {
    return this.echo.state;
  }

  /** Whether the page's echo socket asked for permessage-deflate. */
  get deflate(): boolean {
    return this.echo.deflate;
  }

  /** `ws:`/`wss:` origin of the server, or null where there is none (a static build). */
  get socketOrigin(): string | null {
    return this.serverUrl;
  }

  /**
   * A single-use ticket for one more socket of this page (the comparison's, the seed slide's), asked for on
   * /inspect like the echo socket's: the socket puts it in its URL, and the server files the connection
   * under this session and tells this page it is its own. Null when not live, or when the server refuses.
   */
  async ticket(socket: TicketSocket): Promise<string | null> {
    if (this.status.phase !== 'live') return null;
    const reply = await this.command({ type: 'ticket', socket });
    return reply.ok && typeof reply.ticket === 'string' ? reply.ticket : null;
  }

  /**
   * The URL of one of this page's own sockets (`/echo`, `/chat`, `/room`), with the single-use ticket that
   * ties it to this session and tab, asked for on /inspect (server/tickets.ts): anything else in its URL
   * would be shown, tapped, to the presenter. Every socket the page opens gets its URL here. Null while
   * there is no session, or when the server gives no ticket.
   */
  async socketUrl(socket: TicketSocket): Promise<string | null> {
    if (!this.serverUrl) return null;
    const reply = await this.command({ type: 'ticket', socket });
    if (!reply.ok || typeof reply.ticket !== 'string' || !this.serverUrl) return null;
    return `${this.serverUrl}${ticketSocketPaths[socket]}?ticket=${encodeURIComponent(reply.ticket)}`;
  }

  /**
   * Sends a message on the page's echo socket, opening it first when it is closed. Returns false when
   * there is no server. The frame shows up in the views only when the tap reports its bytes.
   */
  send(data: Sendable): boolean {
    if (this.status.phase !== 'live') return false;
    if (this.echo.send(data) === 'needs-socket') this.openEcho();
    return true;
  }

  /** Closes the echo socket from the browser side (RFC 6455 §7.1.2: the browser sends the close frame). */
  closeEcho(code?: number, reason?: string): void {
    this.echo.close(code, reason);
  }

  /** Opens a new echo socket (closing the current one), with or without permessage-deflate. */
  reopenEcho(options: { deflate?: boolean } = {}): void {
    if (options.deflate !== undefined) this.echo.deflate = options.deflate;
    this.echo.drop(1000, 'reopening');
    if (this.status.phase === 'live') this.openEcho();
  }

  /**
   * Sends an inspector command (`lab.*`, `list`, `watch`…; see src/shared/inspector/protocol.ts). Resolves with
   * the server's result or error as data, never rejects: `{ ok: false, code: 'offline' }` without a server.
   * `onPart` receives the parts of a command answered in parts (`conform.run`'s `conform.cases`).
   */
  command(
    command: { type: string } & Record<string, unknown>,
    timeoutMs?: number,
    onPart?: (part: Record<string, unknown>) => void,
  ): Promise<CommandReply> {
    if (
      (command.type === 'lab.serverWrite' || command.type === 'lab.clientWrite') &&
      typeof command.connection === 'number'
    )
      this.labWritten.add(command.connection);
    const socket = this.inspector;
    if (!socket || socket.readyState !== WebSocket.OPEN || !this.welcome) {
      return Promise.resolve({ ok: false, code: 'offline', message: 'no connection to the server' });
    }
    return this.pending.request(command, (text) => socket.send(text), timeoutMs, onPart);
  }

  /**
   * Whether the frame lab broke this connection on purpose: it wrote crafted bytes on it, or it is one of
   * the lab's own client connections. Its violations and failures are then the experiment's result.
   */
  madeByLab(connection: number | null): boolean {
    if (connection === null) return false;
    return this.labWritten.has(connection) || this.connections.get(connection)?.info?.lab === true;
  }

  /**
   * The address of another of this page's sockets (its chat), tied to the page's session and tab the same
   * way as its echo socket: by a single-use ticket asked for on /inspect for that endpoint alone, so the
   * server taps it for this page and says it is the page's own, and nothing in its URL (shown, tapped, to
   * the presenter) could tie another socket to this page. Null when there is no server to talk to or it
   * gave no ticket. Every socket a widget opens gets its address here, and only here.
   */
  async pageSocketUrl(
    endpoint: 'chat',
    query: Readonly<Record<string, string>> = {},
  ): Promise<string | null> {
    if (!this.serverUrl || this.status.phase !== 'live') return null;
    const reply = await this.command({ type: 'ticket', socket: endpoint });
    if (!reply.ok || typeof reply.ticket !== 'string' || !this.serverUrl) return null;
    const params = new URLSearchParams({ ...query, ticket: reply.ticket });
    return `${this.serverUrl}/${endpoint}?${params}`;
  }

  /** Hears what the server sends unasked besides records (`tally`, for the presenter's pages). */
  onServerPush(listener: (message: ServerMessage) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  /** Asks the views to show a frame (the event panel's "open in the inspector"). */
  focusFrame(seq: number): void {
    this.focusedFrame = seq;
    this.change({ focus: seq });
  }

  /** A view drew frames up to `stored`: one wire-to-pixel sample, from the tap's timestamp to now. */
  frameDrawn(stored: StoredFrame): void {
    this.latency.add(preciseNow() - stored.t - this.clockSkewMs);
  }

  /** The connection a frame came from. */
  connection(id: number): WireConnection | undefined {
    return this.connections.get(id);
  }

  /** Clears the kept frames and the timeline; the counts of what was seen stay. */
  clear(): void {
    this.store.clear();
    this.timeline.clear();
    this.change({ frames: true, timeline: true });
  }

  // ——— the inspector socket ———

  private connectInspector(): void {
    const socket = new WebSocket(`${this.serverUrl}/inspect`);
    this.inspector = socket;
    let welcomed = false;
    const hello = () => {
      const token = this.storage?.getItem(tokenKey) ?? undefined;
      socket.send(
        JSON.stringify({
          v: inspectorProtocolVersion,
          type: 'hello',
          id: 'hello',
          watch: true,
          session: token,
          page: this.tabId,
          ...(this.presenterToken ? { presenterToken: this.presenterToken } : {}),
        }),
      );
    };
    socket.addEventListener('open', hello);
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const message = parseServerMessage(event.data);
      if (!message) return;
      if (message.type === 'error' && message.id === 'hello' && this.presenterToken && !welcomed) {
        // A wrong or stale token must not leave the page waiting: say why, and carry on as a visitor.
        this.presenterRefused = message.message;
        this.presenterToken = null;
        this.onPresenterRefused();
        this.change({ status: true });
        hello();
      } else if (message.type === 'welcome') {
        welcomed = true;
        this.onWelcome(message);
      } else {
        this.onServerMessage(message);
      }
    });
    socket.addEventListener('close', () => {
      if (this.inspector !== socket) return;
      this.inspector = null;
      this.pending.failAll('the connection to the server was lost');
      this.welcome = null;
      this.echoConnection = null;
      this.echo.drop();
      if (!this.stopped) this.scheduleRetry(welcomed);
    });
  }

  private scheduleRetry(wasLive: boolean): void {
    const attempt = wasLive ? 1 : this.status.attempt + 1;
    const delay = backoffDelay(attempt);
    this.status = {
      ...this.status,
      phase: this.status.everConnected ? 'reconnecting' : 'offline',
      attempt,
      retryAt: Date.now() + delay,
    };
    this.change({ status: true });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connectInspector();
    }, delay);
  }

  private onWelcome(welcome: WelcomeMessage): void {
    this.welcome = welcome;
    this.pipeline.maxPayload = welcome.maxPayload;
    this.storage?.setItem(tokenKey, welcome.session);
    const reconnected = this.status.everConnected;
    this.status = {
      phase: 'live',
      attempt: 0,
      retryAt: null,
      everConnected: true,
      connectedAt: Date.now(),
      noServerPossible: false,
    };
    if (reconnected)
      this.timeline.add({
        kind: 'notice',
        t: Date.now(),
        connection: null,
        name: 'reconnected',
        message: '',
      });
    this.change({ status: true, timeline: reconnected });
    this.consent.welcomed(welcome);
    this.openEcho();
  }

  private onServerMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'records':
        this.ingestRecords(message.records);
        return;
      case 'conform.cases':
        this.pending.part(message.id, message as unknown as Record<string, unknown>);
        return;
      case 'result':
      case 'error':
      case 'connections': {
        this.pending.settle(
          message.id,
          message.type === 'error'
            ? { ok: false, code: message.code, message: message.message }
            : { ...(message as Record<string, unknown>), ok: true },
        );
        return;
      }
      case 'visitors':
        this.consent.onVisitors(message.visitors);
        return;
      default:
        // Messages the server pushes unasked (the presenter's exercise tallies): to whoever listens.
        for (const listener of this.pushListeners) listener(message);
        return;
    }
  }

  // ——— the page's echo socket ———

  /**
   * Each socket the page opens proves it is this session's and this tab's with a single-use ticket asked
   * for on /inspect (server/tickets.ts): anything else in its URL would be shown, tapped, to the presenter.
   * The server then marks the connection `pageSocket: 'echo'` in what it tells this page.
   */
  private openEcho(): void {
    if (!this.serverUrl || this.echoOpening) return;
    this.echoOpening = true;
    this.echoConnection = null;
    void this.socketUrl('echo').then((url) => {
      this.echoOpening = false;
      if (url) this.echo.open(`${url}${this.echo.deflate ? '&deflate=1' : ''}`);
    });
  }

  /** The browser's own events on its echo socket go on the timeline beside the wire's. */
  private onEchoEvent(event: BrowserEvent, current: boolean): void {
    if (event.type === 'error') {
      this.timeline.add({ kind: 'browser-error', t: this.serverClockNow(), connection: this.echoConnection });
      this.change({ timeline: true });
    } else if (event.type === 'close') {
      this.timeline.add({
        kind: 'browser-close',
        t: this.serverClockNow(),
        connection: current ? this.echoConnection : null,
        code: event.code,
        reason: event.reason,
        wasClean: event.wasClean,
      });
      this.change({ timeline: true, connections: true });
    }
  }

  /** Now, on the tap's clock (as near as the fastest record tells), so browser events sort among the wire's. */
  private serverClockNow(): number {
    return preciseNow() - (Number.isFinite(this.clockSkewMs) ? this.clockSkewMs : 0);
  }

  // ——— records → frames (src/session/recordPipeline.ts) ———

  /**
   * Feeds records as /inspect sends them (tap reads/writes and events): the socket calls this for every
   * `records` message; tests and replays may call it directly.
   */
  ingestRecords(records: readonly InspectorRecordJson[]): void {
    this.change(this.pipeline.ingest(records));
  }

  private change(change: Partial<SessionChange>): void {
    this.changes.add(change);
  }
}
