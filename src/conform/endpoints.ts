/**
 * The endpoints the deck may run the conformance suite against: the server's own, never a URL from the
 * page (that would let any visitor make the server connect anywhere). The server checks ids against this
 * list and the deck shows one column per entry, so adding an implementation is one line.
 */
import type { TicketSocket } from '../shared/inspector/protocol.ts';

export type ConformEndpoint = {
  readonly id: string;
  readonly label: string;
  readonly path: string;
  /** The ticket each of the run's connections carries: one that opens exactly this path. */
  readonly socket: TicketSocket;
  /** Subprotocols the run's connections offer, for an endpoint that admits only clients offering one. */
  readonly protocols?: readonly string[];
  /**
   * Where the same library echoes with permessage-deflate on, for the cases that offer it (12.x/13.x):
   * ws's /echo leaves the extension off, /echo?deflate=1 is the same echo with it on.
   */
  readonly deflatePath?: string;
};

export const conformEndpoints: readonly ConformEndpoint[] = [
  { id: 'ws', label: 'ws', path: '/echo', socket: 'echo', deflatePath: '/echo?deflate=1' },
  // WebSocket-Node's echo, as the seed's code wants it: only clients that offer echo-protocol.
  {
    id: 'wsnode',
    label: 'WebSocket-Node',
    path: '/wsnode/echo',
    socket: 'wsnode-echo',
    protocols: ['echo-protocol'],
  },
];

export function findConformEndpoint(id: string): ConformEndpoint | undefined {
  return conformEndpoints.find((endpoint) => endpoint.id === id);
}
