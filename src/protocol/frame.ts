import { concatBytes } from './bytes.ts';
import type { FrameHeader, Sender } from './frameHeader.ts';
import type { Violation } from './violations.ts';

/** Where a frame's bytes came from: bytes [from, to) of the chunk (TCP read) numbered `chunk`. */
export type ChunkSpan = { readonly chunk: number; readonly from: number; readonly to: number };

export type Frame = FrameHeader & {
  /** The header exactly as it was on the wire (2–14 bytes). */
  readonly headerBytes: Uint8Array;
  /**
   * The payload as it was on the wire (masked when MASK is 1), read with `wirePayloadOf`: a view of the
   * read it came in, or, for a masked payload that spanned reads, a view of each read's piece in order,
   * joined only when something asks. A large payload then costs one fresh copy (the unmasked one), not
   * two: at 1 MiB a second copy was a quarter of the decoding time.
   */
  readonly wire: Uint8Array | readonly Uint8Array[];
  /** The payload after unmasking: what the application sees. */
  readonly payload: Uint8Array;
  /** True when the payload was over the limit and was skipped rather than kept. */
  readonly payloadOmitted: boolean;
  readonly sender: Sender | undefined;
  /** Offset of the frame's first byte in the stream it was decoded from. */
  readonly streamOffset: number;
  readonly chunks: readonly ChunkSpan[];
  /** Header rules are checked on decoding; message-level rules (UTF-8, fragmentation) are added later. */
  readonly violations: Violation[];
};

const joinedWire = new WeakMap<Frame, Uint8Array>();

/**
 * The payload as it was on the wire, in one array; with `end`, its first `end` bytes only. Pieces are
 * joined once, the first time more than the first piece is asked for, and the same array is given after:
 * a view showing a payload's first bytes never copies the whole of it.
 */
export function wirePayloadOf(frame: Frame, end = Number.POSITIVE_INFINITY): Uint8Array {
  const wire = frame.wire;
  const whole = wire instanceof Uint8Array ? wire : end <= wire[0]!.length ? wire[0]! : joined(frame, wire);
  return end < whole.length ? whole.subarray(0, end) : whole;
}

function joined(frame: Frame, pieces: readonly Uint8Array[]): Uint8Array {
  let bytes = joinedWire.get(frame);
  if (!bytes) {
    bytes = concatBytes(pieces);
    joinedWire.set(frame, bytes);
  }
  return bytes;
}

/** The whole frame as it was on the wire. */
export function frameWireBytes(frame: Frame): Uint8Array {
  const wire = frame.wire;
  return concatBytes(wire instanceof Uint8Array ? [frame.headerBytes, wire] : [frame.headerBytes, ...wire]);
}
