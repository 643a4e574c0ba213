import { preciseNow } from '../../src/shared/clock.ts';
import type { WireRecord } from './wireRecord.ts';

/**
 * The tap of one HTTP exchange (a request and its response) on a socket that may carry others: socket.io's
 * long polling puts its packets in such exchanges before it upgrades to WebSocket. It has its own
 * connection id, and shows to inspectors like a connection whose whole life is its "handshake": every
 * record is kept (an exchange is small, bounded by the payload cap) so that a late watcher sees it all.
 */
export class ExchangeTap {
  sink: ((record: WireRecord) => void) | null = null;
  readonly handshake: WireRecord[] = [];

  constructor(
    readonly connection: number,
    /** The request's bytes read before the exchange was known to be one (the head, maybe the body). */
    requestReads: readonly WireRecord[],
  ) {
    for (const read of requestReads) this.keep({ ...read, connection });
  }

  record(kind: 'read' | 'write', bytes: Buffer): void {
    this.keep({ kind, connection: this.connection, t: preciseNow(), bytes });
  }

  private keep(record: WireRecord): void {
    this.handshake.push(record);
    this.sink?.(record);
  }
}
