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
  'misc',
  'deflate',
  'deflate-params',
] as const;
export type CategoryId = (typeof categoryIds)[number];

export { type CloseResult, closeResults, type Result, results } from '../shared/conformResult.ts';

import type { CloseResult, Result } from '../shared/conformResult.ts';

/** Autobahn's spelling of each result, for the reports and the docs. */
export const autobahnNames: Record<Result | CloseResult, string> = {
  pass: 'OK',
  'non-strict': 'NON-STRICT',
  informational: 'INFORMATIONAL',
  fail: 'FAILED',
  unimplemented: 'UNIMPLEMENTED',
  ok: 'OK',
  'wrong-code': 'WRONG CODE',
  unclean: 'UNCLEAN',
  'failed-by-client': 'FAILED BY CLIENT',
  failed: 'FAILED',
};

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
  | { readonly wait: number }
  /**
   * Autobahn's 9.7/9.8: write `frame`, wait for the server's answer, `count` times (one message in flight
   * at a time); stops at the first answer that does not come.
   */
  | { readonly roundTrips: { readonly count: number; readonly frame: FrameSpec } };

/** Something the server sends back: a message or a pong, with its exact payload. */
export type Reply = { readonly kind: 'text' | 'binary' | 'pong'; readonly payload: Uint8Array };

/** Rules both kinds share, named as Autobahn's case files name them. */
type CloseRules = {
  /**
   * Autobahn's "WRONG CODE makes the case FAILED" (its category 7 cases): the close code is what the case
   * tests, so a wrong one fails the behaviour too, not only the close column.
   */
  readonly wrongCodeFails?: boolean;
  /** Autobahn's `requireClean`: the closing handshake must complete and the server end TCP. */
  readonly requireClean?: boolean;
};

export type Expectation =
  /**
   * Autobahn's echo shape: the server answers with exactly `replies` (its OK outcome), then we close with
   * 1000 (closedByMe) and the server answers with one of `closeCodes` (or no code) and ends TCP. When the
   * steps already sent a close, that close is ours.
   */
  | ({
      readonly kind: 'echo';
      readonly replies: readonly Reply[];
      readonly closeCodes?: readonly number[];
      /** Autobahn's NON-STRICT outcome, when the case has one. */
      readonly nonStrict?: readonly Reply[];
      /** Autobahn's 9.x rule: replies are compared by kind and length, not byte for byte. */
      readonly lengthsOnly?: boolean;
      /** The replies come `times` times in a row (9.7/9.8: a thousand echoes). */
      readonly times?: number;
    } & CloseRules)
  /**
   * Autobahn's fail shape: the server answers with exactly `before` (OK; `nonStrict` is the NON-STRICT
   * outcome, usually nothing at all) and then fails the connection itself: a close with one of `codes`
   * or TCP dropped. Who closes first is judged in the close column (closedByMe is false unless the steps
   * sent a close).
   */
  | ({
      readonly kind: 'fail';
      readonly codes: readonly number[];
      readonly before?: readonly Reply[];
      readonly nonStrict?: readonly Reply[];
      /**
       * Autobahn's 6.4.x timeouts: closing before step `tooEarlyBefore` ran fails (the valid first part
       * was refused), before step `strictBefore` passes (fail fast), later is non-strict.
       */
      readonly failFast?: { readonly tooEarlyBefore: number; readonly strictBefore: number };
      /** Autobahn's `closedByWrongEndpointIsFatal` (its UTF-8 cases): if we had to close, the case fails. */
      readonly wrongEndpointFails?: boolean;
    } & CloseRules)
  /** The RFC leaves the behaviour open: whatever happens is reported, never judged (both columns). */
  | { readonly kind: 'informational'; readonly about: Bilingual }
  /**
   * Autobahn's 12.x/13.x: every compressed message comes back inflated to exactly what was sent (type,
   * length, bytes), all `count` of them within the case's time, then a clean close with 1000 (ours).
   * A server that does not accept permessage-deflate is UNIMPLEMENTED, not failed.
   */
  | ({ readonly kind: 'deflate-echo' } & CloseRules);

/** The test data of Autobahn's 12.x/13.x (its testdata/ files), by the name Autobahn gives each. */
export type DeflateDataId = 'json_data1' | 'lena512' | 'gutenberg_faust' | 'html_data1' | 'ooms';

/** What one 12.x/13.x case sends: Autobahn's MSG_SIZES row, its data set and its client offers. */
export type DeflateScript = {
  readonly data: DeflateDataId;
  /** Payload length of every message, cut from the data set where the last one ended (wrapping). */
  readonly size: number;
  /** Messages sent, one at a time: the next goes once the last one's echo is checked. */
  readonly count: number;
  /** Autobahn's auto-fragment size: the compressed payload cut into frames of this many bytes (0: one). */
  readonly fragmentSize: number;
  /** The Sec-WebSocket-Extensions offers, in order (13.7 offers three). */
  readonly offers: readonly string[];
  /** Autobahn's WAITSECS: the whole case must finish within this many seconds. */
  readonly waitSeconds: number;
};

/** How a deflate case went, beside the events (whose messages are not kept: a case moves 131 MB). */
export type DeflateOutcome = {
  /** The server's Sec-WebSocket-Extensions answer, or null when it accepted none. */
  readonly accepted: string | null;
  /** Echoes that came back equal to what was sent. */
  readonly echoed: number;
  /** Why the first wrong echo was wrong (type, length or bytes), or null. */
  readonly mismatch: string | null;
  /** Payload bytes sent (before compression) and the bytes their frames took on the wire. */
  readonly payloadBytes: number;
  readonly wireBytes: number;
};

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
  /** Where ws101 deliberately sends or judges differently from Autobahn's case, and why (the deck shows it). */
  readonly differs?: Bilingual;
  /**
   * How long to wait for the replies before closing, when a case needs longer than the suite's default
   * (Autobahn's WAITSECS for category 9's big messages).
   */
  readonly waitMs?: number;
  /** Run by the CLI only: too big or too long for the deck's quick run (category 9's limits). */
  readonly cliOnly?: boolean;
  /** Autobahn's 12.x/13.x: the compressed echo loop this case runs instead of `steps`. */
  readonly deflate?: DeflateScript;
  /** Autobahn reports the case's time (category 9): the CLI prints duration and throughput. */
  readonly reportTime?: boolean;
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
  /**
   * Autobahn's closedByMe: we sent a close before the server's arrived (ours started the closing
   * handshake). Optional for recorded observations; the runner always sets it.
   */
  readonly closedByMe?: boolean;
  /** When the server's FIN arrived, if it did (ms after the case started). */
  readonly peerEndedAt?: number | null;
  /** How long the case waited at the end for the server to answer or close. */
  readonly waitedMs: number;
  /** True when that last wait ran out. */
  readonly timedOut: boolean;
  readonly durationMs: number;
  readonly transcript: readonly TranscriptChunk[];
  /** Deflate cases only: the negotiation and the echo count (their transcript keeps the first bytes only). */
  readonly deflate?: DeflateOutcome;
};

export type CaseResult = {
  readonly id: string;
  readonly result: Result;
  readonly close: CloseResult;
  readonly expected: string;
  readonly observed: string;
  readonly durationMs: number;
};
