import type { LiveConnection } from './connections.ts';

/**
 * Closes connections that have sent no message for `idleMs`. Pongs do not count: a tab left open on
 * the projector answers pings forever, and the caps on connections would fill with them.
 */
export class IdleSweep {
  private readonly lastMessage = new Map<LiveConnection, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly idleMs: number,
    private readonly onIdle: (connection: LiveConnection) => void,
  ) {
    this.timer = setInterval(() => this.sweep(), Math.max(25, Math.min(idleMs / 4, 30_000)));
    this.timer.unref();
  }

  track(connection: LiveConnection): void {
    this.lastMessage.set(connection, Date.now());
    connection.ws.on('message', () => this.lastMessage.set(connection, Date.now()));
  }

  untrack(connection: LiveConnection): void {
    this.lastMessage.delete(connection);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [connection, last] of this.lastMessage) {
      if (now - last <= this.idleMs) continue;
      this.lastMessage.delete(connection);
      this.onIdle(connection);
    }
  }
}
