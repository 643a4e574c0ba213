import type { IncomingMessage } from 'node:http';
import type { ServerContext } from '../context.ts';
import { type EndpointRow, needsTicket, noEndpointHere } from '../endpoints/table.ts';
import { type Association, associationOf, claimTicket } from './association.ts';
import { addressRefusal, serverRefusal } from './caps.ts';
import { hostRefusal } from './hostAllowList.ts';
import { isOriginAllowed } from './origin.ts';
import type { TicketClaim } from './tickets.ts';

/** socket.io's record of its Engine.IO sessions: whose each is, and how many hold a place between polls. */
export type EngineSessions = {
  /** Whose the session a URL names (`sid=`) is; null when it names none (the request opens one). */
  ownerOf(url: URL, address: string): { association: Association } | { refusal: string } | null;
  readonly idleSessions: number;
};

export type Admitted = {
  readonly endpoint: EndpointRow;
  readonly url: URL;
  /** Whose it is: by its ticket, or by its Engine.IO session's owner. */
  readonly association: Association;
  /** The ticket it claimed, if any (told when its connection arrives: `TicketClaim.arrived`). */
  readonly claim: TicketClaim | undefined;
  /** A lab client's connection: the server's own raw client, dialled for the claim's session. */
  readonly lab: boolean;
  /** One of a conformance run's connections: in no session, counted by the run's hold, not logged. */
  readonly conform: boolean;
  /**
   * The address it counts against: the peer's, except for a lab or conformance connection (the server
   * talking to itself on loopback), which counts against the visitor who asked for it.
   */
  readonly address: string;
};

/** Refused with an HTTP status and why; `path` once the target could be read. */
export type Refused = {
  readonly status: 400 | 403 | 404 | 503;
  readonly why: string;
  readonly path?: string;
};

/** What admission reads of the server: its names, origins, caps and tickets. */
export type AdmissionContext = Pick<
  ServerContext,
  'hostAllowed' | 'options' | 'tls' | 'registry' | 'tickets'
>;

/**
 * The one admission check, for every WebSocket upgrade and every socket.io polling request, in this order:
 * a readable target, a Host that names us (DNS rebinding), a known path, a same-origin page (RFC 6455
 * §10.2), room on the server, whose it is (an Engine.IO session's owner, or the single-use ticket it
 * claims), room for its address, and a ticket where its endpoint needs one.
 *
 * A ticket is claimed (spent) before the address's cap is looked at: a lab or conformance run's ticket says
 * its room was already held against the visitor's address, not the loopback address it is dialled from.
 */
export function admit(
  req: IncomingMessage,
  remote: string,
  /** The row behind a path: the table's, or socket.io's for its polling requests. */
  endpointFor: (url: URL) => EndpointRow | undefined,
  context: AdmissionContext,
  engineSessions: EngineSessions,
): Admitted | Refused {
  if (!URL.canParse(req.url ?? '/', 'http://localhost')) return { status: 400, why: 'bad request target' };
  const url = new URL(req.url ?? '/', 'http://localhost');
  const refused = (status: Refused['status'], why: string): Refused => ({ status, why, path: url.pathname });
  if (!context.hostAllowed(req.headers.host)) return refused(403, hostRefusal(req.headers.host));
  const endpoint = endpointFor(url);
  if (!endpoint) return refused(404, noEndpointHere);
  if (!isOriginAllowed(req, context.options.allowOrigins, context.tls ? 'https:' : 'http:')) {
    return refused(403, `origin ${req.headers.origin} not allowed`);
  }
  const serverFull = serverRefusal(context);
  if (serverFull) return refused(503, serverFull.message);

  // A connection belongs to a session only by a ticket the session's page asked for on /inspect for this
  // endpoint; the later requests of an Engine.IO session (`sid=`) by the server's own record of whose that
  // session is (the ticket they repeat is spent).
  const inherited = endpoint.counts === 'engine-session' ? engineSessions.ownerOf(url, remote) : null;
  if (inherited && 'refusal' in inherited) return refused(403, inherited.refusal);
  if (endpoint.counts === 'engine-session' && !inherited) {
    // A request opening an Engine.IO session (polling, or a WebSocket-only one) needs room for the session.
    const noRoom = serverRefusal(context, engineSessions.idleSessions);
    if (noRoom) return refused(503, noRoom.message);
  }
  const claimed = inherited ? { claim: undefined } : claimTicket(context.tickets, url, remote);
  if ('refusal' in claimed) return refused(403, claimed.refusal);
  const { claim } = claimed;
  const lab = claim?.lab === true;
  const conform = claim?.conform === true;
  // A lab connection was counted against its visitor's address when it was asked for, a conformance run's
  // when the run began (it holds room for all it opens at once).
  if (!lab && !conform) {
    const addressFull = addressRefusal(context, remote);
    if (addressFull) return refused(503, addressFull.message);
  }
  const association = inherited ? inherited.association : associationOf(claim, url);
  if (endpoint.ticket?.required && !association.session) return refused(403, needsTicket(endpoint));
  return {
    endpoint,
    url,
    association,
    claim,
    lab,
    conform,
    address: lab || conform ? claim!.address : remote,
  };
}
