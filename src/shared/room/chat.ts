/**
 * The chat's messages on `/chat` (server/endpoints/chatRoom.ts builds them, the chat widget reads them):
 * one JSON object per text frame, so a learner reads them in the inspector as easily as the code does.
 */

/** Why the server refused something a member sent; the page words it in its own language. */
export type ChatErrorCode =
  | 'binary'
  | 'rate'
  | 'budget'
  | 'nick'
  | 'taken'
  | 'reserved'
  | 'length'
  | 'control'
  | 'muted';

/** Set by the server on what the presenter says: the page draws a badge no nickname can imitate. */
export type ChatRole = 'presenter';

export type ChatEntry = {
  /** The server's id for the member who said it (what the presenter mutes by), never chosen by a page. */
  readonly member: string;
  readonly nick: string;
  readonly text: string;
  readonly time: number;
  readonly role?: ChatRole;
};

export type ChatServerMessage =
  | {
      readonly type: 'history';
      readonly you: string;
      /** This socket's member id. */
      readonly member: string;
      readonly messages: readonly ChatEntry[];
    }
  | ({ readonly type: 'message' } & ChatEntry)
  | {
      readonly type: 'join' | 'leave';
      readonly member: string;
      readonly nick: string;
      readonly time: number;
      readonly online: number;
      readonly role?: ChatRole;
    }
  | {
      readonly type: 'nick';
      readonly member: string;
      readonly old: string;
      readonly nick: string;
      readonly time: number;
      readonly role?: ChatRole;
    }
  | { readonly type: 'cleared'; readonly time: number }
  | {
      readonly type: 'muted';
      readonly member: string;
      readonly nick: string;
      readonly muted: boolean;
      readonly time: number;
    }
  | { readonly type: 'error'; readonly code?: ChatErrorCode | string; readonly message: string };

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function isEntry(value: unknown): value is ChatEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    isString(entry.member) &&
    isString(entry.nick) &&
    isString(entry.text) &&
    isNumber(entry.time) &&
    (entry.role === undefined || entry.role === 'presenter')
  );
}

/** What the page accepts from the chat server: null for anything else (it is shown nowhere). */
export function parseChatMessage(text: string): ChatServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'history':
      return isString(m.you) && isString(m.member) && Array.isArray(m.messages) && m.messages.every(isEntry)
        ? (m as ChatServerMessage)
        : null;
    case 'message':
      return isEntry(m) ? (m as ChatServerMessage) : null;
    case 'join':
    case 'leave':
      return isString(m.member) && isString(m.nick) && isNumber(m.online) ? (m as ChatServerMessage) : null;
    case 'nick':
      return isString(m.member) && isString(m.old) && isString(m.nick) ? (m as ChatServerMessage) : null;
    case 'cleared':
      return m as ChatServerMessage;
    case 'muted':
      return isString(m.member) && isString(m.nick) && typeof m.muted === 'boolean'
        ? (m as ChatServerMessage)
        : null;
    case 'error':
      return isString(m.message) ? (m as ChatServerMessage) : null;
    default:
      return null;
  }
}
