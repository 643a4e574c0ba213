import { toHex } from '../protocol/hex.ts';
import { backoffDelay } from './backoff.ts';
import type { FrameStore, StoredFrame } from './frameStore.ts';
import {
  type InspectorRecordJson,
  inspectorProtocolVersion,
  parseServerMessage,
  type ServerMessage,
  type WelcomeMessage,
} from './inspectorMessages.ts';
import { LatencyMeter } from './latency.ts';
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

/** What changed since listeners were last told; several changes are told at once (one microtask). */
export type SessionChange = {
  frames: boolean;
  timeline: boolean;
  status: boolean;
  connections: boolean;
  /** A frame someone asked to see (the event panel's click): views that can show it should. */
  focus: number | null;
};

export type CommandReply =
  | ({ ok: true } & Record<string, unknown>)
  | { ok: false; code: string; message: string };

/** The browser's own view of the page's echo socket: its API events, never used to draw frames. */
export type BrowserEvent =
  | { type: 'open'; url: string }
  | { type: 'message'; data: string | ArrayBuffer }
  | { type: 'close'; code: number; reason: string; wasClean: boolean }
  | { type: 'error' };

export type EchoSocketState = 'none' | 'connecting' | 'open' | 'closing' | 'closed';

export type SessionOptions = {
  /** Frames kept in the ring (the counts cover all). */
  readonly capacity?: number;
  /** `ws:` or `wss:` origin of the server; defaults to the page's own. */
  readonly serverUrl?: string;
  readonly storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
};

const tokenKey = 'ws101.session';
const commandTimeoutMs = 10_000;
/** Bytes of each message kept for the event panel's preview. */
const _previewBytes = 96;

function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

function randomTabId(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return toHex(bytes);
}

/**
 * The page's one live session (src/session): its /inspect subscription, its /echo socket, the decoded
 * frames and the timeline. Data flows one way: wire → tap (server) → /inspect → here (decoded by
 * src/protocol) → views. Views subscribe; none opens a socket of its own.
 */
export class LiveSession {
  readonly latency = new LatencyMeter();
  private readonly pipeline: RecordPipeline;
  status: SessionStatus;
  welcome: WelcomeMessage | null = null;
  /** The server's id for this page's current /echo connection, once its handshake was seen. */
  echoConnection: number | null = null;
  /** The last frame someone asked to see. */
  focusedFrame: number | null = null;

  private readonly listeners = new Set<(change: SessionChange) => void>();
  private readonly browserListeners = new Set<(event: BrowserEvent) => void>();
  private pendingChange: SessionChange | null = null;
  private inspector: WebSocket | null = null;
  private echo: WebSocket | null = null;
  private echoDeflate = false;
  private readonly outbox: (string | ArrayBuffer | ArrayBufferView | Blob)[] = [];
  private readonly tabId = randomTabId();
  private readonly commands = new Map<string, (reply: CommandReply) => void>();
  private nextCommand = 1;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly serverUrl: string | null;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  private stopped = false;

  constructor(options: SessionOptions = {}) {
    this.pipeline = new RecordPipeline(options.capacity ?? 2000, {
      requestSeen: (connection, target) => {
        if (target.includes(`tab=${this.tabId}`)) this.echoConnection = connection;
      },
      changedLater: (change) => this.change(change),
    });
    this.storage = options.storage === undefined ? safeSessionStorage() : options.storage;
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

  /** The decoded frames: a ring of the last N, with exact counts of all. */
  get store(): FrameStore {
    return this.pipeline.store;
  }

  /** Which TCP read or write each frame came from. */
  get reads(): ReadTable {
    return this.pipeline.reads;
  }

  get timeline(): Timeline {
    return this.pipeline.timeline;
  }

  /** Every connection the page has seen (its own echo socket, lab connections…), by the server's id. */
  get connections(): ReadonlyMap<number, WireConnection> {
    return this.pipeline.connections;
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
    this.echo?.close();
  }

  subscribe(listener: (change: SessionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onBrowserEvent(listener: (event: BrowserEvent) => void): () => void {
    this.browserListeners.add(listener);
    return () => this.browserListeners.delete(listener);
  }

  get echoState(): EchoSocketState {
    const socket = this.echo;
    if (!socket) return 'none';
    return (['connecting', 'open', 'closing', 'closed'] as const)[socket.readyState] ?? 'closed';
  }

  /** Whether the page's echo socket asked for permessage-deflate. */
  get deflate(): boolean {
    return this.echoDeflate;
  }

  /** The join key for this page's sockets (not a secret: it grants no reading and no lab). */
  get joinKey(): string | null {
    return this.welcome?.join ?? null;
  }

  /**
   * Sends a message on the page's echo socket, opening it first when it is closed. Returns false when
   * there is no server. The frame shows up in the views only when the tap reports its bytes.
   */
  send(data: string | ArrayBuffer | ArrayBufferView | Blob): boolean {
    if (this.status.phase !== 'live') return false;
    if (this.echo?.readyState === WebSocket.OPEN) {
      this.echo.send(data as string);
      return true;
    }
    this.outbox.push(data);
    if (!this.echo || this.echo.readyState >= WebSocket.CLOSING) this.openEcho();
    return true;
  }

  /** Closes the echo socket from the browser side (RFC 6455 §7.1.2: the browser sends the close frame). */
  closeEcho(code?: number, reason?: string): void {
    this.echo?.close(code, reason);
  }

  /** Opens a new echo socket (closing the current one), with or without permessage-deflate. */
  reopenEcho(options: { deflate?: boolean } = {}): void {
    if (options.deflate !== undefined) this.echoDeflate = options.deflate;
    const old = this.echo;
    this.echo = null;
    if (old && old.readyState <= WebSocket.OPEN) old.close(1000, 'reopening');
    if (this.status.phase === 'live') this.openEcho();
  }

  /**
   * Sends an inspector command (`lab.*`, `list`, `watch`…; see server/inspect/messages.ts). Resolves with
   * the server's result or error as data, never rejects: `{ ok: false, code: 'offline' }` without a server.
   */
  command(command: { type: string } & Record<string, unknown>): Promise<CommandReply> {
    const socket = this.inspector;
    if (!socket || socket.readyState !== WebSocket.OPEN || !this.welcome) {
      return Promise.resolve({ ok: false, code: 'offline', message: 'no connection to the server' });
    }
    const id = `c${this.nextCommand++}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.commands.delete(id);
        resolve({ ok: false, code: 'timeout', message: 'the server did not answer' });
      }, commandTimeoutMs);
      this.commands.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      socket.send(JSON.stringify({ ...command, id }));
    });
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
    socket.addEventListener('open', () => {
      const token = this.storage?.getItem(tokenKey) ?? undefined;
      socket.send(
        JSON.stringify({
          v: inspectorProtocolVersion,
          type: 'hello',
          id: 'hello',
          watch: true,
          session: token,
        }),
      );
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const message = parseServerMessage(event.data);
      if (!message) return;
      if (message.type === 'welcome') {
        welcomed = true;
        this.onWelcome(message);
      } else {
        this.onServerMessage(message);
      }
    });
    socket.addEventListener('close', () => {
      if (this.inspector !== socket) return;
      this.inspector = null;
      for (const resolve of this.commands.values()) {
        resolve({ ok: false, code: 'offline', message: 'the connection to the server was lost' });
      }
      this.commands.clear();
      this.welcome = null;
      this.echoConnection = null;
      const echo = this.echo;
      this.echo = null;
      echo?.close();
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
    this.openEcho();
  }

  private onServerMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'records':
        this.ingestRecords(message.records);
        return;
      case 'result':
      case 'error':
      case 'connections': {
        const id = message.id === undefined ? undefined : String(message.id);
        const resolve = id === undefined ? undefined : this.commands.get(id);
        if (!resolve || id === undefined) return;
        this.commands.delete(id);
        if (message.type === 'error') resolve({ ok: false, code: message.code, message: message.message });
        else resolve({ ...(message as Record<string, unknown>), ok: true });
        return;
      }
      default:
        return;
    }
  }

  // ——— the page's echo socket ———

  private openEcho(): void {
    const join = this.welcome?.join;
    if (!join || !this.serverUrl) return;
    const url = `${this.serverUrl}/echo?join=${encodeURIComponent(join)}&tab=${this.tabId}${this.echoDeflate ? '&deflate=1' : ''}`;
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    this.echo = socket;
    this.echoConnection = null;
    socket.addEventListener('open', () => {
      this.tellBrowser({ type: 'open', url: socket.url });
      while (this.outbox.length > 0 && socket.readyState === WebSocket.OPEN) {
        socket.send(this.outbox.shift() as string);
      }
    });
    socket.addEventListener('message', (event) => this.tellBrowser({ type: 'message', data: event.data }));
    socket.addEventListener('error', () => {
      this.tellBrowser({ type: 'error' });
      this.timeline.add({ kind: 'browser-error', t: this.serverClockNow(), connection: this.echoConnection });
      this.change({ timeline: true });
    });
    socket.addEventListener('close', (event) => {
      this.tellBrowser({ type: 'close', code: event.code, reason: event.reason, wasClean: event.wasClean });
      this.timeline.add({
        kind: 'browser-close',
        t: this.serverClockNow(),
        connection: this.echo === socket ? this.echoConnection : null,
        code: event.code,
        reason: event.reason,
        wasClean: event.wasClean,
      });
      this.change({ timeline: true, connections: true });
    });
  }

  /** Now, on the tap's clock (as near as the fastest record tells), so browser events sort among the wire's. */
  private serverClockNow(): number {
    return preciseNow() - (Number.isFinite(this.clockSkewMs) ? this.clockSkewMs : 0);
  }

  private tellBrowser(event: BrowserEvent): void {
    for (const listener of this.browserListeners) listener(event);
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
    const pending = this.pendingChange;
    if (pending) {
      pending.frames ||= change.frames ?? false;
      pending.timeline ||= change.timeline ?? false;
      pending.status ||= change.status ?? false;
      pending.connections ||= change.connections ?? false;
      if (change.focus !== undefined) pending.focus = change.focus;
      return;
    }
    this.pendingChange = {
      frames: change.frames ?? false,
      timeline: change.timeline ?? false,
      status: change.status ?? false,
      connections: change.connections ?? false,
      focus: change.focus ?? null,
    };
    queueMicrotask(() => {
      const told = this.pendingChange;
      this.pendingChange = null;
      if (!told) return;
      for (const listener of this.listeners) listener(told);
    });
  }
}

function pageServerUrl(): string | null {
  if (typeof location === 'undefined') return null;
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return null;
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
}

function safeSessionStorage(): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
