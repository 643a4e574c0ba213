import { preciseNow } from '../src/shared/clock.ts';
import type { LiveConnection } from './connections.ts';

type PingState = { unanswered: number; sent: Map<string, number>; counter: number };

export type HeartbeatHooks = {
  pong(connection: LiveConnection, rttMs: number | null, payload: Buffer): void;
  /** Two heartbeat pings went unanswered: the peer is gone or stuck (a half-open TCP connection). */
  dead(connection: LiveConnection): void;
};

/**
 * RFC 6455 §5.5.2: a ping asks for a pong. One timer pings every connection; the ping's payload names
 * it, so the matching pong gives a round-trip time. A peer that lets two pings go unanswered is
 * terminated at the next beat: without this a half-open connection would be held forever.
 */
export class Heartbeat {
  private readonly states = new Map<LiveConnection, PingState>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    intervalMs: number,
    private readonly hooks: HeartbeatHooks,
  ) {
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref();
  }

  track(connection: LiveConnection): void {
    const state: PingState = { unanswered: 0, sent: new Map(), counter: 0 };
    this.states.set(connection, state);
    connection.ws.on('pong', (payload: Buffer) => {
      // Any pong shows the peer alive (§5.5.3 allows unsolicited ones); only a matching one has an RTT.
      state.unanswered = 0;
      const key = payload.toString('latin1');
      const sentAt = state.sent.get(key);
      state.sent.delete(key);
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
      if (state.unanswered >= 2) {
        this.states.delete(connection);
        this.hooks.dead(connection);
        continue;
      }
      state.unanswered++;
      const payload = `hb ${++state.counter}`;
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
