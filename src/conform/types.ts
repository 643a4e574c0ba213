import type { Bilingual, FrameSpec } from '../protocol/index.ts';

/**
 * The conformance suite's vocabulary. A case is data: the frames to send (and how to chop them into TCP
 * writes), pauses, and what an RFC 6455 server must do about them. The runner (net/) only executes steps
 * and records what came back; judge.ts turns that record into a result. Nothing here touches a socket.
 */

export const categoryIds = [
  'framing',
  'pings',
  'reserved-bits',
  'opcodes',
  'fragmentation',
  'utf8',
  'close',
  'limits',
] as const;
export type CategoryId = (typeof categoryIds)[number];

export const results = ['pass', 'non-strict', 'informational', 'fail', 'unimplemented'] as const;
/**
 * pass: what the RFC asks. non-strict: allowed by the RFC but not the best behaviour (a late close on bad
 * UTF-8, the wrong close code). informational: the RFC leaves it open; we only report. fail: the RFC is
 * broken. unimplemented: the server does not offer what the case needs.
 */
export type Result = (typeof results)[number];

/** One action of a case. */
export type Step =
  /**
   * Frames to write. `chop` says how they cross TCP: all in one write (default), `'frames'` one write per
   * frame, or a number: writes of that many bytes (1 = octet by octet).
   */
  | { readonly send: readonly FrameSpec[]; readonly chop?: 'frames' | number }
  /** Exactly these bytes in one write: a piece of a frame, to cut a frame where the case needs it. */
  | { readonly raw: Uint8Array }
  /** Pause before the next step, e.g. to see whether the server fails fast. */
  | { readonly wait: number };

/** Something the server sends back: a message or a pong, with its exact payload. */
export type Reply = { readonly kind: 'text' | 'binary' | 'pong'; readonly payload: Uint8Array };

export type Expectation =
  /**
   * The server answers with exactly these replies, in order, and closes cleanly with one of `closeCodes`
   * (after our close 1000, or after the close the steps sent). `null` stands for an empty close payload.
   * `fewerPongsNonStrict`: §5.5.3 lets a server answer only the latest of several pings.
   */
  | {
      readonly kind: 'echo';
      readonly replies: readonly Reply[];
      readonly closeCodes?: readonly (number | null)[];
      readonly fewerPongsNonStrict?: boolean;
    }
  /**
   * The server fails the connection (§7.1.7): a close with one of `codes`, or TCP dropped, after sending
   * exactly `before` and nothing else. `failFastBefore`: the close should come before step N runs;
   * closing only after it is non-strict. `wrongCodeFails`: the code itself is what the case tests.
   */
  | {
      readonly kind: 'fail';
      readonly codes: readonly number[];
      readonly before?: readonly Reply[];
      readonly failFastBefore?: number;
      readonly wrongCodeFails?: boolean;
    }
  /** The RFC leaves the behaviour open: whatever happens is reported, never judged. */
  | { readonly kind: 'informational'; readonly about: Bilingual };

export type CaseDef = {
  /** Autobahn|Testsuite's number when `autobahn`, else ws101's own (`ws101.…`). */
  readonly id: string;
  readonly autobahn: boolean;
  readonly category: CategoryId;
  /** The case's group, e.g. "Unexpected continuation bytes". */
  readonly group: string;
  /** What the case sends, in a sentence (the deck shows it in Chinese too). */
  readonly title: Bilingual;
  /** The RFC 6455 section that sets the rule (or RFC 3629 for UTF-8 itself). */
  readonly section: string;
  /** Why the rule exists: what would go wrong without it. */
  readonly why: string;
  readonly steps: readonly Step[];
  readonly expect: Expectation;
};

/** What came back from the server, as our decoder read it. */
export type ObservedEvent =
  | { readonly at: number; readonly kind: 'text' | 'binary' | 'pong' | 'ping'; readonly payload: Uint8Array }
  | { readonly at: number; readonly kind: 'close'; readonly code: number | null; readonly reason: string };

/** One TCP write or read, for the report's bytes and the frame inspector. */
export type TranscriptChunk = {
  readonly direction: 'sent' | 'received';
  readonly at: number;
  readonly bytes: Uint8Array;
};

/** Everything the runner saw while running one case against one server. */
export type Observation = {
  /** Why the opening handshake failed, or null. */
  readonly handshakeError: string | null;
  readonly events: readonly ObservedEvent[];
  /** Rules the server's own frames broke (masked server frames, bad lengths…), in our decoder's words. */
  readonly serverViolations: readonly string[];
  /** Index of the step that was about to run when the server closed; `steps.length` when all ran. */
  readonly closedBeforeStep: number | null;
  /** When the server's TCP side ended (ms after the case started), or null if we dropped it ourselves. */
  readonly tcpClosedAt: number | null;
  /** How long the case waited at the end for the server to answer or close. */
  readonly waitedMs: number;
  /** True when that last wait ran out. */
  readonly timedOut: boolean;
  readonly durationMs: number;
  readonly transcript: readonly TranscriptChunk[];
};

export type CaseResult = {
  readonly id: string;
  readonly result: Result;
  readonly expected: string;
  readonly observed: string;
  readonly durationMs: number;
};
