import type { WebSocket } from 'ws';
import type { ChatEntry, ChatErrorCode } from '../../src/shared/chat.ts';
import { TokenBucket } from '../rateLimit.ts';
import type { Session } from '../sessions.ts';
import { checkNickname, nicknameSkeleton } from './nickname.ts';

/**
 * The seed's 实例：聊天程序. One room. Text frames carry JSON:
 *   client → server  {"type":"nick","nick":"ana"}   {"type":"message","text":"hi"}   (or any plain text)
 *   server → client  history, join, leave, nick, message, cleared, muted, error {code, message}
 *   (src/shared/chat.ts has the types; docs/inspector-protocol.md, Chat, the prose)
 * The presenter clears the chat and mutes a nickname through /inspect (the credential is checked there,
 * never sent on this tapped connection); a mute holds for the member's session, whatever its nickname.
 */

const historyLength = 50;
/** A member that lets this much pile up unread is dropped: one slow reader must not hold our memory. */
const slowReaderLimit = 1 << 20;
const maxText = 2000;
/** The largest chat frame: room for `maxText` characters of UTF-8 and the JSON around them. */
export const chatMessageLimit = 16 * 1024;

type Member = { nick: string; bucket: TokenBucket; session: Session | null; muted: boolean };

export class ChatRoom {
  private readonly members = new Map<WebSocket, Member>();
  private readonly history: ChatEntry[] = [];
  private guestCounter = 0;
  private readonly mutedSessions = new WeakSet<Session>();

  constructor(private readonly messagesPer10s: number) {}

  /**
   * Nicknames are checked here, on the server (server/endpoints/nickname.ts): trimmed, non-empty,
   * capped, and unique in the room by what they look like, so nobody can pass for someone else. A name
   * asked for on joining that is not free gives a guest name, and a notice says why.
   */
  join(ws: WebSocket, wantedNick: string | null, session: Session | null = null): void {
    const wanted = wantedNick === null ? null : this.available(wantedNick, null);
    const nick = wanted?.ok ? wanted.nick : this.guestName();
    const member: Member = {
      nick,
      bucket: new TokenBucket(this.messagesPer10s, this.messagesPer10s / 10),
      session,
      muted: session !== null && this.mutedSessions.has(session),
    };
    this.members.set(ws, member);
    send(ws, { type: 'history', you: nick, messages: this.history });
    if (wanted && !wanted.ok) refuse(ws, wanted.code, wanted.message);
    this.broadcast({ type: 'join', nick, time: Date.now(), online: this.members.size });
    ws.on('message', (data, isBinary) => this.receive(ws, member, isBinary ? null : data.toString()));
    ws.on('close', () => {
      this.members.delete(ws);
      this.broadcast({ type: 'leave', nick: member.nick, time: Date.now(), online: this.members.size });
    });
  }

  private receive(ws: WebSocket, member: Member, text: string | null) {
    if (text === null) return refuse(ws, 'binary', 'the chat speaks text');
    if (!member.bucket.take()) return refuse(ws, 'rate', 'slow down: too many messages');
    const parsed = parseChatMessage(text);
    if (parsed.type === 'nick') {
      const checked = this.available(parsed.nick, member);
      if (!checked.ok) return refuse(ws, checked.code, checked.message);
      const old = member.nick;
      member.nick = checked.nick;
      this.broadcast({ type: 'nick', old, nick: member.nick, time: Date.now() });
      return;
    }
    if (member.muted) return refuse(ws, 'muted', 'the presenter muted you');
    if (parsed.text.length === 0 || parsed.text.length > maxText) {
      return refuse(ws, 'length', `a message is 1–${maxText} characters`);
    }
    const entry: ChatEntry = { nick: member.nick, text: parsed.text, time: Date.now() };
    this.history.push(entry);
    if (this.history.length > historyLength) this.history.shift();
    this.broadcast({ type: 'message', ...entry });
  }

  /** The presenter's clear: the history goes, and every member is told (their pages empty the log). */
  clear(): void {
    this.history.length = 0;
    this.broadcast({ type: 'cleared', time: Date.now() });
  }

  /**
   * The presenter's mute (or unmute) of the member with that nickname: their messages are refused, and a
   * new chat socket of the same session stays muted. False when nobody has that nickname.
   */
  mute(nick: string, muted: boolean): boolean {
    const found = [...this.members.values()].filter((m) => m.nick === nick);
    if (found.length === 0) return false;
    for (const member of found) {
      member.muted = muted;
      if (!member.session) continue;
      if (muted) this.mutedSessions.add(member.session);
      else this.mutedSessions.delete(member.session);
    }
    this.broadcast({ type: 'muted', nick, muted, time: Date.now() });
    return true;
  }

  /** The nickname a session goes by in the chat now, for the presenter's view of visitors. */
  nickOf(session: Session): string | undefined {
    for (const member of this.members.values()) if (member.session === session) return member.nick;
    return undefined;
  }

  /** Who is in the chat and who is muted (the presenter's mute list). */
  roster(): { nick: string; muted: boolean }[] {
    return [...this.members.values()].map((m) => ({ nick: m.nick, muted: m.muted }));
  }

  /** The nickname tidied, when it is well-formed and looks like nobody else's in the room. */
  private available(
    wanted: string,
    self: Member | null,
  ): { ok: true; nick: string } | { ok: false; code: ChatErrorCode; message: string } {
    const checked = checkNickname(wanted);
    if (!checked.ok) return { ok: false, code: 'nick', message: checked.message };
    const skeleton = nicknameSkeleton(checked.nick);
    for (const member of this.members.values()) {
      if (member !== self && nicknameSkeleton(member.nick) === skeleton) {
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
      if (this.available(nick, null).ok) return nick;
    }
  }

  private broadcast(message: object): void {
    const text = JSON.stringify(message);
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
  send(ws, { type: 'error', code, message });
}

function send(ws: WebSocket, message: object): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}
