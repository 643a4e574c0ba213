import type { TcpSegment } from './tcpSegment.ts';

export type Endpoint = { readonly address: string; readonly port: number };

/** How we know which side is the client. */
export type RoleEvidence = 'syn' | 'http-request' | 'named-port' | 'lower-port';

/** One TCP connection: its two sides and each side's segments, in capture order. */
export type TcpConnection = {
  readonly id: number;
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly roleEvidence: RoleEvidence;
  readonly clientSegments: TcpSegment[];
  readonly serverSegments: TcpSegment[];
};

type Building = {
  id: number;
  a: Endpoint;
  b: Endpoint;
  fromA: TcpSegment[];
  fromB: TcpSegment[];
  synSeq: number | null;
  carriedData: boolean;
};

const endpointKey = (address: string, port: number) => `${address}|${port}`;

/**
 * Groups segments into connections by their address and port pairs. A new SYN on a pair that already
 * carried data is a new connection (the port was reused), as Wireshark's tcp.stream counts them.
 */
export function tcpConnections(segments: readonly TcpSegment[], namedPort?: number): TcpConnection[] {
  const open = new Map<string, Building>();
  const all: Building[] = [];
  for (const segment of segments) {
    const source = endpointKey(segment.source, segment.sourcePort);
    const destination = endpointKey(segment.destination, segment.destinationPort);
    const key = source < destination ? `${source}/${destination}` : `${destination}/${source}`;
    let connection = open.get(key);
    const opening = segment.syn && !segment.ack;
    const reused =
      opening &&
      connection?.carriedData === true &&
      connection.synSeq !== null &&
      connection.synSeq !== segment.seq;
    if (!connection || reused) {
      connection = {
        id: all.length,
        a: { address: segment.source, port: segment.sourcePort },
        b: { address: segment.destination, port: segment.destinationPort },
        fromA: [],
        fromB: [],
        synSeq: null,
        carriedData: false,
      };
      open.set(key, connection);
      all.push(connection);
    }
    if (opening) connection.synSeq = segment.seq;
    if (segment.payload.length > 0) connection.carriedData = true;
    const fromA = segment.source === connection.a.address && segment.sourcePort === connection.a.port;
    (fromA ? connection.fromA : connection.fromB).push(segment);
  }
  return all.map((building) => withRoles(building, namedPort));
}

const startsWithGet = (segments: TcpSegment[]) =>
  segments.some((s) => s.payload.length >= 4 && String.fromCharCode(...s.payload.subarray(0, 4)) === 'GET ');

function withRoles(building: Building, namedPort: number | undefined): TcpConnection {
  const { a, b, fromA, fromB } = building;
  const aSentSyn = fromA.some((s) => s.syn && !s.ack);
  const bSentSyn = fromB.some((s) => s.syn && !s.ack);
  let aIsClient: boolean;
  let roleEvidence: RoleEvidence;
  if (aSentSyn !== bSentSyn) {
    aIsClient = aSentSyn;
    roleEvidence = 'syn';
  } else if (namedPort !== undefined && (a.port === namedPort) !== (b.port === namedPort)) {
    aIsClient = b.port === namedPort;
    roleEvidence = 'named-port';
  } else if (startsWithGet(fromA) !== startsWithGet(fromB)) {
    aIsClient = startsWithGet(fromA);
    roleEvidence = 'http-request';
  } else {
    aIsClient = a.port > b.port;
    roleEvidence = 'lower-port';
  }
  return {
    id: building.id,
    client: aIsClient ? a : b,
    server: aIsClient ? b : a,
    roleEvidence,
    clientSegments: aIsClient ? fromA : fromB,
    serverSegments: aIsClient ? fromB : fromA,
  };
}
