import { concatBytes } from './bytes.ts';
import type { FrameHeader, Sender } from './frameHeader.ts';
import type { Violation } from './violations.ts';

/** Where a frame's bytes came from: bytes [from, to) of the chunk (TCP read) numbered `chunk`. */
export type ChunkSpan = { readonly chunk: number; readonly from: number; readonly to: number };

export type Frame = FrameHeader & {
  /** The header exactly as it was on the wire (2–14 bytes). */
  readonly headerBytes: Uint8Array;
  /** The payload as it was on the wire: masked when MASK is 1. */
  readonly wirePayload: Uint8Array;
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

/** The whole frame as it was on the wire. */
export function frameWireBytes(frame: Frame): Uint8Array {
  return concatBytes([frame.headerBytes, frame.wirePayload]);
}
