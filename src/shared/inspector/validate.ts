import { isSubprotocolList } from '../../protocol/index.ts';
import { exerciseLimits, exerciseQuestions } from '../exercises.ts';
import {
  type BytesSource,
  type CommandError,
  type CommandId,
  type ExerciseAnswerFields,
  type InspectorCommand,
  inspectorProtocolVersion,
  type ServerMessage,
  type TicketSocket,
  ticketSockets,
} from './protocol.ts';

/**
 * The runtime checks of the inspector protocol, one per direction: the server parses what a page sends
 * (`parseCommand`), the page parses what the server sends (`parseServerMessage`). Neither throws.
 */

/** A command as the server received it, or what was wrong with it (returned, never thrown). */
export type ParsedCommand = { command: InspectorCommand } | { error: CommandError; id?: CommandId };

const fail = (code: string, message: string, id?: CommandId): ParsedCommand => ({
  error: { code, message },
  ...(id === undefined ? {} : { id }),
});

/** The server's check of what a page sends on /inspect: the one definition of a well-formed command. */
export function parseCommand(text: string): ParsedCommand {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('bad-json', 'a message on /inspect is one JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('bad-json', 'a message on /inspect is one JSON object');
  }
  const m = value as Record<string, unknown>;
  const id = typeof m.id === 'string' || typeof m.id === 'number' ? m.id : undefined;
  const base = id === undefined ? {} : { id };
  const connection = m.connection;
  const hasConnection = Number.isSafeInteger(connection);
  const needConnection = () => fail('bad-command', `${String(m.type)} needs a numeric "connection"`, id);
  const bytes: BytesSource = {};
  for (const key of ['data', 'hex', 'text', 'preset'] as const) {
    if (typeof m[key] === 'string') bytes[key] = m[key] as string;
  }

  switch (m.type) {
    case 'hello':
      if (m.v !== inspectorProtocolVersion) {
        return fail('bad-version', `this server speaks version ${inspectorProtocolVersion}`, id);
      }
      return {
        command: {
          ...base,
          type: 'hello',
          v: m.v,
          ...(typeof m.session === 'string' ? { session: m.session } : {}),
          ...(typeof m.presenterToken === 'string' ? { presenterToken: m.presenterToken } : {}),
          ...(typeof m.page === 'string' ? { page: m.page } : {}),
          watch: m.watch !== false,
        },
      };
    case 'watch':
    case 'unwatch':
      if (connection !== undefined && !hasConnection) return needConnection();
      return {
        command: { ...base, type: m.type, ...(hasConnection ? { connection: connection as number } : {}) },
      };
    case 'list':
      return { command: { ...base, type: 'list' } };
    case 'ticket':
      // The socket the ticket opens; a page's echo socket when it does not say.
      if (m.socket !== undefined && !ticketSockets.includes(m.socket as TicketSocket)) {
        return fail('bad-command', `"socket" is one of ${ticketSockets.join(', ')}`, id);
      }
      return {
        command: { ...base, type: 'ticket', socket: (m.socket as TicketSocket | undefined) ?? 'echo' },
      };
    case 'lab.serverWrite':
    case 'lab.clientWrite':
    case 'lab.ping':
      if (!hasConnection) return needConnection();
      return { command: { ...base, type: m.type, connection: connection as number, bytes } };
    case 'lab.clientOpen':
      // Written into our own handshake's head: anything but tokens could end its line and add headers.
      if (
        m.subprotocol !== undefined &&
        !(typeof m.subprotocol === 'string' && isSubprotocolList(m.subprotocol))
      )
        return fail(
          'bad-command',
          '"subprotocol" is a token, or tokens separated by commas (RFC 6455 §4.1)',
          id,
        );
      return {
        command: {
          ...base,
          type: 'lab.clientOpen',
          deflate: m.deflate === true,
          ...(typeof m.subprotocol === 'string' ? { subprotocol: m.subprotocol } : {}),
        },
      };
    case 'lab.close':
      if (!hasConnection) return needConnection();
      if (m.code !== undefined && !Number.isInteger(m.code))
        return fail('bad-command', '"code" is an integer', id);
      return {
        command: {
          ...base,
          type: 'lab.close',
          connection: connection as number,
          ...(m.code === undefined ? {} : { code: m.code as number }),
          reason: typeof m.reason === 'string' ? m.reason : '',
        },
      };
    case 'conform.run':
      if (typeof m.endpoint !== 'string') return fail('bad-command', 'conform.run needs an "endpoint"', id);
      if (m.cases !== undefined && typeof m.cases !== 'string')
        return fail('bad-command', '"cases" is a pattern such as "5.*"', id);
      return {
        command: {
          ...base,
          type: 'conform.run',
          endpoint: m.endpoint,
          ...(typeof m.cases === 'string' ? { cases: m.cases } : {}),
        },
      };
    case 'exercise.answer':
    case 'exercise.tally':
    case 'chat.clear':
    case 'chat.mute':
    case 'share':
    case 'visitors':
      return parseRoomSocialCommand(m, base);
    default:
      return fail('unknown-type', `unknown message type ${JSON.stringify(m.type)}`, id);
  }
}

/** The room's social commands (issue 11): exercises and the presenter's chat controls. */
function parseRoomSocialCommand(m: Record<string, unknown>, base: { id?: CommandId }): ParsedCommand {
  const bad = (message: string) => fail('bad-command', message, base.id);
  const exercise = m.exercise;
  const okId =
    typeof exercise === 'string' && exercise.length > 0 && exercise.length <= exerciseLimits.idLength;
  switch (m.type) {
    case 'exercise.tally':
      return okId
        ? { command: { ...base, type: 'exercise.tally', exercise } }
        : bad('"exercise" is a short name');
    case 'exercise.answer': {
      if (!okId) return bad('"exercise" is a short name');
      // The frame and questions are the deck's, not the page's: only answers travel.
      const answers: ExerciseAnswerFields = {};
      for (const question of exerciseQuestions) {
        const given = m[`answer.${question}`];
        if (given === undefined) continue;
        if (typeof given !== 'string' || given.length > exerciseLimits.answerLength)
          return bad(`"answer.${question}" is a short string`);
        answers[`answer.${question}`] = given;
      }
      return { command: { ...base, type: 'exercise.answer', exercise, ...answers } };
    }
    case 'chat.clear':
      return { command: { ...base, type: 'chat.clear' } };
    case 'chat.mute':
      if (typeof m.member !== 'string' || m.member.length === 0 || m.member.length > 16)
        return bad('"member" is a chat member\'s id (its messages carry it)');
      return { command: { ...base, type: 'chat.mute', member: m.member, muted: m.muted !== false } };
    case 'share':
      if (typeof m.on !== 'boolean') return bad('"on" is true or false');
      return { command: { ...base, type: 'share', on: m.on } };
    case 'visitors':
      return { command: { ...base, type: 'visitors' } };
    default:
      return fail('unknown-type', `unknown message type ${JSON.stringify(m.type)}`, base.id);
  }
}

const serverMessageTypes = new Set<string>([
  'welcome',
  'records',
  'result',
  'error',
  'connections',
  'conform.cases',
  'tally',
  'visitors',
]);

/** The page's check of what the server sends: null for what it does not understand (another version…). */
export function parseServerMessage(text: string): ServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const message = value as {
    v?: unknown;
    type?: unknown;
    records?: unknown;
    cases?: unknown;
    visitors?: unknown;
  };
  if (message.v !== inspectorProtocolVersion || typeof message.type !== 'string') return null;
  if (!serverMessageTypes.has(message.type)) return null;
  if (message.type === 'records' && !Array.isArray(message.records)) return null;
  if (message.type === 'conform.cases' && !Array.isArray(message.cases)) return null;
  if (message.type === 'visitors' && !Array.isArray(message.visitors)) return null;
  return value as ServerMessage;
}

/** A server message as it goes on the wire: with the protocol version. */
export function serverMessageJson(message: ServerMessage): string {
  return JSON.stringify({ v: inspectorProtocolVersion, ...message });
}
