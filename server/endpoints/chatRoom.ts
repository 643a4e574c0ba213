import type { WebSocket } from 'ws';
import type { ChatEntry, ChatErrorCode, ChatServerMessage } from '../../src/shared/room/chat.ts';
import type { Session } from '../sessions.ts';
import { ChatBudget } from './chatBudget.ts';
import { ChatHistory } from './chatHistory.ts';
import { checkChatText } from './chatText.ts';
import { checkNickname, lookAlike, nicknameSkeletons, reservedNicknames } from './nickname.ts';

/**
 * The seed's 实例：聊天程序. One room. Text frames carry JSON:
 *   client → server  {"type":"nick","nick":"ana"}   {"type":"message","text":"hi"}   (or any plain text)
 *   server → client  history, join, leave, nick, message, cleared, muted, error {code, message}
 *   (src/shared/room/chat.ts has the types; docs/inspector-protocol.md, Chat, the prose)
 * Every member came with a ticket (server/upgrade.ts), so it has a session and an address: what it may
 * cost, whether it is muted, and how many chat sockets it holds are counted by those, never by socket.
 * The presenter clears the chat and mutes a member (by the id the server gave it) through /inspect.
 */

/** A member that lets this much pile up unread is dropped: one slow reader must not hold our memory. */
const slowReaderLimit = 1 << 20;
/** The largest chat frame: room for `maxText` characters of UTF-8 and the JSON around them. */
export const chatMessageLimit = 16 * 1024;
/** Chat sockets one session may hold at once (a page, and one more tab or a reconnect overlapping it). */
export const maxChatSocketsPerSession = 2;
/** Members remembered after they left, so the presenter can still mute one from its old messages. */
const rememberedMembers = 1000;
/** The presenter's own chosen names stay reserved after it leaves; only the last few are remembered. */
const rememberedPresenterNames = 8;

/** Who a chat socket belongs to: its page's session (by its ticket) and its address. */
export type ChatVisitor = { readonly session: Session; readonly address: string };

type Member = ChatVisitor & {
  readonly id: string;
  readonly ws: WebSocket;
  nick: string;
  /** The nickname's skeletons, kept with it: a join compares against every member's without recomputing. */
  skeletons: string[];
};

type Available = { ok: true; nick: string } | { ok: false; code: ChatErrorCode; message: string };

export class ChatRoom {
  private readonly members = new Map<WebSocket, Member>();
  private readonly bySession = new Map<Session, Set<Member>>();
  private readonly known = new Map<string, ChatVisitor & { nick: string }>();
  private readonly history = new ChatHistory();
  private readonly budget: ChatBudget;
  /**
   * Each mute the presenter gave: the member's session, and every session from its address that first
   * joined after the mute (`after`): the muted person in a new session, not the classmates already
   * chatting from behind the same address.
   */
  private readonly mutes: (ChatVisitor & { after: number })[] = [];
  /** When each session first joined the chat, as a count of sessions seen (no clock: no race). */
  private readonly firstJoined = new WeakMap<Session, number>();
  private sessionsSeen = 0;
  private readonly presenterNames: string[][] = [];
  private readonly reserved = reservedNicknames.map(nicknameSkeletons);
  private memberCounter = 0;
  private guestCounter = 0;

  constructor(
    messagesPer10s: number,
    private readonly isPresenter: (session: Session) => boolean = () => false,
  ) {
    this.budget = new ChatBudget(messagesPer10s);
  }

  /**
   * Nicknames are checked here, on the server (server/endpoints/nickname.ts): tidied, one script, and
   * unique in the room by what they look like; the presenter's names are reserved. A name asked for on
   * joining that is not free gives a guest name, and a notice says why.
   */
  join(ws: WebSocket, wantedNick: string | null, visitor: ChatVisitor): void {
    const { session, address } = visitor;
    const own = this.bySession.get(session) ?? new Set<Member>();
    if (own.size >= maxChatSocketsPerSession) {
      ws.close(1008, `at most ${maxChatSocketsPerSession} chat sockets per page session`);
      return;
    }
    // A join costs the room its history (to the newcomer) and a notice to everyone.
    const joinCost = this.history.size + 128 * (this.members.size + 1);
    const spent = this.budget.spendOutput(session, address, joinCost);
    if (!spent.ok) {
      ws.close(1008, 'joining the chat too often');
      return;
    }
    const wanted = wantedNick === null ? null : this.available(wantedNick, null, session);
    const nick = wanted?.ok ? wanted.nick : this.guestName();
    if (!this.firstJoined.has(session)) this.firstJoined.set(session, ++this.sessionsSeen);
    const member: Member = {
      id: `m${++this.memberCounter}`,
      ws,
      session,
      address,
      nick,
      skeletons: nicknameSkeletons(nick),
    };
    this.members.set(ws, member);
    own.add(member);
    this.bySession.set(session, own);
    this.remember(member);
    this.send(ws, { type: 'history', you: nick, member: member.id, messages: this.history.entries });
    if (wanted && !wanted.ok) refuse(ws, wanted.code, wanted.message);
    this.broadcast({
      type: 'join',
      member: member.id,
      nick,
      time: Date.now(),
      online: this.members.size,
      ...this.badge(member),
    });
    ws.on('message', (data, isBinary) => this.receive(member, isBinary ? null : data.toString()));
    ws.on('close', () => {
      this.members.delete(ws);
      own.delete(member);
      if (own.size === 0) this.bySession.delete(session);
      this.broadcast({
        type: 'leave',
        member: member.id,
        nick: member.nick,
        time: Date.now(),
        online: this.members.size,
      });
    });
  }

  private receive(member: Member, text: string | null) {
    const { ws } = member;
    // The cheap limit first, before any work the message asks for (not even a parse).
    const allowed = this.budget.takeMessage(member.session, member.address);
    if (!allowed.ok) return refuse(ws, allowed.code, allowed.message);
    if (text === null) return refuse(ws, 'binary', 'the chat speaks text');
    const parsed = parseChatMessage(text);
    if (parsed.type === 'nick') {
      const checked = this.available(parsed.nick, member, member.session);
      if (!checked.ok) return refuse(ws, checked.code, checked.message);
      const notice: ChatServerMessage = {
        type: 'nick',
        member: member.id,
        old: member.nick,
        nick: checked.nick,
        time: Date.now(),
        ...this.badge(member),
      };
      const json = this.afford(member, notice);
      if (json === null) return;
      member.nick = checked.nick;
      member.skeletons = nicknameSkeletons(checked.nick);
      this.remember(member);
      this.broadcastJson(json);
      return;
    }
    if (this.isMuted(member)) return refuse(ws, 'muted', 'the presenter muted you');
    const checked = checkChatText(parsed.text);
    if (!checked.ok) return refuse(ws, checked.code, checked.message);
    const entry: ChatEntry = {
      member: member.id,
      nick: member.nick,
      text: parsed.text,
      time: Date.now(),
      ...this.badge(member),
    };
    const message: ChatServerMessage = { type: 'message', ...entry };
    const json = this.afford(member, message);
    if (json === null) return;
    this.history.add(entry);
    this.broadcastJson(json);
  }

  /**
   * The message's JSON when the member's session and address may pay for sending it to everyone; null,
   * and the member told, when not.
   */
  private afford(member: Member, message: ChatServerMessage): string | null {
    const json = JSON.stringify(message);
    const spent = this.budget.spendOutput(
      member.session,
      member.address,
      Buffer.byteLength(json) * this.members.size,
    );
    if (spent.ok) return json;
    refuse(member.ws, spent.code, spent.message);
    return null;
  }

  /** The presenter's clear: the history goes, and every member is told (their pages empty the log). */
  clear(): void {
    this.history.clear();
    this.broadcast({ type: 'cleared', time: Date.now() });
  }

  /**
   * The presenter's mute (or unmute) of a member, by the id the server gave it: its session is muted, and
   * so is any session that joins later from its address, so a new chat socket (another tab, a reconnect,
   * a new session from the same address) stays muted. False when no member had that id.
   */
  mute(memberId: string, muted: boolean): boolean {
    const found = this.known.get(memberId);
    if (!found) return false;
    if (muted && !this.isMuted(found)) {
      this.mutes.push({ session: found.session, address: found.address, after: this.sessionsSeen });
      if (this.mutes.length > rememberedMembers) this.mutes.shift();
    }
    // Unmuting lifts every mute that holds the member (by its session or by its address).
    if (!muted) {
      const kept = this.mutes.filter((m) => m.session !== found.session && m.address !== found.address);
      this.mutes.splice(0, this.mutes.length, ...kept);
    }
    this.broadcast({ type: 'muted', member: memberId, nick: found.nick, muted, time: Date.now() });
    return true;
  }

  /** The nickname a session goes by in the chat now, for the presenter's view of visitors. */
  nickOf(session: Session): string | undefined {
    for (const member of this.bySession.get(session) ?? []) return member.nick;
    return undefined;
  }

  /** Who is in the chat and who is muted (the presenter's mute list). */
  roster(): { member: string; nick: string; muted: boolean }[] {
    return [...this.members.values()].map((m) => ({ member: m.id, nick: m.nick, muted: this.isMuted(m) }));
  }

  private isMuted(member: ChatVisitor): boolean {
    if (this.isPresenter(member.session)) return false;
    const joined = this.firstJoined.get(member.session) ?? 0;
    return this.mutes.some(
      (m) => m.session === member.session || (m.address === member.address && joined > m.after),
    );
  }

  private badge(member: Member): { role?: 'presenter' } {
    return this.isPresenter(member.session) ? { role: 'presenter' } : {};
  }

  private remember(member: Member): void {
    this.known.delete(member.id);
    this.known.set(member.id, { session: member.session, address: member.address, nick: member.nick });
    if (this.known.size > rememberedMembers) this.known.delete(this.known.keys().next().value!);
    if (!this.isPresenter(member.session)) return;
    const skeletons = nicknameSkeletons(member.nick);
    if (this.presenterNames.some((name) => lookAlike(name, skeletons))) return;
    this.presenterNames.push(skeletons);
    if (this.presenterNames.length > rememberedPresenterNames) this.presenterNames.shift();
  }

  /** The nickname tidied, when it is well-formed, not reserved for the presenter, and nobody else's. */
  private available(wanted: string, self: Member | null, session: Session | null): Available {
    const checked = checkNickname(wanted);
    if (!checked.ok) return { ok: false, code: 'nick', message: checked.message };
    const skeletons = nicknameSkeletons(checked.nick);
    const presenter = session !== null && this.isPresenter(session);
    const reserved = [...this.reserved, ...this.presenterNames].some((name) => lookAlike(name, skeletons));
    if (!presenter && reserved) {
      return {
        ok: false,
        code: 'reserved',
        message: `${JSON.stringify(checked.nick)} is the presenter's name (or looks like it)`,
      };
    }
    for (const member of this.members.values()) {
      if (member !== self && lookAlike(member.skeletons, skeletons)) {
        return {
          ok: false,
          code: 'taken',
          message: `${JSON.stringify(checked.nick)} is taken (or looks like a taken name)`,
        };
      }
    }
    return checked;
  }

  private guestName(): string {
    for (;;) {
      const nick = `guest-${++this.guestCounter}`;
      if (this.available(nick, null, null).ok) return nick;
    }
  }

  private send(ws: WebSocket, message: ChatServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  private broadcast(message: ChatServerMessage): void {
    this.broadcastJson(JSON.stringify(message));
  }

  private broadcastJson(text: string): void {
    for (const ws of this.members.keys()) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > slowReaderLimit) ws.terminate();
      else ws.send(text);
    }
  }
}

function parseChatMessage(text: string): { type: 'nick'; nick: string } | { type: 'message'; text: string } {
  if (text.startsWith('{')) {
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      if (value.type === 'nick' && typeof value.nick === 'string') return { type: 'nick', nick: value.nick };
      if (value.type === 'message' && typeof value.text === 'string')
        return { type: 'message', text: value.text };
    } catch {
      // Not JSON after all: a plain message that happens to start with a brace.
    }
  }
  return { type: 'message', text };
}

function refuse(ws: WebSocket, code: ChatErrorCode, message: string): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'error', code, message }));
}
