import type { Language } from '../../protocol/index.ts';
import type { LiveSession } from '../../session/index.ts';
import { type ChatEntry, type ChatServerMessage, parseChatMessage } from '../../shared/room/chat.ts';

/** One line of the chat's log: a message, or a notice the page words in its language when it draws it. */
export type ChatLine =
  | {
      readonly kind: 'message';
      /** The server's id for whoever said it: what the presenter mutes by, and how "mine" is known. */
      readonly member: string;
      readonly nick: string;
      readonly text: string;
      readonly time: number;
      /** Set by the server only: the presenter's lines carry a badge no nickname can imitate. */
      readonly role?: 'presenter';
    }
  | {
      readonly kind: 'notice';
      readonly notice: 'join' | 'leave' | 'nick' | 'cleared' | 'muted' | 'unmuted' | 'error' | 'closed';
      readonly nick?: string;
      readonly old?: string;
      readonly online?: number;
      /** For `error`: the server's code (worded by the page) and its own words (shown when unknown). */
      readonly code?: string;
      readonly message?: string;
      readonly time: number;
    };

export type ChatState = 'closed' | 'connecting' | 'open';

/** What a page keeps of the chat: the server sends the last 50 to a newcomer, so that is plenty. */
const keptLines = 200;
const nickKey = 'ws101.nick';
const retryMs = 2000;

/**
 * The page's membership of the room's chat (/chat): one socket, opened through the session so that it is
 * tapped for this page like its echo socket, kept while the page lives (leaving the slide does not leave
 * the room), reopened after a drop while someone is looking. Messages are kept as data; the widget draws.
 */
export class ChatClient {
  lines: ChatLine[] = [];
  /** The nickname the server gave us (it may differ from the one asked for: taken, or not allowed). */
  nick: string | null = null;
  /** Whether the presenter muted this page's member. */
  muted = false;
  /** This socket's member id, as the server gave it. */
  member: string | null = null;
  /** Members the presenter muted (as the room was told), by id, for the presenter's unmute buttons. */
  readonly mutedMembers = new Set<string>();
  state: ChatState = 'closed';
  private socket: WebSocket | null = null;
  private readonly listeners = new Set<() => void>();
  private retry: ReturnType<typeof setTimeout> | null = null;
  private stopWaiting: (() => void) | null = null;
  private lang: Language = 'en';

  constructor(
    private readonly session: LiveSession,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null,
  ) {}

  /** The nickname to ask for: the last one this browser used, else a friendly one in the deck's language. */
  wantedNick(lang: Language): string {
    return this.nick ?? this.storage?.getItem(nickKey) ?? friendlyNick(lang);
  }

  /** Draw on every change; the returned function stops listening. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Joins the room (idempotent) under the wanted nickname, as soon as the page's session is live: the
   * socket's address comes from the session, which ties it to this page.
   */
  async connect(lang: Language): Promise<void> {
    if (this.socket || this.state === 'connecting') return;
    this.lang = lang;
    if (this.session.status.phase !== 'live') {
      this.waitForSession();
      return;
    }
    this.state = 'connecting';
    this.changed();
    const url = await this.session.socketUrl('chat', { nick: this.wantedNick(lang) });
    if (!url) {
      this.state = 'closed';
      this.changed();
      this.waitForSession();
      return;
    }
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.state = 'open';
      this.changed();
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const message = parseChatMessage(event.data);
      if (message) this.receive(message);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      const wasOpen = this.state === 'open';
      this.state = 'closed';
      if (wasOpen) this.add({ kind: 'notice', notice: 'closed', time: Date.now() });
      this.changed();
      this.scheduleRetry();
    });
  }

  /** Sends a message; false when the chat is not open (nothing is queued: a chat line is of the moment). */
  say(text: string): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify({ type: 'message', text }));
    return true;
  }

  /** Asks for another nickname; the server answers with a `nick` notice to all, or an error to us. */
  rename(nick: string): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify({ type: 'nick', nick }));
    return true;
  }

  private receive(message: ChatServerMessage): void {
    switch (message.type) {
      case 'history':
        this.nick = message.you;
        this.member = message.member;
        this.storage?.setItem(nickKey, message.you);
        this.lines = message.messages.map(messageLine);
        break;
      case 'message':
        this.add(messageLine(message));
        break;
      case 'join':
      case 'leave':
        this.add({
          kind: 'notice',
          notice: message.type,
          nick: message.nick,
          online: message.online,
          time: message.time,
        });
        break;
      case 'nick':
        if (message.member === this.member) {
          this.nick = message.nick;
          this.storage?.setItem(nickKey, message.nick);
        }
        this.add({
          kind: 'notice',
          notice: 'nick',
          nick: message.nick,
          old: message.old,
          time: message.time,
        });
        break;
      case 'cleared':
        this.lines = [{ kind: 'notice', notice: 'cleared', time: message.time }];
        break;
      case 'muted':
        // A mute holds for a session and an address: ours may be named by another of our members' ids.
        if (message.member === this.member) this.muted = message.muted;
        if (message.muted) this.mutedMembers.add(message.member);
        else this.mutedMembers.delete(message.member);
        this.add({
          kind: 'notice',
          notice: message.muted ? 'muted' : 'unmuted',
          nick: message.nick,
          time: message.time,
        });
        break;
      case 'error':
        if (message.code === 'muted') this.muted = true;
        this.add({
          kind: 'notice',
          notice: 'error',
          ...(message.code ? { code: message.code } : {}),
          message: message.message,
          time: Date.now(),
        });
        break;
    }
    this.changed();
  }

  private add(line: ChatLine): void {
    this.lines.push(line);
    if (this.lines.length > keptLines) this.lines.splice(0, this.lines.length - keptLines);
  }

  /** After a drop: again shortly (the session may be reconnecting too: then when it is live). */
  private scheduleRetry(): void {
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect(this.lang);
    }, retryMs);
  }

  private waitForSession(): void {
    if (this.stopWaiting) return;
    this.stopWaiting = this.session.subscribe((change) => {
      if (!change.status || this.session.status.phase !== 'live') return;
      this.stopWaiting?.();
      this.stopWaiting = null;
      void this.connect(this.lang);
    });
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function messageLine(entry: ChatEntry): ChatLine {
  return {
    kind: 'message',
    member: entry.member,
    nick: entry.nick,
    text: entry.text,
    time: entry.time,
    ...(entry.role ? { role: entry.role } : {}),
  };
}

const friendly: Record<Language, { adjectives: string[]; animals: string[]; joiner: string }> = {
  en: {
    adjectives: ['Curious', 'Swift', 'Brave', 'Quiet', 'Sunny', 'Clever', 'Happy', 'Bold'],
    animals: ['Fox', 'Owl', 'Otter', 'Panda', 'Koala', 'Lynx', 'Heron', 'Tiger'],
    joiner: ' ',
  },
  zh: {
    adjectives: ['好奇的', '敏捷的', '勇敢的', '安静的', '快乐的', '聪明的'],
    animals: ['狐狸', '猫头鹰', '水獭', '熊猫', '考拉', '老虎'],
    joiner: '',
  },
};

/** A default nickname a person may keep: adjective, animal, two digits (allowed by the server's rules). */
export function friendlyNick(lang: Language, random: () => number = Math.random): string {
  const { adjectives, animals, joiner } = friendly[lang];
  const pick = (list: string[]) => list[Math.floor(random() * list.length)] ?? list[0];
  const digits = String(10 + Math.floor(random() * 90));
  return `${pick(adjectives)}${joiner}${pick(animals)}${joiner}${digits}`;
}

let client: ChatClient | null = null;

/** The page's one chat membership, made on first use. */
export function getChat(
  session: LiveSession,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null,
): ChatClient {
  client ??= new ChatClient(session, storage);
  return client;
}
