/**
 * A conformance case's two verdicts, shared by the runner (src/conform), the inspector protocol that
 * carries them to the page (src/shared/inspector) and every report: the words live here, below both.
 */

export const results = ['pass', 'non-strict', 'informational', 'fail', 'unimplemented'] as const;
/**
 * The behaviour result, one-to-one with Autobahn|Testsuite's `behavior` (docs/conform-autobahn.md):
 * pass = OK, non-strict = NON-STRICT, informational = INFORMATIONAL, fail = FAILED, unimplemented =
 * UNIMPLEMENTED. pass: what the case's OK outcome lists; non-strict: its NON-STRICT outcome (allowed, not
 * the best, e.g. nothing echoed before a bad frame, or a late fail on bad UTF-8); informational: the RFC
 * leaves it open; fail: neither; unimplemented: the server does not offer what the case needs.
 */
export type Result = (typeof results)[number];

export const closeResults = [
  'ok',
  'wrong-code',
  'unclean',
  'failed-by-client',
  'informational',
  'failed',
] as const;
/**
 * The closing handshake's result, one-to-one with Autobahn's `behaviorClose`: ok = OK, wrong-code = WRONG
 * CODE, unclean = UNCLEAN, failed-by-client = FAILED BY CLIENT, informational = INFORMATIONAL, failed =
 * FAILED (the wrong endpoint started the close, or no handshake). Judged apart from the behaviour: only
 * where Autobahn says so (category 7's "wrong code fails") does it change the behaviour result.
 */
export type CloseResult = (typeof closeResults)[number];
