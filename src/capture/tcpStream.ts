import type { TcpSegment } from './tcpSegment.ts';

/** A run of bytes at a stream offset, from one packet; or a hole where the capture lost bytes. */
export type StreamPiece =
  | {
      readonly kind: 'data';
      readonly offset: number;
      readonly bytes: Uint8Array;
      readonly packet: number;
      readonly timestampMicros: number;
    }
  | { readonly kind: 'gap'; readonly offset: number; readonly length: number; readonly beforePacket: number };

/** One direction of a TCP connection put back in order. */
export type ReassembledStream = {
  readonly pieces: readonly StreamPiece[];
  /** True when the SYN was captured, so offset 0 is the first byte the sender ever sent. */
  readonly startKnown: boolean;
  /** Segments whose bytes had all been seen already (retransmissions, duplicates). */
  readonly retransmissions: number;
  /** Segments that repeated part of what was seen and brought new bytes too. */
  readonly overlaps: number;
  /** Bytes missing between the pieces that were captured. */
  readonly missingBytes: number;
};

/** The signed distance from `base` to `seq` in TCP's 32-bit sequence space (RFC 9293 §3.4). */
function sequenceDistance(seq: number, base: number): number {
  return (seq - base) | 0;
}

/**
 * Puts one direction's segments in stream order. Segments may arrive out of order, twice, or overlapping;
 * the first copy of each byte (in stream order, then in capture order) is kept. Bytes that never arrived are
 * a gap, never guessed across. Without the SYN, the stream starts at the lowest sequence number seen.
 */
export function reassembleStream(segments: readonly TcpSegment[]): ReassembledStream {
  const syn = segments.find((segment) => segment.syn);
  const withData = segments.filter((segment) => segment.payload.length > 0);
  const empty = {
    pieces: [],
    startKnown: syn !== undefined,
    retransmissions: 0,
    overlaps: 0,
    missingBytes: 0,
  };
  if (withData.length === 0) return empty;
  const dataSeq = (segment: TcpSegment) => (segment.syn ? (segment.seq + 1) >>> 0 : segment.seq);
  let base = syn ? (syn.seq + 1) >>> 0 : dataSeq(withData[0]!);
  if (!syn) {
    let lowest = 0;
    for (const segment of withData) lowest = Math.min(lowest, sequenceDistance(dataSeq(segment), base));
    base = (base + lowest) >>> 0;
  }
  const placed = withData
    .map((segment) => ({ segment, offset: sequenceDistance(dataSeq(segment), base) }))
    // With the SYN seen, bytes before the stream's start are not part of it.
    .filter((entry) => entry.offset >= 0)
    .sort((a, b) => a.offset - b.offset || a.segment.packet - b.segment.packet);
  const pieces: StreamPiece[] = [];
  let cursor = 0;
  let retransmissions = 0;
  let overlaps = 0;
  let missingBytes = 0;
  for (const { segment, offset } of placed) {
    const end = offset + segment.payload.length;
    if (end <= cursor) {
      retransmissions++;
      continue;
    }
    if (offset > cursor) {
      pieces.push({ kind: 'gap', offset: cursor, length: offset - cursor, beforePacket: segment.packet });
      missingBytes += offset - cursor;
    } else if (offset < cursor) {
      overlaps++;
    }
    const from = Math.max(offset, cursor);
    pieces.push({
      kind: 'data',
      offset: from,
      bytes: segment.payload.subarray(from - offset),
      packet: segment.packet,
      timestampMicros: segment.timestampMicros,
    });
    cursor = end;
  }
  return { pieces, startKnown: syn !== undefined, retransmissions, overlaps, missingBytes };
}
