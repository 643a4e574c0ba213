import type { Bilingual } from '../../protocol/index.ts';
import type { CloseResult, Result } from '../conformResult.ts';
import type { ExerciseTallyJson } from '../exercises.ts';
import type { LabDirection } from '../labExperiments.ts';

/**
 * The inspector protocol (`/inspect`), defined once: the vocabulary and the data both ends share (records,
 * connection summaries, `welcome`, conformance cases). What each command carries and its reply is the map
 * in commands.ts, every server message the map in messages.ts; the readers that check each field, both
 * ways, are commandShapes.ts and messageShapes.ts. docs/inspector-protocol.md explains it in prose. On the
 * wire: one JSON object per text frame, bytes as base64 in `data`.
 */

/** Sent as `v` on every server message and checked in `hello`. */
export const inspectorProtocolVersion = 1;

/** A command's `id`, echoed by its reply. */
export type CommandId = string | number;

/**
 * The WebSocket endpoints of the server, by name. `wsnode-*` are WebSocket-Node's, `socket.io` is a
 * socket.io WebSocket, `socket.io-polling` one HTTP request and response of socket.io's long polling
 * (tapped like a connection, but its bytes are HTTP, never frames).
 */
export type EndpointName =
  | 'echo'
  | 'chat'
  | 'inspect'
  | 'room'
  | 'wsnode-seed'
  | 'wsnode-echo'
  | 'socket.io'
  | 'socket.io-polling';

/**
 * Which of the receiving page's own sockets a connection is, as the server associated it (by the ticket
 * the socket claimed, asked for by that page): its echo socket, its chat socket, a lab client it opened, one
 * of the comparison's library sockets; null when the connection belongs to another page (another tab, or
 * another session for the presenter).
 */
export type PageSocket = 'echo' | 'chat' | 'lab' | 'room' | LibrarySocket;

/**
 * The comparison slide's sockets, one per server library (ws at /echo, WebSocket-Node at /wsnode/echo,
 * socket.io at /socket.io/, its polling exchanges included), and the seed's own code at /wsnode/seed.
 */
export type LibrarySocket = 'ws' | 'wsnode' | 'socket.io' | 'seed';

/**
 * The sockets a page asks a `ticket` for: the endpoint the ticket opens. Besides its echo, chat and room sockets,
 * the comparison's and the seed slide's: WebSocket-Node's echo and the seed's code, and socket.io (whose
 * ticket is claimed by the first request of its Engine.IO session, polling or WebSocket).
 */
export const ticketSockets = ['echo', 'chat', 'room', 'wsnode-echo', 'wsnode-seed', 'socket.io'] as const;
export type TicketSocket = (typeof ticketSockets)[number];
/** The path each ticket opens, and nothing else: the server refuses a ticket on any other. */
export const ticketSocketPaths: Readonly<Record<TicketSocket, string>> = {
  echo: '/echo',
  chat: '/chat',
  room: '/room',
  'wsnode-echo': '/wsnode/echo',
  'wsnode-seed': '/wsnode/seed',
  'socket.io': '/socket.io/',
};

/** One visitor (a session) as the presenter's grouped view lists it: never its token, never its bytes. */
export type VisitorJson = {
  /** The session's short label (derived, reveals nothing). */
  readonly label: string;
  /** Its nickname in the chat, when it is there. */
  readonly nick?: string;
  /** Its open connections (tapped ones: not /inspect), by endpoint. */
  readonly connections: number;
  readonly endpoints: readonly string[];
  readonly sharing: boolean;
  /** The presenter's own session. */
  readonly own: boolean;
  /** Connection ids, only when the presenter may see them (its own, or shared). */
  readonly ids: readonly number[];
};

/**
 * Sent to the presenter's pages whenever the visitors change: a connection opened or closed (gathered
 * over a tenth of a second), a visitor started or stopped sharing (at once: a page drops what it may no
 * longer show).
 */
export type VisitorsMessage = { readonly type: 'visitors'; readonly visitors: readonly VisitorJson[] };

/** Sent to the presenter's pages whenever an answer changes an exercise's tally. */
export type TallyMessage = { readonly type: 'tally'; readonly tally: ExerciseTallyJson };

export type CommandError = { code: string; message: string };

// ——— server → page: records ———

/** One read (bytes the server read: client → server) or write (server → client) of a TCP socket. */
export type TapRecordJson = {
  readonly kind: 'read' | 'write';
  readonly connection: number;
  /** Server clock, milliseconds since the epoch with fractions. */
  readonly t: number;
  readonly data: string;
};

export type ConnectionSummaryJson = {
  readonly connection: number;
  readonly endpoint: EndpointName;
  readonly path: string;
  readonly lab: boolean;
  readonly deflate: boolean;
  readonly subprotocol: string;
  readonly extensions: string;
  readonly remote: string;
  /** The socket's two ports (the peer's, the server's): a saved session's pcapng carries the real ones. */
  readonly remotePort?: number;
  readonly localPort?: number;
  readonly openedAt: number;
  /** Which of the receiving page's own sockets this is; null when it is not one of them. */
  readonly pageSocket: PageSocket | null;
  /** Only for the presenter, who sees every session: a short, non-secret label of the owner. */
  readonly owner?: string;
};

/** What happened on a connection besides its bytes: told to inspectors beside the tap records. */
export type EventRecordJson =
  | ({ readonly kind: 'open'; readonly t: number } & Omit<ConnectionSummaryJson, 'openedAt'>)
  | {
      readonly kind: 'pong';
      readonly connection: number;
      readonly t: number;
      readonly rttMs: number | null;
      readonly payload: string;
    }
  | {
      readonly kind: 'error';
      readonly connection: number;
      readonly t: number;
      readonly closeCode: number;
      readonly errorCode: string;
      readonly message: string;
    }
  | {
      readonly kind: 'notice';
      readonly connection: number;
      readonly t: number;
      readonly name: string;
      readonly message: string;
    }
  | {
      readonly kind: 'close';
      readonly connection: number;
      readonly t: number;
      readonly code: number;
      readonly reason: string;
    }
  | { readonly kind: 'dropped'; readonly t: number; readonly count: number };

export type InspectorRecordJson = TapRecordJson | EventRecordJson;

// ——— server → page: messages ———

/** How `welcome` lists a lab preset: the page's own copy of the table has the words. */
export type LabPresetJson = {
  readonly name: string;
  readonly directions: readonly LabDirection[];
  readonly valid: boolean;
  readonly expectedClose: number | null;
  readonly rfc: string;
};

export type WelcomeMessage = {
  readonly type: 'welcome';
  readonly id?: CommandId;
  readonly protocol: number;
  /** The secret that resumes this session; kept in sessionStorage, never shown. */
  readonly session: string;
  readonly resumed: boolean;
  readonly role: 'visitor' | 'presenter';
  /** This session's short label: what the presenter's list of visitors calls it (not a secret). */
  readonly label: string;
  /** Whether this session shares its connections with the presenter's screen (kept across reconnects). */
  readonly sharing: boolean;
  readonly serverTime: number;
  readonly maxPayload: number;
  readonly heartbeatMs: number;
  readonly presets: readonly LabPresetJson[];
  readonly connections: readonly ConnectionSummaryJson[];
  /**
   * The origins students can reach the server at (`http://192.168.1.20:3000`), one per LAN address, when it
   * listens on every interface (`--classroom`); empty otherwise. The deck's join link and QR code use the
   * first even when this page opened the deck on 127.0.0.1.
   */
  readonly lanOrigins?: readonly string[];
};

export type RecordsMessage = { readonly type: 'records'; readonly records: readonly InspectorRecordJson[] };

/** One conformance case as `conform.run` returns it: its verdict and the bytes that crossed the wire. */
export type ConformCaseJson = {
  readonly id: string;
  readonly result: Result;
  /** The closing handshake's result: Autobahn's second column. */
  readonly close: CloseResult;
  readonly closeWhy?: Bilingual;
  readonly expected: Bilingual;
  readonly observed: Bilingual;
  readonly why?: Bilingual;
  readonly durationMs: number;
  /** TCP writes (s) and reads (r) in order, ms after the case began, hex; cut at 2048 bytes a side. */
  readonly chunks: readonly { readonly d: 's' | 'r'; readonly at: number; readonly hex: string }[];
  readonly sentBytes: number;
  readonly receivedBytes: number;
};

/**
 * A conformance run's cases, as they finish, to the page that asked only: several parts for one
 * `conform.run` (same `id`), each a few dozen KiB at most, before the run's `result`.
 */
export type ConformCasesMessage = {
  readonly type: 'conform.cases';
  readonly id?: CommandId;
  readonly endpoint: string;
  /** Cases finished so far (this part's included), of `total`. */
  readonly done: number;
  readonly total: number;
  readonly cases: readonly ConformCaseJson[];
};

/** `conform.run`'s result, after every `conform.cases` part: which endpoint, how long, how many cases. */
export type ConformRunJson = {
  readonly endpoint: string;
  readonly path: string;
  readonly durationMs: number;
  readonly total: number;
};

export type ErrorMessage = { readonly type: 'error'; readonly id?: CommandId } & CommandError;

export function isTapRecord(record: InspectorRecordJson): record is TapRecordJson {
  return record.kind === 'read' || record.kind === 'write';
}
