/**
 * The endpoints the deck may run the conformance suite against: the server's own, never a URL from the
 * page (that would let any visitor make the server connect anywhere). The server checks ids against this
 * list and the deck shows one column per entry, so adding an implementation is one line.
 */
export type ConformEndpoint = { readonly id: string; readonly label: string; readonly path: string };

export const conformEndpoints: readonly ConformEndpoint[] = [
  // One line per echo endpoint of this server, e.g. { id: 'wsnode', label: 'WebSocket-Node', path: '/wsnode/echo' }
  { id: 'ws', label: 'ws', path: '/echo' },
];

export function findConformEndpoint(id: string): ConformEndpoint | undefined {
  return conformEndpoints.find((endpoint) => endpoint.id === id);
}
