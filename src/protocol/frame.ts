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

/** The payload as it was on the wire, in one array (joined once, then the same array every time). */
export function wirePayloadOf(frame: Frame): Uint8Array {
  const wire = frame.wire;
  if (wire instanceof Uint8Array) return wire;
  let joined = joinedWire.get(frame);
  if (!joined) {
    joined = concatBytes(wire);
    joinedWire.set(frame, joined);
  }
  return joined;
}

/** The whole frame as it was on the wire. */
export function frameWireBytes(frame: Frame): Uint8Array {
  const wire = frame.wire;
  return concatBytes(wire instanceof Uint8Array ? [frame.headerBytes, wire] : [frame.headerBytes, ...wire]);
}
