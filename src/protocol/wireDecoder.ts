import type { Frame } from './frame.ts';
import type { DecoderContext } from './frameHeader.ts';
import { MessageAssembler, type WireEvent } from './messages.ts';
import { FrameStreamDecoder } from './streamDecoder.ts';

export type WireOutput = { readonly frames: Frame[]; readonly events: WireEvent[] };

/**
 * One direction of one connection, Sans-I/O: feed it the bytes one side sent, chunk by chunk, and collect
 * the frames and the messages/control events they make, every violation attached to its frame.
 */
export class WireDecoder {
  private readonly frames: FrameStreamDecoder;
  private readonly messages: MessageAssembler;

  constructor(context: DecoderContext = {}) {
    this.frames = new FrameStreamDecoder(context);
    this.messages = new MessageAssembler(context);
  }

  push(chunk: Uint8Array, chunkId?: number): WireOutput {
    const frames = this.frames.push(chunk, chunkId);
    const events: WireEvent[] = [];
    for (const frame of frames) {
      const event = this.messages.push(frame);
      if (event) events.push(event);
    }
    return { frames, events };
  }

  /** Bytes that do not yet make a whole frame. */
  remainder(): Uint8Array {
    return this.frames.remainder();
  }
}
