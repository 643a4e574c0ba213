import { randomFillSync } from 'node:crypto';
import { closePayload, encodeFrame, type FrameSpec, Opcode } from '../../protocol/index.ts';
import { deflateDataBytes, deflateDataOf, nextMessage } from '../deflate/testData.ts';
import type { DeflateScript, Observation } from '../types.ts';
import { openConnection } from './connection.ts';
import { acceptedDeflate, MessageDeflater, MessageInflater } from './deflateCodec.ts';
import type { Target } from './target.ts';
import type { Timing } from './timing.ts';

/** Each direction's first bytes are kept for the report and the inspector; the rest is only counted. */
const transcriptLimit = 64 * 1024;

/**
 * The frames of one compressed message, as Autobahn's sendMessage cuts them: one frame when there is no
 * auto-fragment size or the payload fits, else pieces of `fragmentSize` bytes; RSV1 on the first frame
 * only (RFC 7692 §6.1). `mask` gives each frame's key (random in a run, fixed in a test).
 */
export function deflateFrames(
  compressed: Uint8Array,
  binary: boolean,
  fragmentSize: number,
  mask: () => Uint8Array | true = () => true,
): Uint8Array[] {
  const opcode = binary ? Opcode.binary : Opcode.text;
  if (fragmentSize === 0 || compressed.length <= fragmentSize)
    return [encodeFrame({ opcode, payload: compressed, rsv1: true, mask: mask() })];
  const frames: Uint8Array[] = [];
  for (let at = 0; at < compressed.length; at += fragmentSize) {
    const last = at + fragmentSize >= compressed.length;
    const spec: FrameSpec = {
      opcode: at === 0 ? opcode : Opcode.continuation,
      payload: compressed.subarray(at, at + fragmentSize),
      fin: last,
      rsv1: at === 0,
      mask: mask(),
    };
    frames.push(encodeFrame(spec));
  }
  return frames;
}

/** Masking keys from one random read per 1,024 frames: a case writes up to 512,000 frames. */
function maskKeys(): () => Uint8Array {
  const pool = new Uint8Array(4096);
  let at = pool.length;
  return () => {
    if (at === pool.length) {
      randomFillSync(pool);
      at = 0;
    }
    at += 4;
    return pool.subarray(at - 4, at);
  };
}

function joined(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function differs(got: Uint8Array, sent: Uint8Array): boolean {
  if (got.length !== sent.length) return true;
  for (let i = 0; i < got.length; i++) if (got[i] !== sent[i]) return true;
  return false;
}

/**
 * Autobahn's 12.x/13.x against one server: offer permessage-deflate as the case does; if the server
 * accepts, send `count` compressed messages one at a time, each only after the last one's echo came back
 * inflated to exactly what was sent; then close with 1000. If it declines, close at once (UNIMPLEMENTED).
 */
export async function runDeflateCase(
  script: DeflateScript,
  target: Target,
  timing: Timing,
): Promise<Observation> {
  const started = performance.now();
  const connection = await openConnection(target, timing.handshakeMs, {
    extensions: script.offers,
    transcriptLimit,
    // 1,000 echoes of up to 128 KiB, none kept: a little over the count's worth is the most a server sends.
    receiveLimit: script.count * (script.size + 1024) + 1024 * 1024,
  });
  const base = { serverViolations: [], closedBeforeStep: null, waitedMs: 0, timedOut: false };
  if ('error' in connection)
    return {
      ...base,
      handshakeError: connection.error,
      events: [],
      tcpClosedAt: null,
      closedByMe: false,
      durationMs: performance.now() - started,
      transcript: [],
    };
  const params = acceptedDeflate(connection.extensions, script.offers);
  if (params !== null && 'problem' in params) {
    connection.destroy();
    return {
      ...base,
      handshakeError: `handshake refused: ${params.problem}`,
      events: [],
      tcpClosedAt: null,
      closedByMe: false,
      durationMs: performance.now() - started,
      transcript: connection.transcript,
    };
  }

  const data = deflateDataBytes(script.data);
  const binary = deflateDataOf(script.data).binary;
  const inbox: { kind: 'text' | 'binary'; payload: Uint8Array; compressed: boolean }[] = [];
  connection.onMessage = (message) => inbox.push(message);
  const deadline = started + script.waitSeconds * 1000;
  let echoed = 0;
  let payloadBytes = 0;
  let mismatch: string | null = null;
  let timedOut = false;
  if (params !== null) {
    const deflater = new MessageDeflater(params);
    const inflater = new MessageInflater(params);
    const mask = maskKeys();
    let from = 0;
    for (let i = 0; i < script.count && connection.open && mismatch === null; i++) {
      const { message, next } = nextMessage(data, from, script.size);
      from = next;
      payloadBytes += message.length;
      const frames = deflateFrames(await deflater.compress(message), binary, script.fragmentSize, mask);
      await connection.write(joined(frames), false, true);
      const arrived = await connection.until(
        () => inbox.length > 0 || !connection.open,
        Math.max(0, deadline - performance.now()),
      );
      if (!arrived) {
        timedOut = true;
        break;
      }
      const got = inbox.shift();
      if (!got) break;
      const inflated = got.compressed ? await inflater.inflate(got.payload) : got.payload;
      const wanted = binary ? 'binary' : 'text';
      if ('error' in inflated) mismatch = `message ${i + 1} does not inflate: ${inflated.error}`;
      else if (got.kind !== wanted) mismatch = `message ${i + 1} came back ${got.kind}, sent ${wanted}`;
      else if (inflated.length !== message.length)
        mismatch = `message ${i + 1} came back ${inflated.length} B long, sent ${message.length} B`;
      else if (differs(inflated, message)) mismatch = `message ${i + 1} came back with other bytes`;
      else echoed++;
    }
    deflater.close();
    inflater.close();
  }
  connection.onMessage = null;
  // Autobahn closes with 1000 in every outcome: done, a wrong echo, its timeout, or no extension.
  if (connection.open)
    await connection.write(encodeFrame({ opcode: Opcode.close, payload: closePayload(1000), mask: true }));
  const waitFrom = connection.now();
  const closed = await connection.until(() => !connection.open, timing.closeAnswerMs);
  const waitedMs = connection.now() - waitFrom;
  if (!connection.open) await connection.until(() => connection.tcpClosedAt !== null, timing.closeMs);
  connection.destroy();
  return {
    ...base,
    handshakeError: null,
    events: connection.events,
    serverViolations: connection.serverViolations,
    closedBeforeStep: closed ? 0 : null,
    tcpClosedAt: connection.tcpClosedAt,
    closedByMe: connection.closedByMe,
    peerEndedAt: connection.peerEndedAt,
    waitedMs,
    timedOut: timedOut || !closed,
    durationMs: performance.now() - started,
    transcript: connection.transcript,
    deflate: {
      accepted: params === null ? null : (connection.extensions ?? null),
      echoed,
      mismatch,
      payloadBytes,
      wireBytes: connection.wireBytes.sent + connection.wireBytes.received,
    },
  };
}
