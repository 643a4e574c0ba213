import type { ExerciseQuestion, ExerciseTallyJson } from '../exercises.ts';
import type {
  CommandError,
  CommandId,
  ConformCasesMessage,
  ConformRunJson,
  ConnectionSummaryJson,
  TicketSocket,
  VisitorJson,
  WelcomeMessage,
} from './protocol.ts';

/**
 * Page → server, as it travels: each command's type, the fields it carries on the wire (flat, like every
 * inspector command: no object or array inside, server/inspect/flatJson.ts refuses those unparsed) and the
 * fields of its reply. The server reads commands with these types (`parseCommand`, commandShapes.ts) and
 * builds replies with them; the page sends with them (`command<T>()`, src/session/inspectorLink.ts) and
 * reads replies with them (`parseReply`). A field renamed here fails to compile at both ends.
 */
export type InspectorCommands = {
  /** The first command, once: version, session to resume, this page's label; answered `welcome`. */
  hello: {
    command: {
      v: number;
      session?: string;
      presenterToken?: string;
      /** This page's label: the tickets it asks for carry it to its sockets (never in a URL). */
      page?: string;
      /** Watch every visible connection now and later (the default). */
      watch?: boolean;
    };
    reply: WelcomeMessage;
  };
  /** Without `connection`: every visible connection, now and later. */
  watch: { command: { connection?: number }; reply: NoFields };
  unwatch: { command: { connection?: number }; reply: NoFields };
  /** Answered with a `connections` message. */
  list: { command: NoFields; reply: { connections: readonly ConnectionSummaryJson[] } };
  /** A single-use ticket for one socket the page opens (the echo socket's when `socket` is left out). */
  ticket: { command: { socket?: TicketSocket }; reply: { ticket: string } };
  'lab.serverWrite': { command: { connection: number } & BytesFields; reply: { bytes: number } };
  'lab.clientOpen': { command: { deflate?: boolean; subprotocol?: string }; reply: { connection: number } };
  'lab.clientWrite': { command: { connection: number } & BytesFields; reply: { bytes: number } };
  /** A ping's payload is bytes, never a preset. */
  'lab.ping': { command: { connection: number } & BytesFields; reply: { bytes: number } };
  'lab.close': { command: { connection: number; code?: number; reason?: string }; reply: NoFields };
  /** Answered in `conform.cases` parts first, then the run's `result`. */
  'conform.run': { command: { endpoint: string; cases?: string }; reply: ConformRunJson };
  /** By the deck's id (src/shared/exerciseCatalogue.ts): the frame and questions are the server's. */
  'exercise.answer': {
    command: { exercise: string } & ExerciseAnswerFields;
    reply: { verdicts: Readonly<Partial<Record<ExerciseQuestion, boolean>>> };
  };
  /** The presenter only, like `chat.clear`, `chat.mute` and `visitors` (`not-presenter` otherwise). */
  'exercise.tally': { command: { exercise: string }; reply: { tally: ExerciseTallyJson } };
  'chat.clear': { command: NoFields; reply: NoFields };
  /** By the member id the chat gave (its messages carry it); `muted` defaults to true. */
  'chat.mute': { command: { member: string; muted?: boolean }; reply: NoFields };
  /** This page's session shares its connections with the presenter's screen, or stops. */
  share: { command: { on: boolean }; reply: { sharing: boolean } };
  visitors: { command: NoFields; reply: { visitors: readonly VisitorJson[] } };
};

/** A command or reply with no fields of its own. */
export type NoFields = Record<never, never>;

/** Bytes a lab command carries, flat: exactly one of base64 `data`, `hex`, UTF-8 `text`, or a `preset` name. */
export type BytesFields = { data?: string; hex?: string; text?: string; preset?: string };

/**
 * A student's answers travel flat like every command: `"answer.fin":"1"`, `"answer.text":"Hell"`, …
 */
export type ExerciseAnswerFields = { [Q in ExerciseQuestion as `answer.${Q}`]?: string };

export type CommandType = keyof InspectorCommands;
/** The commands a page sends through `command<T>()`: all but `hello`, which the link says itself. */
export type PageCommandType = Exclude<CommandType, 'hello'>;

/**
 * A command as the page hands it over: its type and fields (the link adds the `id`). `T` is taken from
 * `type` alone, so the fields are checked against that type's, and its reply typed by it.
 */
export type CommandInput<T extends CommandType> = { type: T } & NoInfer<InspectorCommands[T]['command']>;
/**
 * A command as it travels and as the server reads it, with the `id` its reply echoes. Of a union of types,
 * the union of their commands, which a `switch` on `type` tells apart.
 */
export type CommandOf<T extends CommandType> = T extends CommandType
  ? { id?: CommandId; type: T } & InspectorCommands[T]['command']
  : never;
/** Every command, as a union the server switches on. */
export type InspectorCommand = CommandOf<CommandType>;

/** The fields a command's reply carries (beside `type`, `id` and `ok`). */
export type ReplyOf<T extends CommandType> = InspectorCommands[T]['reply'];

/** A command's answer as the page gets it: the reply's fields, or the server's (or the link's) error. */
export type CommandReply<T extends CommandType = PageCommandType> =
  | ({ ok: true } & ReplyOf<T>)
  | ({ ok: false } & CommandError);

/** A command's outcome on the server: its reply's fields, or why it failed. */
export type CommandOutcome<T extends CommandType> = { ok: ReplyOf<T> } | { error: CommandError };

/** The part of a command answered in parts (`conform.run`), as the page's `onPart` gets it. */
export type CommandPart = ConformCasesMessage;
