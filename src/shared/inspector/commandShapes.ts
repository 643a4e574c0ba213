import { isSubprotocolList } from '../../protocol/index.ts';
import { exerciseLimits } from '../exercises.ts';
import type {
  BytesFields,
  CommandOf,
  CommandReply,
  CommandType,
  ExerciseAnswerFields,
  InspectorCommand,
  InspectorCommands,
  NoFields,
  ReplyOf,
} from './commands.ts';
import {
  commandId,
  conformRun,
  connectionSummary,
  messageShapes,
  tally,
  verdicts,
  visitor,
} from './messageShapes.ts';
import { type CommandError, type CommandId, inspectorProtocolVersion, ticketSockets } from './protocol.ts';
import {
  array,
  boolean,
  type FieldShapes,
  integer,
  jsonObject,
  object,
  oneOf,
  optional,
  Refusal,
  type Shape,
  string,
  stringWhere,
} from './shapes.ts';

/**
 * The readers of commands.ts's map, one per command type: what the command carries (read by the server,
 * `parseCommand`) and what its reply carries (read by the page, `parseReply`), every field checked.
 */

/** A command's reader: its `type`, its optional `id`, and its own fields. */
function command<T extends CommandType>(
  type: T,
  fields: FieldShapes<InspectorCommands[T]['command']>,
): Shape<CommandOf<T>> {
  return object({ type: oneOf([type]), id: optional(commandId), ...fields } as never);
}

const bytes: FieldShapes<BytesFields> = {
  data: optional(string),
  hex: optional(string),
  text: optional(string),
  preset: optional(string),
};

const exerciseId = stringWhere(
  `a short name (1 to ${exerciseLimits.idLength} characters)`,
  (s) => s.length > 0 && s.length <= exerciseLimits.idLength,
);
const answer = optional(
  stringWhere(`a short string (at most ${exerciseLimits.answerLength} characters)`, (s) => {
    return s.length <= exerciseLimits.answerLength;
  }),
);
const answers: FieldShapes<ExerciseAnswerFields> = {
  'answer.fin': answer,
  'answer.opcode': answer,
  'answer.masked': answer,
  'answer.length': answer,
  'answer.key': answer,
  'answer.text': answer,
};

const version: Shape<number> = {
  optional: false,
  read: (value) =>
    value === inspectorProtocolVersion
      ? inspectorProtocolVersion
      : new Refusal(`this server speaks version ${inspectorProtocolVersion}`, 'bad-version'),
};

const noFields = object<NoFields>({});
const bytesWritten = object<{ bytes: number }>({ bytes: integer });

export const commandShapes: {
  readonly [T in CommandType]: { readonly command: Shape<CommandOf<T>>; readonly reply: Shape<ReplyOf<T>> };
} = {
  hello: {
    command: command('hello', {
      v: version,
      session: optional(string),
      presenterToken: optional(string),
      page: optional(string),
      watch: optional(boolean),
    }),
    reply: messageShapes.welcome,
  },
  watch: { command: command('watch', { connection: optional(integer) }), reply: noFields },
  unwatch: { command: command('unwatch', { connection: optional(integer) }), reply: noFields },
  list: {
    command: command('list', {}),
    reply: object<ReplyOf<'list'>>({ connections: array(connectionSummary) }),
  },
  ticket: {
    command: command('ticket', { socket: optional(oneOf(ticketSockets)) }),
    reply: object<ReplyOf<'ticket'>>({ ticket: string }),
  },
  'lab.serverWrite': {
    command: command('lab.serverWrite', { connection: integer, ...bytes }),
    reply: bytesWritten,
  },
  'lab.clientOpen': {
    command: command('lab.clientOpen', {
      deflate: optional(boolean),
      // Written into our own handshake's head: anything but tokens could end its line and add headers.
      subprotocol: optional(
        stringWhere('a token, or tokens separated by commas (RFC 6455 §4.1)', isSubprotocolList),
      ),
    }),
    reply: object<ReplyOf<'lab.clientOpen'>>({ connection: integer }),
  },
  'lab.clientWrite': {
    command: command('lab.clientWrite', { connection: integer, ...bytes }),
    reply: bytesWritten,
  },
  'lab.ping': { command: command('lab.ping', { connection: integer, ...bytes }), reply: bytesWritten },
  'lab.close': {
    command: command('lab.close', { connection: integer, code: optional(integer), reason: optional(string) }),
    reply: noFields,
  },
  'conform.run': {
    command: command('conform.run', {
      endpoint: string,
      cases: optional(string),
    }),
    reply: object<ReplyOf<'conform.run'>>(conformRun),
  },
  'exercise.answer': {
    command: command('exercise.answer', { exercise: exerciseId, ...answers }),
    reply: object<ReplyOf<'exercise.answer'>>({ verdicts }),
  },
  'exercise.tally': {
    command: command('exercise.tally', { exercise: exerciseId }),
    reply: object<ReplyOf<'exercise.tally'>>({ tally }),
  },
  'chat.clear': { command: command('chat.clear', {}), reply: noFields },
  'chat.mute': {
    command: command('chat.mute', {
      member: stringWhere(
        "a chat member's id (its messages carry it)",
        (s) => s.length > 0 && s.length <= 16,
      ),
      muted: optional(boolean),
    }),
    reply: noFields,
  },
  share: {
    command: command('share', { on: boolean }),
    reply: object<ReplyOf<'share'>>({ sharing: boolean }),
  },
  visitors: {
    command: command('visitors', {}),
    reply: object<ReplyOf<'visitors'>>({ visitors: array(visitor) }),
  },
};

/** A command as the server received it, or what was wrong with it (returned, never thrown). */
export type ParsedCommand = { command: InspectorCommand } | { error: CommandError; id?: CommandId };

/** The server's check of what a page sends on /inspect: the one definition of a well-formed command. */
export function parseCommand(text: string): ParsedCommand {
  const m = jsonObject(text);
  if (!m) return { error: { code: 'bad-json', message: 'a message on /inspect is one JSON object' } };
  // The id a refusal is answered with, when the page gave one that can be echoed.
  const id = commandId.read(m.id, 'id');
  const echo = id instanceof Refusal ? {} : { id };
  const type = m.type;
  if (typeof type !== 'string' || !Object.hasOwn(commandShapes, type)) {
    return {
      error: { code: 'unknown-type', message: `unknown message type ${JSON.stringify(type)}` },
      ...echo,
    };
  }
  const read = commandShapes[type as CommandType].command.read(m, '');
  if (read instanceof Refusal) {
    return { error: { code: read.code, message: `${type}: ${read.message}` }, ...echo };
  }
  return { command: read };
}

/** The page's check of a reply's fields, by the type of the command it answers. */
export function parseReply<T extends CommandType>(
  type: T,
  fields: Readonly<Record<string, unknown>>,
): CommandReply<T> {
  const read = commandShapes[type].reply.read(fields, '');
  if (read instanceof Refusal)
    return { ok: false, code: 'bad-reply', message: `${type}'s reply: ${read.message}` };
  return { ok: true, ...read } as CommandReply<T>;
}
