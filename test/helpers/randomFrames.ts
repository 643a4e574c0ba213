import type { FrameSpec } from '../../src/protocol/index.ts';

/** mulberry32: a small seeded PRNG, so a failing random case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

export function randomInt(random: Random, below: number): number {
  return Math.floor(random() * below);
}

export function randomBytes(random: Random, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = randomInt(random, 256);
  return out;
}

/** Lengths clustered on the edges where the length form changes, plus a few anywhere. */
const smallEdges = [0, 1, 124, 125, 126, 127];
const largeEdges = [65534, 65535, 65536, 65537];

export function randomPayloadLength(random: Random, control: boolean): number {
  if (control) return random() < 0.5 ? smallEdges[randomInt(random, 4)]! : randomInt(random, 126);
  const pick = random();
  if (pick < 0.5) return smallEdges[randomInt(random, smallEdges.length)]!;
  if (pick < 0.6) return largeEdges[randomInt(random, largeEdges.length)]!;
  return randomInt(random, 3000);
}

/** Valid UTF-8 text of about `length` bytes, with ASCII, CJK, and 4-byte emoji mixed in. */
export function randomText(random: Random, length: number): string {
  const pieces = ['a', 'Z', ' ', 'é', '中', '文', '😀', '\u{10FFFF}', '\u0000'];
  let out = '';
  let bytes = 0;
  while (bytes < length) {
    const piece = pieces[randomInt(random, pieces.length)]!;
    out += piece;
    bytes += new TextEncoder().encode(piece).length;
  }
  return out;
}

/** A random, mostly well-formed frame: all opcodes (reserved too), masked or not, edge lengths. */
export function randomFrameSpec(random: Random): FrameSpec & { payload: Uint8Array } {
  const opcode = randomInt(random, 16);
  const control = opcode >= 8;
  const length = randomPayloadLength(random, control);
  const payload =
    opcode === 1 && random() < 0.8
      ? new TextEncoder().encode(randomText(random, length))
      : randomBytes(random, length);
  return {
    opcode,
    payload,
    fin: control ? random() < 0.95 : random() < 0.8,
    rsv1: random() < 0.03,
    rsv2: random() < 0.02,
    rsv3: random() < 0.02,
    mask: random() < 0.5 ? randomBytes(random, 4) : false,
    // Now and then a length in a longer form than it needs (a violation ws does not check).
    ...(random() < 0.03 ? { lengthForm: length < 126 ? (random() < 0.5 ? 16 : 64) : 64 } : {}),
  };
}

/** Cuts bytes into random chunks: often 1-byte pieces, sometimes whole. */
export function randomChunks(random: Random, bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  // 1-byte-ish chunks for small streams only: a 64 KiB frame in 3-byte reads proves nothing more, slowly.
  const style = bytes.length > 4096 && randomInt(random, 3) === 1 ? 2 : randomInt(random, 3);
  let at = 0;
  while (at < bytes.length) {
    const size =
      style === 0 ? bytes.length : style === 1 ? 1 + randomInt(random, 7) : 1 + randomInt(random, 9000);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}
