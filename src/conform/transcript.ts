import { concatBytes, decodeFrames, opcodeInfo, toHex } from '../protocol/index.ts';
import type { TranscriptChunk } from './types.ts';

/** How many bytes of each direction a report or the deck keeps per case (big cases send 256 KiB). */
export const keptBytes = 4096;

export type KeptBytes = { readonly hex: string; readonly total: number };

/** One direction's bytes, joined in order and cut at `limit`, as hex. */
export function directionBytes(
  transcript: readonly TranscriptChunk[],
  direction: TranscriptChunk['direction'],
  limit = keptBytes,
): KeptBytes {
  const all = concatBytes(transcript.filter((c) => c.direction === direction).map((c) => c.bytes));
  return { hex: toHex(all.subarray(0, limit), ' '), total: all.length };
}

/** Each frame of `bytes` in one line, decoded by the protocol core, violations named. */
export function frameLines(bytes: Uint8Array, sender: 'client' | 'server'): string[] {
  const decoded = decodeFrames(bytes, { sender, maxPayload: 64 * 1024 * 1024 });
  const lines = decoded.frames.map((frame) => {
    const rsv = `${+frame.rsv1}${+frame.rsv2}${+frame.rsv3}`;
    const name = opcodeInfo(frame.opcode).name;
    const broken = frame.violations.map((v) => ` ⚠ ${v.rule} (${v.closeCode})`).join('');
    return `${name.padEnd(12)} FIN=${+frame.fin} RSV=${rsv} MASK=${+frame.masked} len ${frame.payloadLength}${broken}`;
  });
  if (decoded.incomplete)
    lines.push(
      `… ${decoded.remainder.length} bytes of a frame (needs ${decoded.incomplete.bytesNeeded} more)`,
    );
  return lines;
}
