/** What is open now: the registry's connections, in total and per address they count against. */
export type OpenConnections = {
  readonly connections: { readonly size: number };
  countFor(address: string): number;
};

/** Connections the server is about to dial for a visitor (the lab's raw clients), counted ahead. */
export type ReservedConnections = {
  pendingFor(address: string): number;
  readonly pendingTotal: number;
};

export type CapLimits = { readonly maxConnections: number; readonly maxConnectionsPerIp: number };

/** Which cap is full, with the words an upgrade (HTTP 503) or a command's error carries. */
export type CapRefusal = {
  readonly cap: 'server' | 'address';
  readonly code: 'server-full' | 'too-many-from-address';
  readonly message: string;
};

const serverFull: CapRefusal = { cap: 'server', code: 'server-full', message: 'server full' };
const addressFull: CapRefusal = {
  cap: 'address',
  code: 'too-many-from-address',
  message: 'too many connections from your address',
};

/** Where the caps' figures come from: the server's options, its registry and the lab's reservations (`ServerContext` has all three). */
export type CapCounts = {
  readonly options: CapLimits;
  readonly registry: OpenConnections;
  readonly lab: ReservedConnections;
};

/*
 * The connection caps (`--max-connections`, `--max-per-ip`), and all the arithmetic done with them: every
 * upgrade, socket.io polling request, lab client and conformance run asks here whether there is room.
 *
 * Two moments are counted differently. A socket *arriving* is compared with what is open; one the server
 * *reserves* ahead, to dial itself for a visitor, also with what others reserved and have not opened yet
 * (it is checked and reserved before the first `await`, so a burst of commands cannot race past the cap).
 * A lab or conformance connection, once it arrives, was counted when it was reserved: it is not counted
 * against the address again (`admit`, `ConnectionRegistry.hold`).
 */

/**
 * Room on the server for one more arriving socket; `alsoHeld`: places held by what has no socket open
 * (Engine.IO sessions between two polls).
 */
export function serverRefusal(
  { options, registry }: Omit<CapCounts, 'lab'>,
  alsoHeld = 0,
): CapRefusal | null {
  return registry.connections.size + alsoHeld >= options.maxConnections ? serverFull : null;
}

/** Room for one more arriving socket from `address`. */
export function addressRefusal(
  { options, registry }: Omit<CapCounts, 'lab'>,
  address: string,
): CapRefusal | null {
  return registry.countFor(address) >= options.maxConnectionsPerIp ? addressFull : null;
}

/** Room to reserve `count` connections the server will dial for the visitor at `address`. */
export function reserveRefusal(
  { options, registry, lab }: CapCounts,
  address: string,
  count: number,
): CapRefusal | null {
  if (registry.countFor(address) + lab.pendingFor(address) + count > options.maxConnectionsPerIp) {
    return addressFull;
  }
  if (registry.connections.size + lab.pendingTotal + count > options.maxConnections) return serverFull;
  return null;
}

/**
 * TCP sockets the HTTP server accepts at all: every WebSocket the caps allow, plus one address's worth for
 * plain HTTP (the deck's files, socket.io's polling) beside them.
 */
export function tcpSocketLimit(options: CapLimits): number {
  return options.maxConnections + options.maxConnectionsPerIp;
}
