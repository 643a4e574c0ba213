/**
 * The room protocol (`/room`): the presenter's slide position, kept by the server and sent to every page of
 * the room. One small JSON object per text frame, so that the class can read, in the event panel, the very
 * frame that moved their screens. Both sides parse with the functions below; neither throws.
 *
 * Numbering: `epoch` names one life of the server (a restart makes a new one); `seq` counts the presenter's
 * moves within it. A page that reconnects compares both: same epoch and a higher seq means it missed moves
 * (the state it gets is the latest), a new epoch means the server restarted; `seq` 0 means no presenter has
 * moved since, so the page stays where it is.
 *
 * Echoes: a presenter's own move is never sent back to it. The server answers the sender with `ack` (the
 * seq its move got) and sends `move` to every other member, so a page on the projector is only ever where its
 * own keys put it, however slow the network (docs/scaling.md, "Own moves are acknowledged, not echoed").
 */

/** A place in the deck: reveal.js's horizontal, vertical and fragment indices (`f` -1: no fragment shown). */
export type RoomPosition = { readonly h: number; readonly v: number; readonly f: number };

export type RoomRole = 'presenter' | 'visitor';

// ——— page → server ———

export type RoomCommand =
  /** The presenter's deck moved (a visitor's page sending this is refused and moves no one). */
  | ({ readonly type: 'go' } & RoomPosition)
  /** A visitor's page says whether it follows (for the presenter's count) or browses on its own. */
  | { readonly type: 'follow'; readonly following: boolean };

// ——— server → page ———

/** On join, and whenever the page's role changes: where the room is and who this page is in it. */
export type RoomStateMessage = {
  readonly type: 'state';
  readonly epoch: string;
  readonly seq: number;
  readonly role: RoomRole;
  /** A presenter's page is connected now (false: visitors see "the presenter is away"). */
  readonly presenter: boolean;
} & RoomPosition;

/** The presenter moved: the message that moves every following screen. */
export type RoomMoveMessage = { readonly type: 'move'; readonly seq: number } & RoomPosition;

/** To the sender of a `go` only, in the order of its `go`s: the seq its move got (unchanged: already there). */
export type RoomAckMessage = { readonly type: 'ack'; readonly seq: number };

/** To visitors' pages: whether a presenter's page is connected now (sent when that changes). */
export type RoomPresenceMessage = { readonly type: 'presence'; readonly presenter: boolean };

/** For presenters only: visitors' pages connected, and how many of them follow. */
export type RoomCountMessage = {
  readonly type: 'count';
  readonly connected: number;
  readonly following: number;
};

/** A command the server would not carry out, and why, in words. */
export type RoomRefusedMessage = {
  readonly type: 'refused';
  readonly code: string;
  readonly message: string;
};

export type RoomMessage =
  | RoomStateMessage
  | RoomMoveMessage
  | RoomAckMessage
  | RoomPresenceMessage
  | RoomCountMessage
  | RoomRefusedMessage;

/** A deck has a few hundred slides at most; anything past this is not a position. */
const maxIndex = 10_000;

function isIndex(value: unknown, min: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= maxIndex;
}

function isSeq(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** The largest room command in bytes (a position is a few dozen): the server refuses bigger frames unread. */
export const roomCommandLimit = 1024;

function objectOf(text: string): Record<string, unknown> | null {
  if (text.length > roomCommandLimit) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function positionOf(m: Record<string, unknown>): RoomPosition | null {
  return isIndex(m.h, 0) && isIndex(m.v, 0) && isIndex(m.f, -1) ? { h: m.h, v: m.v, f: m.f } : null;
}

/** The server's check of what a page sends on /room: a command, or what is wrong with it. */
export function parseRoomCommand(text: string): RoomCommand | { error: string } {
  const m = objectOf(text);
  if (!m) return { error: 'a message on /room is one small JSON object' };
  if (m.type === 'go') {
    const position = positionOf(m);
    return position ? { type: 'go', ...position } : { error: 'go needs integer h ≥ 0, v ≥ 0, f ≥ -1' };
  }
  if (m.type === 'follow') {
    return typeof m.following === 'boolean'
      ? { type: 'follow', following: m.following }
      : { error: 'follow needs a boolean "following"' };
  }
  return { error: `unknown message type ${JSON.stringify(m.type)}` };
}

/** The page's check of what the server sends on /room: null for anything it does not understand. */
export function parseRoomMessage(text: string): RoomMessage | null {
  const m = objectOf(text);
  if (!m) return null;
  switch (m.type) {
    case 'state': {
      const position = positionOf(m);
      if (!position || typeof m.epoch !== 'string' || !isSeq(m.seq)) return null;
      if (m.role !== 'presenter' && m.role !== 'visitor') return null;
      if (typeof m.presenter !== 'boolean') return null;
      const { epoch, seq, role, presenter } = m as {
        epoch: string;
        seq: number;
        role: RoomRole;
        presenter: boolean;
      };
      return { type: 'state', epoch, seq, role, presenter, ...position };
    }
    case 'ack':
      return isSeq(m.seq) ? { type: 'ack', seq: m.seq as number } : null;
    case 'presence':
      return typeof m.presenter === 'boolean' ? { type: 'presence', presenter: m.presenter } : null;
    case 'move': {
      const position = positionOf(m);
      return position && isSeq(m.seq) ? { type: 'move', seq: m.seq as number, ...position } : null;
    }
    case 'count':
      return Number.isSafeInteger(m.connected) && Number.isSafeInteger(m.following)
        ? { type: 'count', connected: m.connected as number, following: m.following as number }
        : null;
    case 'refused':
      return typeof m.code === 'string' && typeof m.message === 'string'
        ? { type: 'refused', code: m.code, message: m.message }
        : null;
    default:
      return null;
  }
}

/** A position's fields in the wire's order, so a move reads `{"type":"move","seq":7,"h":3,"v":0,"f":1}`. */
export function roomJson(message: RoomMessage | RoomCommand): string {
  return JSON.stringify(message);
}
