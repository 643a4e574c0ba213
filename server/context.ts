import type { ConnectionRegistry } from './connections.ts';
import type { Room } from './endpoints/room.ts';
import type { Heartbeat } from './heartbeat.ts';
import type { LabClient } from './lab/labClient.ts';
import type { LabTickets } from './lab/labTickets.ts';
import type { Logger } from './log.ts';
import type { ServerOptions } from './options.ts';
import type { Session, SessionStore } from './sessions.ts';

/** What the endpoints share: built once by `startServer`, passed down, never global. */
export type ServerContext = {
  readonly options: ServerOptions;
  readonly log: Logger;
  readonly registry: ConnectionRegistry;
  readonly sessions: SessionStore;
  readonly heartbeat: Heartbeat;
  readonly labTickets: LabTickets;
  /** The lab's raw clients, by the id of their server-side connection. */
  readonly labClients: Map<number, LabClient>;
  readonly presenterToken: string;
  /** Sessions whose page said hello on /inspect with the presenter token: they may move the room. */
  readonly presenterSessions: WeakSet<Session>;
  /** Where students reach this server on the LAN (none unless it listens on every interface). */
  lanOrigins(): string[];
  /** The room the deck's pages follow (/room). */
  readonly room: Room;
  /** Where the lab's raw client connects: our own listening address, loopback when we listen on all. */
  target(): { host: string; port: number };
};
