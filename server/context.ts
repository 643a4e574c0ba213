import type { ConnectionTickets } from './admission/tickets.ts';
import type { ConformRuns } from './conform/conformRuns.ts';
import type { ConnectionRegistry } from './connections.ts';
import type { ChatRoom } from './endpoints/chatRoom.ts';
import type { Heartbeat } from './heartbeat.ts';
import type { LabClient } from './lab/labClient.ts';
import type { LabRoster } from './lab/labRoster.ts';
import type { Logger } from './log.ts';
import type { LoopStalls } from './loopStalls.ts';
import type { ServerOptions } from './options.ts';
import type { PresenterAttempts } from './presenterAttempts.ts';
import type { ExerciseBoard } from './room/exerciseBoard.ts';
import type { Room } from './room/room.ts';
import type { ShareConsent } from './room/shareConsent.ts';
import type { Session, SessionStore } from './sessions.ts';

/** What the endpoints share: built once by `startServer`, passed down, never global. */
export type ServerContext = {
  readonly options: ServerOptions;
  readonly log: Logger;
  readonly registry: ConnectionRegistry;
  readonly sessions: SessionStore;
  readonly heartbeat: Heartbeat;
  /** Single-use proofs that a connection belongs to a session (the page's sockets, the lab's). */
  readonly tickets: ConnectionTickets;
  /** The lab's raw clients, by the id of their server-side connection. */
  readonly labClients: Map<number, LabClient>;
  /** Who holds which lab connections, and for how long. */
  readonly lab: LabRoster;
  readonly presenterToken: string;
  /** Sessions whose page said hello on /inspect with the presenter token: they may move the room. */
  readonly presenterSessions: WeakSet<Session>;
  /** Where visitors reach this server on the LAN (none unless it listens on every interface). */
  lanOrigins(): string[];
  /** The room the deck's pages follow (/room). */
  readonly room: Room;
  /** Failed presenter hellos per address: throttled, so the token cannot be guessed by brute force. */
  readonly presenterAttempts: PresenterAttempts;
  /** The deck's conformance runs against our own endpoints (bounded per session and server-wide). */
  readonly conformRuns: ConformRuns;
  /** Where the lab's raw client connects: our own listening address, loopback when we listen on all. */
  target(): { host: string; port: number; tls: boolean };
  /** Whether a Host header names this server (DNS rebinding: see admission/hostAllowList.ts). */
  hostAllowed(host: string | undefined): boolean;
  /** Serving https and wss. */
  readonly tls: boolean;
  /** The room's chat (/chat), which the presenter clears and mutes through /inspect. */
  readonly chat: ChatRoom;
  /** Visitors' consent to share their connections with the presenter's screen (rate-limited). */
  readonly consent: ShareConsent;
  /** The room's class exercises: answers checked and tallied for the presenter. */
  readonly exercises: ExerciseBoard;
  /** How long the event loop has been blocked: the rate limits do not count a stall's backlog as a flood. */
  readonly loopStalls: LoopStalls;
};
