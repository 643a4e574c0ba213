// The frames `npm run bench` decodes: masked binary frames (a client's), cut into the reads a busy TCP
// socket hands over. Every decoder measured gets exactly these bytes.
import { encodeFrame } from '../../src/protocol/index.ts';

export const readSize = 64 * 1024;

/** `repeat`: passes over the stream per timed turn, so that a turn of the fastest subject lasts ~10 ms. */
export type Case = { label: string; payload: number; frames: number; repeat: number };

export const cases: Case[] = [
  { label: '16 B', payload: 16, frames: 200_000, repeat: 1 },
  { label: '1 KiB', payload: 1024, frames: 24_000, repeat: 2 },
  { label: '64 KiB', payload: 65536, frames: 384, repeat: 4 },
  { label: '1 MiB', payload: 1 << 20, frames: 24, repeat: 4 },
];

// BENCH_SIZES="16 B,1 KiB" measures only those sizes (for a quick look at one).
const only = process.env.BENCH_SIZES?.split(',');
export const casesToRun = cases.filter((c) => !only || only.includes(c.label));

export function makeChunks({ payload, frames }: Case): Buffer[] {
  const content = Uint8Array.from({ length: payload }, (_, i) => (i * 31 + 7) & 0xff);
  const one = encodeFrame({ opcode: 2, payload: content, mask: Uint8Array.of(0x37, 0xfa, 0x21, 0x3d) });
  const all = Buffer.alloc(one.length * frames);
  for (let i = 0; i < frames; i++) all.set(one, i * one.length);
  const chunks: Buffer[] = [];
  // Each read its own Buffer, as a socket gives them.
  for (let at = 0; at < all.length; at += readSize) chunks.push(Buffer.from(all.subarray(at, at + readSize)));
  return chunks;
}

export function totalBytes(chunks: readonly Uint8Array[]): number {
  return chunks.reduce((n, chunk) => n + chunk.length, 0);
}
