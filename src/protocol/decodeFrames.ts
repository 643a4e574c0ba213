import { annotateFrame, annotateIncomplete, type Field, type IncompleteFrame } from './fields.ts';
import type { Frame } from './frame.ts';
import type { DecoderContext, Sender } from './frameHeader.ts';
import type { WireEvent } from './messages.ts';
import { WireDecoder } from './wireDecoder.ts';

export type AnnotatedFrame = Frame & { readonly fields: readonly Field[] };

export type DecodedBytes = {
  readonly sender: Sender;
  /** True when the sender was not given and was read off the first frame's MASK bit. */
  readonly senderInferred: boolean;
  readonly frames: readonly AnnotatedFrame[];
  readonly events: readonly WireEvent[];
  /** Trailing bytes that do not make a whole frame. */
  readonly remainder: Uint8Array;
  /** How far the trailing partial frame got, when there is one. */
  readonly incomplete: IncompleteFrame | null;
};

/** RFC 6455 §5.1: clients mask and servers do not, so a frame's MASK bit says who most likely sent it. */
export function inferSender(bytes: Uint8Array): Sender {
  return bytes.length >= 2 && (bytes[1]! & 0x80) !== 0 ? 'client' : 'server';
}

/** Decodes a whole buffer at once (pasted hex, the CLI): every frame annotated, every violation named. */
export function decodeFrames(
  bytes: Uint8Array,
  context: Omit<DecoderContext, 'sender'> & { sender?: Sender } = {},
): DecodedBytes {
  const sender = context.sender ?? inferSender(bytes);
  const decoder = new WireDecoder({ ...context, sender });
  const { frames, events } = decoder.push(bytes, 0);
  const remainder = decoder.remainder();
  return {
    sender,
    senderInferred: context.sender === undefined,
    frames: frames.map((frame) => ({ ...frame, fields: annotateFrame(frame) })),
    events,
    remainder,
    incomplete: remainder.length > 0 ? annotateIncomplete(remainder) : null,
  };
}
