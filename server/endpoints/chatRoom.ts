import type { WebSocket } from 'ws';
import { TokenBucket } from '../rateLimit.ts';
import { checkNickname, nicknameSkeleton } from './nickname.ts';

/**
 * The seed's 实例：聊天程序. One room. Text frames carry JSON:
 *   client → server  {"type":"nick","nick":"ana"}   {"type":"message","text":"hi"}   (or any plain text)
 *   server → client  history, join, leave, nick, message, error (see docs/inspector-protocol.md, Chat)
 */
export type ChatEntry = { nick: string; text: string; time: number };

const historyLength = 50;
/** A member that lets this much pile up unread is dropped: one slow reader must not hold our memory. */
const slowReaderLimit = 1 << 20;
const maxText = 2000;
/** The largest chat frame: room for `maxText` characters of UTF-8 and the JSON around them. */
export const chatMessageLimit = 16 * 1024;

type Member = { nick: string; bucket: TokenBucket };

export class ChatRoom {
  private readonly members = new Map<WebSocket, Member>();
  private readonly history: ChatEntry[] = [];
  private guestCounter = 0;

  constructor(private readonly messagesPer10s: number) {}

  /**
   * Nicknames are checked here, on the server (server/endpoints/nickname.ts): trimmed, non-empty,
   * capped, and unique in the room by what they look like, so nobody can pass for someone else. A name
   * asked for on joining that is not free gives a guest name, and a notice says why.
   */
  join(ws: WebSocket, wantedNick: string | null): void {
    const wanted = wantedNick === null ? null : this.available(wantedNick, null);
    const nick = wanted?.ok ? wanted.nick : this.guestName();
    const member: Member = { nick, bucket: new TokenBucket(this.messagesPer10s, this.messagesPer10s / 10) };
    this.members.set(ws, member);
    send(ws, { type: 'history', you: nick, messages: this.history });
    if (wanted && !wanted.ok) send(ws, { type: 'error', message: wanted.message });
    this.broadcast({ type: 'join', nick, time: Date.now(), online: this.members.size });
    ws.on('message', (data, isBinary) => this.receive(ws, member, isBinary ? null : data.toString()));
    ws.on('close', () => {
      this.members.delete(ws);
      this.broadcast({ type: 'leave', nick: member.nick, time: Date.now(), online: this.members.size });
    });
  }

  private receive(ws: WebSocket, member: Member, text: string | null) {
    if (text === null) return send(ws, { type: 'error', message: 'the chat speaks text' });
    if (!member.bucket.take()) return send(ws, { type: 'error', message: 'slow down: too many messages' });
    const parsed = parseChatMessage(text);
    if (parsed.type === 'nick') {
      const checked = this.available(parsed.nick, member);
      if (!checked.ok) return send(ws, { type: 'error', message: checked.message });
      const old = member.nick;
      member.nick = checked.nick;
      this.broadcast({ type: 'nick', old, nick: member.nick, time: Date.now() });
      return;
    }
    if (parsed.text.length === 0 || parsed.text.length > maxText) {
      return send(ws, { type: 'error', message: `a message is 1–${maxText} characters` });
    }
    const entry: ChatEntry = { nick: member.nick, text: parsed.text, time: Date.now() };
    this.history.push(entry);
    if (this.history.length > historyLength) this.history.shift();
    this.broadcast({ type: 'message', ...entry });
  }

  /** The nickname tidied, when it is well-formed and looks like nobody else's in the room. */
  private available(wanted: string, self: Member | null) {
    const checked = checkNickname(wanted);
    if (!checked.ok) return checked;
    const skeleton = nicknameSkeleton(checked.nick);
    for (const member of this.members.values()) {
      if (member !== self && nicknameSkeleton(member.nick) === skeleton) {
        return {
          ok: false as const,
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

function send(ws: WebSocket, message: object): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}
