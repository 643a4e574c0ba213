import type { CommandOf, CommandType, ReplyOf } from '../../../src/shared/inspector/commands.ts';
import type { ServerMessages } from '../../../src/shared/inspector/messages.ts';
import type { ConnectionSummaryJson, InspectorRecordJson } from '../../../src/shared/inspector/protocol.ts';

/**
 * One well-formed example of every command, reply and server message, every optional field given, typed
 * by the protocol's maps (so an example missing a field fails to compile), and the fields each must have.
 */

export const commandExamples: { readonly [T in CommandType]: CommandOf<T> } = {
  hello: { type: 'hello', id: 'hello', v: 1, session: 's', presenterToken: 'p', page: 'tab', watch: false },
  watch: { type: 'watch', id: 1, connection: 3 },
  unwatch: { type: 'unwatch', id: 2, connection: 3 },
  list: { type: 'list', id: 'c3' },
  ticket: { type: 'ticket', id: 4, socket: 'chat' },
  'lab.serverWrite': {
    type: 'lab.serverWrite',
    id: 5,
    connection: 3,
    data: 'gQA=',
    hex: '81 00',
    text: 'x',
    preset: 'p',
  },
  'lab.clientOpen': { type: 'lab.clientOpen', id: 6, deflate: true, subprotocol: 'chat, superchat' },
  'lab.clientWrite': { type: 'lab.clientWrite', id: 7, connection: 4, hex: '81 80 00 00 00 00' },
  'lab.ping': { type: 'lab.ping', id: 8, connection: 3, text: 'are you there?' },
  'lab.close': { type: 'lab.close', id: 9, connection: 3, code: 4000, reason: 'bye' },
  'conform.run': { type: 'conform.run', id: 10, endpoint: 'ws', cases: '5.*' },
  'exercise.answer': {
    type: 'exercise.answer',
    id: 11,
    exercise: 'decode-it-yourself',
    'answer.fin': '1',
    'answer.opcode': '1',
    'answer.masked': '1',
    'answer.length': '5',
    'answer.key': '37 fa 21 3d',
    'answer.text': 'Hello',
  },
  'exercise.tally': { type: 'exercise.tally', id: 12, exercise: 'decode-it-yourself' },
  'chat.clear': { type: 'chat.clear', id: 13 },
  'chat.mute': { type: 'chat.mute', id: 14, member: 'm3', muted: false },
  share: { type: 'share', id: 15, on: true },
  visitors: { type: 'visitors', id: 16 },
};

/** The fields a command cannot do without (besides `type`); every other one may be left out. */
export const requiredCommandFields: { readonly [T in CommandType]: readonly string[] } = {
  hello: ['v'],
  watch: [],
  unwatch: [],
  list: [],
  ticket: [],
  'lab.serverWrite': ['connection'],
  'lab.clientOpen': [],
  'lab.clientWrite': ['connection'],
  'lab.ping': ['connection'],
  'lab.close': ['connection'],
  'conform.run': ['endpoint'],
  'exercise.answer': ['exercise'],
  'exercise.tally': ['exercise'],
  'chat.clear': [],
  'chat.mute': ['member'],
  share: ['on'],
  visitors: [],
};

export const summary: ConnectionSummaryJson = {
  connection: 17,
  endpoint: 'echo',
  path: '/echo',
  lab: false,
  deflate: false,
  subprotocol: 'echo-protocol',
  extensions: '',
  remote: '127.0.0.1',
  remotePort: 50000,
  localPort: 3000,
  openedAt: 1795502418647.316,
  pageSocket: 'echo',
  owner: 'Xy3_q9',
};

const { openedAt: _openedAt, ...openFields } = summary;

/** One record of each kind, in the order a connection's life would show them. */
export const recordExamples: readonly InspectorRecordJson[] = [
  { kind: 'open', t: 1795502418647.316, ...openFields },
  { kind: 'read', connection: 17, t: 1795502418649.1758, data: 'gYJVoZr/Pcg=' },
  { kind: 'write', connection: 17, t: 1795502418650, data: 'gQJoaQ==' },
  { kind: 'pong', connection: 17, t: 1795502433650.2, rttMs: 0.41, payload: 'aGIgMQ==' },
  {
    kind: 'error',
    connection: 17,
    t: 1795502419001.7,
    closeCode: 1007,
    errorCode: 'WS_ERR_INVALID_UTF8',
    message: 'Invalid WebSocket frame: invalid UTF-8 sequence',
  },
  { kind: 'notice', connection: 17, t: 1795502463650.9, name: 'heartbeat-timeout', message: 'two pings' },
  { kind: 'close', connection: 17, t: 1795502470000.5, code: 1000, reason: '' },
  { kind: 'dropped', t: 1795502471000.2, count: 1834 },
];

const visitor = {
  label: 'Xy3_q9',
  nick: 'ana',
  connections: 2,
  endpoints: ['echo', 'chat'],
  sharing: true,
  own: false,
  ids: [17, 18],
};
const tally = { exercise: 'decode-it-yourself', answered: 3, right: { fin: 3, text: 1 } };

export const replyExamples: { readonly [T in CommandType]: ReplyOf<T> } = {
  hello: {
    type: 'welcome',
    id: 'hello',
    protocol: 1,
    session: '3q2-7wAAAAAAAAAAAAAAAA',
    resumed: false,
    role: 'visitor',
    label: 'Xy3_q9',
    sharing: false,
    serverTime: 1795502418620,
    maxPayload: 1048576,
    heartbeatMs: 15000,
    presets: [
      {
        name: 'masked-server-frame',
        directions: ['to-browser'],
        valid: false,
        expectedClose: 1002,
        rfc: '§5.1',
      },
      {
        name: 'hello',
        directions: ['to-browser', 'to-server'],
        valid: true,
        expectedClose: null,
        rfc: '§5.6',
      },
    ],
    connections: [summary],
    lanOrigins: ['http://192.168.1.20:3000'],
  },
  watch: {},
  unwatch: {},
  list: { connections: [summary, { ...summary, connection: 18, pageSocket: null }] },
  ticket: { ticket: 'dGlja2V0LXRpY2tldC10aQ' },
  'lab.serverWrite': { bytes: 2 },
  'lab.clientOpen': { connection: 21 },
  'lab.clientWrite': { bytes: 6 },
  'lab.ping': { bytes: 14 },
  'lab.close': {},
  'conform.run': { endpoint: 'ws', path: '/echo', durationMs: 812.5, total: 250 },
  'exercise.answer': { verdicts: { fin: true, text: false } },
  'exercise.tally': { tally },
  'chat.clear': {},
  'chat.mute': {},
  share: { sharing: true },
  visitors: { visitors: [visitor] },
};

/** The reply fields that must be there (every reply field is, but `lanOrigins`, `verdicts`'s questions…). */
export const requiredReplyFields: { readonly [T in CommandType]: readonly string[] } = {
  hello: [
    'type',
    'protocol',
    'session',
    'resumed',
    'role',
    'label',
    'sharing',
    'serverTime',
    'maxPayload',
    'heartbeatMs',
    'presets',
    'connections',
  ],
  watch: [],
  unwatch: [],
  list: ['connections'],
  ticket: ['ticket'],
  'lab.serverWrite': ['bytes'],
  'lab.clientOpen': ['connection'],
  'lab.clientWrite': ['bytes'],
  'lab.ping': ['bytes'],
  'lab.close': [],
  'conform.run': ['endpoint', 'path', 'durationMs', 'total'],
  'exercise.answer': ['verdicts'],
  'exercise.tally': ['tally'],
  'chat.clear': [],
  'chat.mute': [],
  share: ['sharing'],
  visitors: ['visitors'],
};

type WholeMessage = Exclude<keyof ServerMessages, 'result' | 'connections'>;

/** Every message the page reads whole (replies are read by their command: see replyExamples). */
export const messageExamples: { readonly [T in WholeMessage]: ServerMessages[T] } = {
  welcome: replyExamples.hello,
  records: { type: 'records', records: recordExamples },
  error: { type: 'error', id: 5, code: 'not-found', message: 'no such connection in your session' },
  'conform.cases': {
    type: 'conform.cases',
    id: 8,
    endpoint: 'ws',
    done: 1,
    total: 250,
    cases: [
      {
        id: '1.1.1',
        result: 'pass',
        close: 'ok',
        closeWhy: { en: 'clean', zh: '干净' },
        expected: { en: 'echo', zh: '回显' },
        observed: { en: 'echoed', zh: '已回显' },
        why: { en: 'as the RFC says', zh: '如 RFC 所说' },
        durationMs: 3.2,
        chunks: [
          { d: 's', at: 0, hex: '81 80 00 00 00 00' },
          { d: 'r', at: 1.5, hex: '81 00' },
        ],
        sentBytes: 6,
        receivedBytes: 2,
      },
    ],
  },
  tally: { type: 'tally', tally },
  visitors: { type: 'visitors', visitors: [visitor] },
};

/** A value of another JSON type than `value`: what a mistyped field looks like (an id is a string or a number). */
export function mistyped(value: unknown, field = ''): unknown {
  if (field === 'id') return true;
  if (typeof value === 'string') return 7;
  if (typeof value === 'number') return 'seven';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return { not: 'an array' };
  return 'not an object';
}

export function without(object: object, field: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  delete copy[field];
  return copy;
}
