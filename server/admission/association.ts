import { ticketSocketPaths } from '../../src/shared/inspector/protocol.ts';
import type { Session } from '../sessions.ts';
import type { ConnectionTickets, TicketClaim } from './tickets.ts';

/** Whose a connection (or a socket.io request) is: the session, the page (tab) that opened it, and as what. */
export type Association = {
  readonly session: Session | null;
  /** The page's label (`LiveConnection.page`): the server tells that page which connections are its own. */
  readonly page: string | null;
  /** Opened by the comparison slide (its ws socket is at /echo too), not as the page's own echo socket. */
  readonly compared: boolean;
};

export const noAssociation: Association = { session: null, page: null, compared: false };

/** A request's ticket, claimed: what it proves (nothing, when it has none), or why it is refused. */
export type Claimed = { readonly claim: TicketClaim | undefined } | { readonly refusal: string };

/**
 * The one place that says which session and page a connection (or the first request of a socket.io
 * session) belongs to: the single-use ticket in its URL, asked for by that page on /inspect for exactly
 * this endpoint, from the address `from` the connection comes from. Nothing else in a URL joins a session: a key shown in tapped bytes (on the projector)
 * would let anyone who sees it write into that page.
 */
export function claimTicket(tickets: ConnectionTickets, url: URL, from: string): Claimed {
  const ticket = url.searchParams.get('ticket');
  if (ticket === null) return { claim: undefined };
  const claim = tickets.claim(ticket);
  if (!claim) return { refusal: 'unknown, expired or used ticket' };
  // A page's ticket is good from the address that asked for it only: one seen elsewhere (a shoulder, a
  // screenshot, a proxy log) is spent by the attempt and opens nothing. The lab's and a conformance run's
  // are dialled by the server itself, from its own address, and held against the visitor's.
  if (!claim.lab && !claim.conform && claim.address !== from) {
    return { refusal: 'this ticket was asked for from another address' };
  }
  // A ticket opens the one endpoint it was asked for (a lab ticket: /echo); never /inspect.
  if (ticketSocketPaths[claim.socket] !== url.pathname) {
    return { refusal: `this ticket is not for ${url.pathname}` };
  }
  return { claim };
}

/**
 * What a claim makes of a connection. `compare=1` is a label, not a proof: among the page's own sockets
 * at /echo (proved by the ticket), it says which is the comparison slide's, for that page's eyes only.
 */
export function associationOf(claim: TicketClaim | undefined, url: URL): Association {
  if (!claim) return noAssociation;
  return {
    session: claim.session,
    page: claim.page,
    compared: !claim.lab && claim.socket === 'echo' && url.searchParams.get('compare') === '1',
  };
}
