import { randomBytes } from 'node:crypto';
import { preciseNow } from '../src/shared/clock.ts';
import type { LiveConnection } from './connections.ts';

type PingState = { unanswered: number; overBound: number; sent: Map<string, number>; counter: number };

export type HeartbeatHooks = {
  pong(connection: LiveConnection, rttMs: number | null, payload: Buffer): void;
  /**
   * Two heartbeat pings went unanswered (the peer is gone or stuck: a half-open TCP connection), or the
   * connection's send queue was over its bound at two beats in a row (the peer does not read).
   */
  dead(connection: LiveConnection, why: 'unanswered' | 'send-queue'): void;
};

/**
 * RFC 6455 §5.5.2: a ping asks for a pong. One timer pings every connection; the ping's payload names
 * it (a counter and four random bytes), so the matching pong gives a round-trip time. A peer that lets
 * two pings go unanswered is terminated at the next beat: without this a half-open connection would be
 * held forever. Only a pong that carries one of our payloads answers: §5.5.3 allows unasked pongs, and
 * a client that never reads could otherwise stay alive by sending them.
 */
export class Heartbeat {
  private readonly states = new Map<LiveConnection, PingState>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    intervalMs: number,
    private readonly sendQueueLimit: number,
    private readonly hooks: HeartbeatHooks,
  ) {
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref();
  }

  track(connection: LiveConnection): void {
    const state: PingState = { unanswered: 0, overBound: 0, sent: new Map(), counter: 0 };
    this.states.set(connection, state);
    connection.ws.on('pong', (payload: Buffer) => {
      const key = payload.toString('latin1');
      const sentAt = state.sent.get(key);
      state.sent.delete(key);
      if (sentAt !== undefined) state.unanswered = 0;
      this.hooks.pong(connection, sentAt === undefined ? null : preciseNow() - sentAt, payload);
    });
  }

  untrack(connection: LiveConnection): void {
    this.states.delete(connection);
  }

  /** A ping sent outside the beat (the lab's "ping now"): its pong gets an RTT too. */
  notePing(connection: LiveConnection, payload: Buffer): void {
    this.remember(this.states.get(connection), payload.toString('latin1'));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private beat(): void {
    for (const [connection, state] of this.states) {
      state.overBound = connection.ws.bufferedAmount > this.sendQueueLimit ? state.overBound + 1 : 0;
      if (state.unanswered >= 2 || state.overBound >= 2) {
        this.states.delete(connection);
        this.hooks.dead(connection, state.unanswered >= 2 ? 'unanswered' : 'send-queue');
        continue;
      }
      state.unanswered++;
      const payload = `hb ${++state.counter} ${randomBytes(4).toString('hex')}`;
      this.remember(state, payload);
      connection.ws.ping(payload);
    }
  }

  private remember(state: PingState | undefined, key: string): void {
    if (!state) return;
    if (state.sent.size >= 16) state.sent.delete(state.sent.keys().next().value!);
    state.sent.set(key, preciseNow());
  }
}
