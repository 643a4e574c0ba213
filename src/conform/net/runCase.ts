import { closePayload, encodeFrame, Opcode } from '../../protocol/index.ts';
import type { CaseDef, Observation, Step } from '../types.ts';
import { type ConformConnection, openConnection } from './connection.ts';
import { runDeflateCase } from './deflateCase.ts';
import type { Target } from './target.ts';
import { defaultTiming, type Timing } from './timing.ts';

function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** The TCP writes a step makes: whole, one per frame, or fixed-size pieces across frame boundaries. */
export function writesOf(step: Extract<Step, { send: unknown }>): Uint8Array[] {
  const frames = step.send.map((spec) => encodeFrame(spec));
  if (step.chop === 'frames') return frames;
  const all = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let offset = 0;
  for (const f of frames) {
    all.set(f, offset);
    offset += f.length;
  }
  return typeof step.chop === 'number' ? chunksOf(all, step.chop) : [all];
}

/** How long one round trip of 9.7/9.8 may take before the case stops sending. */
const roundTripMs = 10_000;

const replyCount = (connection: ConformConnection) =>
  connection.events.filter((e) => e.kind === 'text' || e.kind === 'binary' || e.kind === 'pong').length;

async function runSteps(connection: ConformConnection, steps: readonly Step[]): Promise<number | null> {
  for (const [index, step] of steps.entries()) {
    if (!connection.open) return index;
    if ('wait' in step) {
      await connection.until(() => !connection.open, step.wait);
      continue;
    }
    if ('raw' in step) {
      await connection.write(step.raw);
      continue;
    }
    if ('roundTrips' in step) {
      const frame = encodeFrame(step.roundTrips.frame);
      for (let i = 0; i < step.roundTrips.count && connection.open; i++) {
        const before = replyCount(connection);
        await connection.write(frame);
        if (!(await connection.until(() => !connection.open || replyCount(connection) > before, roundTripMs)))
          break;
      }
      continue;
    }
    for (const bytes of writesOf(step)) {
      if (connection.peerDone) break;
      await connection.write(bytes);
      // Octet-wise writes leave the server a moment: a close or FIN it sent after a bad byte is read
      // before our next byte goes out, so its kernel does not reset the connection over bytes it will
      // never read (a reset would throw away the echo and close we are judging).
      if (step.chop === 1) await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
  return null;
}

/** Runs one case against one server and records what happened; never throws for the server's faults. */
export async function runCase(
  def: CaseDef,
  target: Target,
  timing: Timing = defaultTiming,
): Promise<Observation> {
  if (def.deflate) return runDeflateCase(def.deflate, target, timing);
  const started = performance.now();
  const connection = await openConnection(target, timing.handshakeMs);
  if ('error' in connection) {
    return {
      handshakeError: connection.error,
      events: [],
      serverViolations: [],
      closedBeforeStep: null,
      tcpClosedAt: null,
      closedByMe: false,
      waitedMs: 0,
      timedOut: false,
      durationMs: performance.now() - started,
      transcript: [],
    };
  }
  let closedBeforeStep = await runSteps(connection, def.steps);
  if (def.expect.kind !== 'fail' && !connection.sentClose && connection.open) {
    const wanted = def.expect.kind === 'echo' ? def.expect.replies.length * (def.expect.times ?? 1) : 0;
    await connection.until(
      () => !connection.open || replyCount(connection) >= wanted,
      def.waitMs ?? timing.replyMs,
    );
    if (connection.open)
      await connection.write(encodeFrame({ opcode: Opcode.close, payload: closePayload(1000), mask: true }));
  }
  const waitFrom = connection.now();
  const closed = await connection.until(
    () => !connection.open,
    connection.sentClose ? timing.closeAnswerMs : timing.closeMs,
  );
  const waitedMs = connection.now() - waitFrom;
  if (closedBeforeStep === null && closed) closedBeforeStep = def.steps.length;
  // After the close handshake the server should end TCP first (§7.1.1); give it the same time.
  if (!connection.open) await connection.until(() => connection.tcpClosedAt !== null, timing.closeMs);
  connection.destroy();
  return {
    handshakeError: null,
    events: connection.events,
    serverViolations: connection.serverViolations,
    closedBeforeStep,
    tcpClosedAt: connection.tcpClosedAt,
    closedByMe: connection.closedByMe,
    peerEndedAt: connection.peerEndedAt,
    waitedMs,
    timedOut: !closed,
    durationMs: performance.now() - started,
    transcript: connection.transcript,
  };
}
