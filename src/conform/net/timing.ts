/**
 * How long a case waits. Short, because a conforming server answers on localhost in milliseconds, but
 * honest: a case that gives up says how long it waited, so a slow server is not mistaken for a silent one.
 */
export type Timing = {
  readonly handshakeMs: number;
  /** For the replies an echo case expects, before it sends its close. */
  readonly replyMs: number;
  /** For the close a server must send after a frame it must refuse (most bad servers never send it). */
  readonly closeMs: number;
  /** For the answer to our own close: every server that got this far sends it, even on a busy machine. */
  readonly closeAnswerMs: number;
};

export const defaultTiming: Timing = { handshakeMs: 3000, replyMs: 2000, closeMs: 1000, closeAnswerMs: 3000 };
