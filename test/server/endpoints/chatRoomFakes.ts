import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import type { Session } from '../../../server/sessions.ts';

/** A chat socket without a network: what the room sends it is kept, bytes counted; it reads at once. */
export class FakeChatSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sentBytes = 0;
  readonly inbox: Record<string, unknown>[] = [];
  closedWith: { code: number; reason: string } | null = null;

  send(text: string): void {
    this.sentBytes += Buffer.byteLength(text);
    this.inbox.push(JSON.parse(text));
  }

  say(text: string): void {
    this.emit('message', Buffer.from(text), false);
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
    this.emit('close');
  }

  terminate(): void {
    this.close(1006, '');
  }

  asWebSocket(): WebSocket {
    return this as unknown as WebSocket;
  }

  errors(): string[] {
    return this.inbox.filter((m) => m.type === 'error').map((m) => String(m.code));
  }

  get member(): string {
    return String(this.inbox.find((m) => m.type === 'history')?.member);
  }
}

let sessions = 0;
export function fakeSession(): Session {
  const token = `session-${++sessions}`;
  return { token, label: token, lastUsed: 0, holders: 0, sharing: false };
}
