// Our decoder against ws's Receiver on the same bytes. Where ws is more lenient than (or differs from)
// RFC 6455, the difference is named here, so a test can say so instead of hiding it.
import {
  FrameStreamDecoder,
  MessageAssembler,
  type Sender,
  toHex,
  type Violation,
  type WireEvent,
} from '../../src/protocol/index.ts';
import { Receiver, statusCodeOf } from './wsInternals.ts';

export type Outcome =
  | { kind: 'message'; hex: string; isBinary: boolean }
  | { kind: 'ping' | 'pong'; hex: string }
  | { kind: 'close'; code: number; reason: string }
  | { kind: 'error'; closeCodes: number[] };

/** Ways ws (8.x) departs from RFC 6455 that our decoder, teaching the RFC, does not follow. */
export type KnownDifference =
  | 'ws-accepts-non-minimal-length' // RFC 6455 §5.2 requires the minimal form; ws does not check it
  | 'ws-validates-utf8-at-message-end'; // §8.1 allows failing early; ws checks the whole message at its end

export type Comparison = {
  ours: Outcome[];
  theirs: Outcome[];
  difference: KnownDifference | null;
  matches: boolean;
};

function fromEvent(event: WireEvent): Outcome {
  if (event.kind === 'message')
    return { kind: 'message', hex: toHex(event.payload), isBinary: event.opcode === 2 };
  if (event.kind === 'close') return { kind: 'close', code: event.code ?? 1005, reason: event.reason };
  return { kind: event.kind, hex: toHex(event.payload) };
}

/** What our core reports for the stream, up to the first violation, in ws's terms. */
export function ourOutcomes(chunks: Uint8Array[], sender: Sender, maxPayload: number) {
  const decoder = new FrameStreamDecoder({ sender, maxPayload });
  const assembler = new MessageAssembler({ maxPayload });
  const outcomes: Outcome[] = [];
  let firstViolations: Violation[] = [];
  for (const chunk of chunks) {
    for (const frame of decoder.push(chunk)) {
      const event = assembler.push(frame);
      if (frame.violations.length > 0) {
        firstViolations = frame.violations;
        outcomes.push({ kind: 'error', closeCodes: [...new Set(frame.violations.map((v) => v.closeCode))] });
        return { outcomes, firstViolations };
      }
      if (event) outcomes.push(fromEvent(event));
      if (event?.kind === 'close') return { outcomes, firstViolations };
    }
  }
  return { outcomes, firstViolations };
}

export function wsOutcomes(chunks: Uint8Array[], sender: Sender, maxPayload: number): Outcome[] {
  const outcomes: Outcome[] = [];
  let stopped = false;
  const receiver = new Receiver({ isServer: sender === 'client', maxPayload, allowSynchronousEvents: true });
  const record = (outcome: Outcome) => {
    if (!stopped) outcomes.push(outcome);
    if (outcome.kind === 'error' || outcome.kind === 'close') stopped = true;
  };
  receiver.on('message', (data, isBinary) =>
    record({ kind: 'message', hex: data.toString('hex'), isBinary }),
  );
  receiver.on('ping', (data) => record({ kind: 'ping', hex: data.toString('hex') }));
  receiver.on('pong', (data) => record({ kind: 'pong', hex: data.toString('hex') }));
  receiver.on('conclude', (code, reason) => record({ kind: 'close', code, reason: reason.toString() }));
  for (const chunk of chunks) {
    if (stopped) break;
    receiver._write(Buffer.from(chunk), 'buffer', (error) => {
      if (error) record({ kind: 'error', closeCodes: [statusCodeOf(error) ?? -1] });
    });
  }
  return outcomes;
}

function same(a: Outcome, b: Outcome): boolean {
  if (a.kind === 'error' && b.kind === 'error')
    return b.closeCodes.every((code) => a.closeCodes.includes(code));
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Compares the two decoders on one chunked stream. Outcomes must agree one for one, except where a
 * known difference explains the split; then what both saw before it must still agree.
 */
export function compareWithWs(chunks: Uint8Array[], sender: Sender, maxPayload = 1024 * 1024): Comparison {
  const { outcomes: ours, firstViolations } = ourOutcomes(chunks, sender, maxPayload);
  const theirs = wsOutcomes(chunks, sender, maxPayload);
  const prefixAgrees = (n: number) =>
    ours.slice(0, n).every((o, i) => theirs[i] !== undefined && same(o, theirs[i]!));
  const rules = new Set(firstViolations.map((v) => v.rule));
  const exact = ours.length === theirs.length && prefixAgrees(ours.length);
  if (exact) return { ours, theirs, difference: null, matches: true };

  const before = ours.length - 1;
  let difference: KnownDifference | null = null;
  if (rules.size === 1 && rules.has('non-minimal-length')) difference = 'ws-accepts-non-minimal-length';
  else if (
    rules.has('invalid-utf8') &&
    [...rules].every((r) => r === 'invalid-utf8' || r === 'payload-too-large')
  ) {
    // ws reports 1007 only when the message ends (and may report other errors, or control frames, first).
    difference = 'ws-validates-utf8-at-message-end';
  }
  const matches = difference !== null && prefixAgrees(before);
  return { ours, theirs, difference, matches };
}
