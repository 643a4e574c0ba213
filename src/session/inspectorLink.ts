import { parseReply } from '../shared/inspector/commandShapes.ts';
import type {
  CommandInput,
  CommandOf,
  CommandPart,
  CommandReply,
  PageCommandType,
} from '../shared/inspector/commands.ts';
import { parseServerMessage, type ReceivedMessage } from '../shared/inspector/messageShapes.ts';
import type { ServerMessages } from '../shared/inspector/messages.ts';
import {
  type InspectorRecordJson,
  inspectorProtocolVersion,
  type WelcomeMessage,
} from '../shared/inspector/protocol.ts';
import { Refusal } from '../shared/inspector/shapes.ts';
import { backoffDelay } from './backoff.ts';
import { randomTabId } from './pageEnvironment.ts';
import { PendingCommands } from './pendingCommands.ts';

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

/** What the server sends unasked besides records: the presenter's exercise tallies and visitors. */
export type ServerPush = ServerMessages['tally'] | ServerMessages['visitors'];

/** What the link tells the session it serves. */
export type LinkEvents = {
  /** /inspect said welcome (`reconnected`: not for the first time). */
  welcomed(welcome: WelcomeMessage, reconnected: boolean): void;
  records(records: readonly InspectorRecordJson[]): void;
  push(message: ServerPush): void;
  /** The connection went away; a retry is scheduled unless stopped. */
  lost(): void;
  /** `status` or `presenterRefused` changed. */
  statusChanged(): void;
};

export type LinkOptions = {
  /** `ws:` or `wss:` origin of the server; null where there is none (a static build). */
  readonly serverUrl: string | null;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  readonly presenterToken: string | null;
  /** Told when the server refuses the presenter token: the page carries on as an ordinary visitor. */
  readonly onPresenterRefused: () => void;
};

const tokenKey = 'ws101.session';

/**
 * The page's /inspect socket: connects, says hello (resuming the session kept in storage), retries with
 * backoff, sends commands and matches their replies (read by each command's reply type), and hands what
 * the server sends to the session. It decodes nothing and draws nothing.
 */
export class InspectorLink {
  status: SessionStatus;
  welcome: WelcomeMessage | null = null;
  /**
   * Why the server refused this page's presenter token (wrong, from an earlier start of the server, too many
   * tries), in its words; null when none was refused. The page then is an ordinary visitor.
   */
  presenterRefused: string | null = null;
  private socket: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private presenterToken: string | null;
  /** This tab's label, said in `hello`: the tickets it asks for carry it, so the server tells it its own. */
  private readonly tabId = randomTabId();
  private readonly pending = new PendingCommands<CommandPart>();

  constructor(
    private readonly options: LinkOptions,
    private readonly events: LinkEvents,
  ) {
    this.presenterToken = options.presenterToken;
    this.status = {
      phase: options.serverUrl ? 'connecting' : 'offline',
      attempt: 0,
      retryAt: null,
      everConnected: false,
      connectedAt: null,
      noServerPossible: options.serverUrl === null,
    };
  }

  get serverUrl(): string | null {
    return this.options.serverUrl;
  }

  /** Starts connecting (idempotent). */
  start(): void {
    if (this.options.serverUrl && !this.socket && !this.retryTimer && !this.stopped) this.connect();
  }

  /** Skips the rest of the backoff wait (the banner's "Retry now"). */
  retryNow(): void {
    if (!this.retryTimer || this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.close();
  }

  /**
   * Sends a command of src/shared/inspector/commands.ts; resolves with its reply, its fields read by that
   * command's reply type, or an error as data; never rejects (`offline` without a server, `timeout`,
   * `bad-reply` when the reply does not have the shape its command promises). `onPart` receives the parts
   * of a command answered in parts (`conform.run`'s `conform.cases`).
   */
  command<T extends PageCommandType>(
    command: CommandInput<T>,
    timeoutMs?: number,
    onPart?: (part: CommandPart) => void,
  ): Promise<CommandReply<T>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || !this.welcome) {
      return Promise.resolve({ ok: false, code: 'offline', message: 'no connection to the server' });
    }
    return this.pending
      .request(command, (text) => socket.send(text), timeoutMs, onPart)
      .then((reply) => {
        if (!reply.ok) return reply;
        const { ok: _ok, ...fields } = reply;
        return parseReply(command.type, fields);
      });
  }

  private connect(): void {
    const socket = new WebSocket(`${this.options.serverUrl}/inspect`);
    this.socket = socket;
    let welcomed = false;
    const hello = () => {
      const session = this.options.storage?.getItem(tokenKey) ?? undefined;
      const command: CommandOf<'hello'> = {
        type: 'hello',
        id: 'hello',
        v: inspectorProtocolVersion,
        watch: true,
        ...(session ? { session } : {}),
        page: this.tabId,
        ...(this.presenterToken ? { presenterToken: this.presenterToken } : {}),
      };
      socket.send(JSON.stringify(command));
    };
    socket.addEventListener('open', hello);
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const message = parseServerMessage(event.data);
      // What this page cannot read (another version, a malformed message) is not acted on.
      if (message instanceof Refusal) return;
      if (message.type === 'error' && message.id === 'hello' && this.presenterToken && !welcomed) {
        // A wrong or stale token must not leave the page waiting: say why, and carry on as a visitor.
        this.presenterRefused = message.message;
        this.presenterToken = null;
        this.options.onPresenterRefused();
        this.events.statusChanged();
        hello();
      } else if (message.type === 'welcome') {
        welcomed = true;
        this.onWelcome(message);
      } else {
        this.dispatch(message);
      }
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.pending.failAll('the connection to the server was lost');
      this.welcome = null;
      this.events.lost();
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
    this.events.statusChanged();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private onWelcome(welcome: WelcomeMessage): void {
    this.welcome = welcome;
    this.options.storage?.setItem(tokenKey, welcome.session);
    const reconnected = this.status.everConnected;
    this.status = {
      phase: 'live',
      attempt: 0,
      retryAt: null,
      everConnected: true,
      connectedAt: Date.now(),
      noServerPossible: false,
    };
    this.events.welcomed(welcome, reconnected);
  }

  private dispatch(message: Exclude<ReceivedMessage, ServerMessages['welcome']>): void {
    switch (message.type) {
      case 'records':
        this.events.records(message.records);
        return;
      case 'conform.cases':
        this.pending.part(message.id, message);
        return;
      case 'result':
      case 'connections':
        this.pending.settle(message.id, { ...message.fields, ok: true });
        return;
      case 'error':
        this.pending.settle(message.id, { ok: false, code: message.code, message: message.message });
        return;
      case 'tally':
      case 'visitors':
        this.events.push(message);
        return;
    }
  }
}
