import type { WebSocket } from 'ws';
import { TokenBucket } from '../rateLimit.ts';

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
const nickPattern = /^[\p{L}\p{N}_\-. ]{1,24}$/u;

type Member = { nick: string; bucket: TokenBucket };

export class ChatRoom {
  private readonly members = new Map<WebSocket, Member>();
  private readonly history: ChatEntry[] = [];
  private guestCounter = 0;

  constructor(private readonly messagesPer10s: number) {}

  join(ws: WebSocket, wantedNick: string | null): void {
    const nick =
      wantedNick && nickPattern.test(wantedNick) ? wantedNick.trim() : `guest-${++this.guestCounter}`;
    const member: Member = { nick, bucket: new TokenBucket(this.messagesPer10s, this.messagesPer10s / 10) };
    this.members.set(ws, member);
    send(ws, { type: 'history', you: nick, messages: this.history });
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
      if (!nickPattern.test(parsed.nick))
        return send(ws, { type: 'error', message: 'a nickname is 1–24 letters' });
      const old = member.nick;
      member.nick = parsed.nick.trim();
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
