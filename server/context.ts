import type { ConnectionRegistry } from './connections.ts';
import type { ChatRoom } from './endpoints/chatRoom.ts';
import type { Heartbeat } from './heartbeat.ts';
import type { LabClient } from './lab/labClient.ts';
import type { LabTickets } from './lab/labTickets.ts';
import type { Logger } from './log.ts';
import type { ServerOptions } from './options.ts';
import type { ExerciseBoard } from './room/exerciseBoard.ts';
import type { SessionStore } from './sessions.ts';

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
  /** Where the lab's raw client connects: our own listening address, loopback when we listen on all. */
  target(): { host: string; port: number };
  /** The room's chat (/chat), which the presenter clears and mutes through /inspect. */
  readonly chat: ChatRoom;
  /** The room's class exercises: answers checked and tallied for the presenter. */
  readonly exercises: ExerciseBoard;
};
