import { randomBytes } from 'node:crypto';
import type { LiveConnection } from '../connections.ts';
import type { Session } from '../sessions.ts';

/** `address`: the visitor who asked, against whose caps the lab connection counts. */
type Pending = {
  session: Session;
  page: string | null;
  address: string;
  arrived(connection: LiveConnection): void;
};

/**
 * One-time tickets for the lab's raw client: its request carries `/echo?lab=TICKET`, and the server side
 * of that connection is then known to be a lab connection of the requesting session. Unguessable and
 * used once, so nobody else can pass a connection off as someone's lab connection.
 */
export class LabTickets {
  private readonly pending = new Map<string, Pending>();

  issue(
    session: Session,
    page: string | null,
    address: string,
    timeoutMs: number,
  ): { ticket: string; arrived: Promise<LiveConnection | null> } {
    const ticket = randomBytes(16).toString('base64url');
    const arrived = new Promise<LiveConnection | null>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(ticket);
        resolve(null);
      }, timeoutMs);
      this.pending.set(ticket, {
        session,
        page,
        address,
        arrived: (connection) => {
          clearTimeout(timer);
          resolve(connection);
        },
      });
    });
    return { ticket, arrived };
  }

  claim(ticket: string | null): Pending | undefined {
    if (!ticket) return undefined;
    const pending = this.pending.get(ticket);
    this.pending.delete(ticket);
    return pending;
  }
}
