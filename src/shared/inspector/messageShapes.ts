import type { Bilingual } from '../../protocol/index.ts';
import { closeResults, results } from '../conformResult.ts';
import type { ExerciseQuestion, ExerciseTallyJson } from '../exercises.ts';
import type { ServerMessage, ServerMessages } from './messages.ts';
import {
  type CommandId,
  type ConformCaseJson,
  type ConnectionSummaryJson,
  type EventRecordJson,
  type InspectorRecordJson,
  inspectorProtocolVersion,
  type LabPresetJson,
  type TapRecordJson,
  type VisitorJson,
} from './protocol.ts';
import {
  array,
  boolean,
  integer,
  isRecord,
  jsonObject,
  nullable,
  number,
  object,
  oneOf,
  optional,
  Refusal,
  type Shape,
  string,
} from './shapes.ts';

/**
 * The page's readers of what the server sends, one per message type of messages.ts and one per piece of
 * data inside (records, summaries, cases), every field checked: what does not fit is refused, never cast.
 */

export const commandId: Shape<CommandId> = {
  optional: false,
  read: (value, at) =>
    typeof value === 'string' || Number.isSafeInteger(value)
      ? (value as CommandId)
      : new Refusal(`"${at}" is a string or an integer`),
};

const bilingual = object<Bilingual>({ en: string, zh: string });

export const connectionSummaryFields = {
  connection: integer,
  endpoint: oneOf([
    'echo',
    'chat',
    'inspect',
    'room',
    'wsnode-seed',
    'wsnode-echo',
    'socket.io',
    'socket.io-polling',
  ]),
  path: string,
  lab: boolean,
  deflate: boolean,
  subprotocol: string,
  extensions: string,
  remote: string,
  remotePort: optional(integer),
  localPort: optional(integer),
  pageSocket: nullable(oneOf(['echo', 'chat', 'lab', 'room', 'ws', 'wsnode', 'socket.io', 'seed'])),
  owner: optional(string),
} as const;

export const connectionSummary = object<ConnectionSummaryJson>({
  ...connectionSummaryFields,
  openedAt: number,
});

type Event<K extends EventRecordJson['kind']> = Extract<EventRecordJson, { kind: K }>;

const tapRecord = object<TapRecordJson>({
  kind: oneOf(['read', 'write']),
  connection: integer,
  t: number,
  data: string,
});

const eventRecords: { readonly [K in EventRecordJson['kind']]: Shape<Event<K>> } = {
  open: object<Event<'open'>>({ kind: oneOf(['open']), t: number, ...connectionSummaryFields }),
  pong: object<Event<'pong'>>({
    kind: oneOf(['pong']),
    connection: integer,
    t: number,
    rttMs: nullable(number),
    payload: string,
  }),
  error: object<Event<'error'>>({
    kind: oneOf(['error']),
    connection: integer,
    t: number,
    closeCode: integer,
    errorCode: string,
    message: string,
  }),
  notice: object<Event<'notice'>>({
    kind: oneOf(['notice']),
    connection: integer,
    t: number,
    name: string,
    message: string,
  }),
  close: object<Event<'close'>>({
    kind: oneOf(['close']),
    connection: integer,
    t: number,
    code: integer,
    reason: string,
  }),
  dropped: object<Event<'dropped'>>({ kind: oneOf(['dropped']), t: number, count: integer }),
};

/** A record, by its `kind`: the tap's bytes (`read`, `write`) or one of the events. */
export const inspectorRecord: Shape<InspectorRecordJson> = {
  optional: false,
  read(value, at) {
    const kind = isRecord(value) ? value.kind : undefined;
    if (kind === 'read' || kind === 'write') return tapRecord.read(value, at);
    if (typeof kind === 'string' && Object.hasOwn(eventRecords, kind))
      return eventRecords[kind as EventRecordJson['kind']].read(value, at);
    return new Refusal(`"${at}.kind" is read, write or one of ${Object.keys(eventRecords).join(', ')}`);
  },
};

const labPreset = object<LabPresetJson>({
  name: string,
  directions: array(oneOf(['to-browser', 'to-server'])),
  valid: boolean,
  expectedClose: nullable(integer),
  rfc: string,
});

export const visitor = object<VisitorJson>({
  label: string,
  nick: optional(string),
  connections: integer,
  endpoints: array(string),
  sharing: boolean,
  own: boolean,
  ids: array(integer),
});

type PerQuestion<T> = Readonly<Partial<Record<ExerciseQuestion, T>>>;

export const verdicts = object<PerQuestion<boolean>>({
  fin: optional(boolean),
  opcode: optional(boolean),
  masked: optional(boolean),
  length: optional(boolean),
  key: optional(boolean),
  text: optional(boolean),
});

const rightCounts = object<PerQuestion<number>>({
  fin: optional(integer),
  opcode: optional(integer),
  masked: optional(integer),
  length: optional(integer),
  key: optional(integer),
  text: optional(integer),
});

export const tally = object<ExerciseTallyJson>({
  exercise: string,
  answered: integer,
  right: rightCounts,
});

const conformCase = object<ConformCaseJson>({
  id: string,
  result: oneOf(results),
  close: oneOf(closeResults),
  closeWhy: optional(bilingual),
  expected: bilingual,
  observed: bilingual,
  why: optional(bilingual),
  durationMs: number,
  chunks: array(object({ d: oneOf(['s', 'r']), at: number, hex: string })),
  sentBytes: integer,
  receivedBytes: integer,
});

export const conformRun = {
  endpoint: string,
  path: string,
  durationMs: number,
  total: integer,
} as const;

/** A reply before the page knows which command it answers: its id, its fields unread. */
export type UnreadReply = {
  readonly type: 'result' | 'connections';
  readonly id?: CommandId;
  readonly fields: Readonly<Record<string, unknown>>;
};

/** What the page takes from the wire: every message read whole, but replies, read by their command. */
export type ReceivedMessage = Exclude<ServerMessage, { type: 'result' | 'connections' }> | UnreadReply;

type ReadWhole = Exclude<keyof ServerMessages, 'result' | 'connections'>;

export const messageShapes: { readonly [T in ReadWhole]: Shape<ServerMessages[T]> } = {
  welcome: object<ServerMessages['welcome']>({
    type: oneOf(['welcome']),
    id: optional(commandId),
    protocol: integer,
    session: string,
    resumed: boolean,
    role: oneOf(['visitor', 'presenter']),
    label: string,
    sharing: boolean,
    serverTime: number,
    maxPayload: integer,
    heartbeatMs: integer,
    presets: array(labPreset),
    connections: array(connectionSummary),
    lanOrigins: optional(array(string)),
  }),
  records: object<ServerMessages['records']>({ type: oneOf(['records']), records: array(inspectorRecord) }),
  error: object<ServerMessages['error']>({
    type: oneOf(['error']),
    id: optional(commandId),
    code: string,
    message: string,
  }),
  'conform.cases': object<ServerMessages['conform.cases']>({
    type: oneOf(['conform.cases']),
    id: optional(commandId),
    endpoint: string,
    done: integer,
    total: integer,
    cases: array(conformCase),
  }),
  tally: object<ServerMessages['tally']>({ type: oneOf(['tally']), tally }),
  visitors: object<ServerMessages['visitors']>({ type: oneOf(['visitors']), visitors: array(visitor) }),
};

/**
 * The page's check of what the server sends: the message, or why it was refused (another version, an
 * unknown type, a field missing or of the wrong type). Never throws.
 */
export function parseServerMessage(text: string): ReceivedMessage | Refusal {
  const m = jsonObject(text);
  if (!m) return new Refusal('a server message is one JSON object', 'bad-json');
  if (m.v !== inspectorProtocolVersion)
    return new Refusal(`"v" is ${inspectorProtocolVersion}, the version this page speaks`, 'bad-version');
  const type = m.type;
  if (type === 'result' || type === 'connections') {
    if (type === 'result' && m.ok !== true) return new Refusal('"ok" is true');
    const id = optional(commandId).read(m.id, 'id');
    if (id instanceof Refusal) return id;
    const { v: _v, type: _type, id: _id, ok: _ok, ...fields } = m;
    return { type, ...(id === undefined ? {} : { id }), fields };
  }
  if (typeof type !== 'string' || !Object.hasOwn(messageShapes, type))
    return new Refusal(`unknown message type ${JSON.stringify(type)}`, 'unknown-type');
  return messageShapes[type as ReadWhole].read(m, '');
}

/** A server message as it goes on the wire: with the protocol version. */
export function serverMessageJson(message: ServerMessage): string {
  return JSON.stringify({ v: inspectorProtocolVersion, ...message });
}
