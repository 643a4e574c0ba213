import type { Session } from '../sessions.ts';
import type { LabClient } from './labClient.ts';

type SessionLab = {
  inspectors: number;
  /** Lab clients asked for and not yet arrived (or failed): counted like open ones. */
  pending: number;
  readonly clients: Map<number, LabClient>;
  grace: NodeJS.Timeout | null;
};

/**
 * Who holds which lab connections, counted so that no `await` can be raced past a cap.
 *
 * A lab connection is the server talking to itself on loopback for a visitor: it counts against that
 * visitor's session and address, from the moment it is asked for (`reserve`, synchronous) until its
 * socket closes. It lives as long as the session has an inspector; when the last one leaves, a short
 * grace lets a reloading page resume, then every lab connection of the session is closed.
 */
export class LabRoster {
  /** Every open lab client, by the id of its server-side connection. */
  readonly clients = new Map<number, LabClient>();
  private readonly sessions = new WeakMap<Session, SessionLab>();
  private readonly pendingByAddress = new Map<string, number>();
  private pendingAll = 0;

  constructor(private readonly graceMs: number) {}

  /** Lab connections of a session, open or on their way. */
  countFor(session: Session): number {
    const lab = this.sessions.get(session);
    return lab ? lab.clients.size + lab.pending : 0;
  }

  pendingFor(address: string): number {
    return this.pendingByAddress.get(address) ?? 0;
  }

  get pendingTotal(): number {
    return this.pendingAll;
  }

  inspectorArrived(session: Session): void {
    const lab = this.of(session);
    lab.inspectors++;
    if (lab.grace) clearTimeout(lab.grace);
    lab.grace = null;
  }

  inspectorLeft(session: Session): void {
    const lab = this.of(session);
    lab.inspectors = Math.max(0, lab.inspectors - 1);
    this.closeWhenAbandoned(lab);
  }

  /** Counts one lab connection at once; `release` when it arrived (then `adopt`) or failed. */
  reserve(session: Session, address: string): { release(): void } {
    const lab = this.of(session);
    lab.pending++;
    this.pendingAll++;
    this.pendingByAddress.set(address, this.pendingFor(address) + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        lab.pending--;
        this.pendingAll--;
        const left = this.pendingFor(address) - 1;
        if (left > 0) this.pendingByAddress.set(address, left);
        else this.pendingByAddress.delete(address);
      },
    };
  }

  /** A lab connection arrived: held until its socket closes, or its session is abandoned. */
  adopt(session: Session, connection: number, client: LabClient): void {
    const lab = this.of(session);
    lab.clients.set(connection, client);
    this.clients.set(connection, client);
    client.socket.once('close', () => {
      lab.clients.delete(connection);
      this.clients.delete(connection);
    });
    this.closeWhenAbandoned(lab);
  }

  private closeWhenAbandoned(lab: SessionLab): void {
    if (lab.inspectors > 0 || lab.grace || lab.clients.size + lab.pending === 0) return;
    lab.grace = setTimeout(() => {
      lab.grace = null;
      if (lab.inspectors > 0) return;
      for (const client of lab.clients.values()) client.destroy();
      // Those still on their way are adopted later and start a grace of their own.
    }, this.graceMs);
    lab.grace.unref();
  }

  private of(session: Session): SessionLab {
    let lab = this.sessions.get(session);
    if (!lab) {
      lab = { inspectors: 0, pending: 0, clients: new Map(), grace: null };
      this.sessions.set(session, lab);
    }
    return lab;
  }
}
