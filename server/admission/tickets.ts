import { randomBytes } from 'node:crypto';
import type { TicketSocket } from '../../src/shared/inspector/protocol.ts';
import type { LiveConnection } from '../connections.ts';
import type { Session } from '../sessions.ts';

/**
 * What a ticket proves: this connection belongs to that session and that page, is the kind of socket the
 * ticket was asked for, and counts against that address.
 */
export type TicketClaim = {
  readonly session: Session;
  readonly address: string;
  /** The page's label from its `hello`: the connection's `LiveConnection.page`, so the page knows its own. */
  readonly page: string | null;
  /** The endpoint the ticket opens: a page's echo or chat socket; a lab ticket is for /echo. */
  readonly socket: TicketSocket;
  /** A lab ticket: the server's own raw client, dialled for the session. */
  readonly lab: boolean;
  /** A conformance run's ticket: one of the server's own suite connections, dialled for the session. */
  readonly conform?: boolean;
  arrived(connection: LiveConnection): void;
};

type Pending = TicketClaim & { timer: NodeJS.Timeout };

/** A page opens its sockets right after asking; an unused ticket is not kept longer than this. */
const pageTicketMs = 30_000;
/** Unused page tickets a session may hold at once: memory stays bounded whatever a page asks. */
const maxUnusedPerSession = 8;

/**
 * Single-use tickets that tie a connection to a session. A page asks for one on /inspect (over which
 * only it and the server talk) for each socket it opens and puts it in that socket's URL
 * (`/echo?ticket=…`); the server's lab client does the same for its raw connections.
 *
 * Why not a key in the URL: request bytes are tapped and shown (to the presenter, on the projector), so
 * anything in a URL is public. A ticket is claimed by the upgrade it arrives with, before anyone can see
 * it: shown afterwards, it is spent, and proves nothing to a second visitor.
 */
export class ConnectionTickets {
  private readonly pending = new Map<string, Pending>();
  private readonly unused = new Map<Session, number>();

  /** A ticket for one of the page's own sockets, or null when the session holds too many unused. */
  forPage(session: Session, address: string, page: string | null, socket: TicketSocket): string | null {
    if ((this.unused.get(session) ?? 0) >= maxUnusedPerSession) return null;
    return this.issue({ session, address, page, socket, lab: false }, pageTicketMs, () => {}).ticket;
  }

  /** A ticket for a lab connection; `arrived` resolves with it, or null when it does not come in time. */
  forLab(
    session: Session,
    address: string,
    page: string | null,
    timeoutMs: number,
  ): { ticket: string; arrived: Promise<LiveConnection | null> } {
    let resolveArrived: (connection: LiveConnection | null) => void = () => {};
    const arrived = new Promise<LiveConnection | null>((resolve) => {
      resolveArrived = resolve;
    });
    const { ticket } = this.issue(
      { session, address, page, socket: 'echo', lab: true },
      timeoutMs,
      resolveArrived,
    );
    return { ticket, arrived };
  }

  /**
   * A ticket for one connection of a conformance run (server/conform/conformRuns.ts), asked for just
   * before it is dialled. Like a lab ticket it is not a page's unused ticket: the run holds its own
   * bound (as many at once as it runs cases at once). `socket` is the endpoint under test (/echo, or
   * WebSocket-Node's /wsnode/echo): the ticket opens that one only.
   */
  forConform(session: Session, address: string, socket: TicketSocket, timeoutMs: number): string {
    return this.issue(
      { session, address, page: null, socket, lab: false, conform: true },
      timeoutMs,
      () => {},
    ).ticket;
  }

  /** The claim a ticket makes, once: a second use, an expired or a made-up ticket claims nothing. */
  claim(ticket: string | null): TicketClaim | undefined {
    if (!ticket || ticket.length > 64) return undefined;
    const pending = this.pending.get(ticket);
    if (!pending) return undefined;
    this.spend(ticket, pending);
    return pending;
  }

  /** Spends a ticket its asker no longer needs (its lab client failed to connect): it opens nothing later. */
  withdraw(ticket: string): void {
    this.claim(ticket);
  }

  private issue(
    what: Omit<TicketClaim, 'arrived'>,
    timeoutMs: number,
    arrived: (connection: LiveConnection | null) => void,
  ): { ticket: string } {
    const ticket = randomBytes(16).toString('base64url');
    const timer = setTimeout(() => {
      const pending = this.pending.get(ticket);
      if (pending) this.spend(ticket, pending);
      arrived(null);
    }, timeoutMs);
    timer.unref();
    this.pending.set(ticket, { ...what, arrived, timer });
    if (!what.lab && !what.conform) this.unused.set(what.session, (this.unused.get(what.session) ?? 0) + 1);
    return { ticket };
  }

  private spend(ticket: string, pending: Pending): void {
    clearTimeout(pending.timer);
    this.pending.delete(ticket);
    if (pending.lab || pending.conform) return;
    const left = (this.unused.get(pending.session) ?? 1) - 1;
    if (left > 0) this.unused.set(pending.session, left);
    else this.unused.delete(pending.session);
  }
}
