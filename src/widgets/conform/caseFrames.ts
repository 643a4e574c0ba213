import { parseHex, WireDecoder } from '../../protocol/index.ts';
import type { FrameItem } from '../frame-inspector/frameDetail.ts';

/** A case's TCP writes (s) and reads (r) as the server recorded them. */
export type CaseChunk = { readonly d: 's' | 'r'; readonly at: number; readonly hex: string };

/**
 * The frames of one case, decoded here from the bytes that crossed the wire (never re-encoded): one
 * decoder per direction, fed chunk by chunk, frames listed in the order they completed.
 */
export function caseFrames(chunks: readonly CaseChunk[]): {
  items: FrameItem[];
  leftover: { s: number; r: number };
} {
  const decoders = { s: new WireDecoder({ sender: 'client' }), r: new WireDecoder({ sender: 'server' }) };
  const items: FrameItem[] = [];
  chunks.forEach((chunk, index) => {
    const parsed = chunk.hex === '' ? null : parseHex(chunk.hex);
    if (!parsed?.ok) return;
    const { frames } = decoders[chunk.d].push(parsed.bytes, index);
    for (const frame of frames) {
      items.push({
        seq: items.length + 1,
        frame,
        direction: chunk.d === 's' ? 'client' : 'server',
        t: null,
        connection: null,
        message: null,
        spans: [],
      });
    }
  });
  return { items, leftover: { s: decoders.s.remainder().length, r: decoders.r.remainder().length } };
}
