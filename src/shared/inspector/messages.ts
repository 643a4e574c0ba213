import type { CommandType, ReplyOf } from './commands.ts';
import type {
  CommandId,
  ConformCasesMessage,
  ErrorMessage,
  RecordsMessage,
  TallyMessage,
  VisitorsMessage,
  WelcomeMessage,
} from './protocol.ts';

/** A command's success: `result` with its reply's fields (commands.ts), the same `id`. */
export type ResultMessage<T extends ResultCommandType = ResultCommandType> = {
  [C in T]: { readonly type: 'result'; readonly id?: CommandId; readonly ok: true } & ReplyOf<C>;
}[T];
/** `hello` is answered `welcome`, `list` answered `connections`; every other command `result`. */
export type ResultCommandType = Exclude<CommandType, 'hello' | 'list'>;

/** `list`'s answer. */
export type ConnectionsMessage = { readonly type: 'connections'; readonly id?: CommandId } & ReplyOf<'list'>;

/**
 * Server → page, as it travels: each message type and its shape (the sender adds `v`). The server builds
 * messages with these types; the page reads them with messageShapes.ts, field by field. A `result` or
 * `connections` is read in two steps: its `id` first, then its fields by the reply type of the command
 * that `id` belongs to (`parseReply`), which only the page that sent it knows.
 */
export type ServerMessages = {
  welcome: WelcomeMessage;
  records: RecordsMessage;
  result: ResultMessage;
  error: ErrorMessage;
  connections: ConnectionsMessage;
  'conform.cases': ConformCasesMessage;
  tally: TallyMessage;
  visitors: VisitorsMessage;
};

export type ServerMessageType = keyof ServerMessages;
export type ServerMessage = ServerMessages[ServerMessageType];
