/**
 * Masking 4 bytes at a time (RFC 6455 §5.3), for engines without WebAssembly SIMD: copy the data to
 * `out`, then XOR `out` in place through a 32-bit view. A word view needs a 4-byte-aligned start, so the
 * bytes before the first aligned one (the head) and after the last whole word (the tail) go byte by byte,
 * and the key word is rotated to match where the aligned part starts.
 */
export function maskWords(data: Uint8Array, key: Uint8Array, keyOffset: number, out: Uint8Array): Uint8Array {
  const length = data.length;
  if (out !== data) out.set(data);
  const head = Math.min(length, (4 - (out.byteOffset & 3)) & 3);
  for (let i = 0; i < head; i++) out[i]! ^= key[(i + keyOffset) & 3]!;
  const wordCount = (length - head) >>> 2;
  if (wordCount === 0) return applyTail(out, key, keyOffset, head);
  const words = new Int32Array(out.buffer, out.byteOffset + head, wordCount);
  const keyWord = keyWordAt(key, keyOffset + head);
  let w = 0;
  for (; w + 3 < wordCount; w += 4) {
    words[w]! ^= keyWord;
    words[w + 1]! ^= keyWord;
    words[w + 2]! ^= keyWord;
    words[w + 3]! ^= keyWord;
  }
  for (; w < wordCount; w++) words[w]! ^= keyWord;
  return applyTail(out, key, keyOffset, head + wordCount * 4);
}

function applyTail(out: Uint8Array, key: Uint8Array, keyOffset: number, from: number): Uint8Array {
  for (let i = from; i < out.length; i++) out[i]! ^= key[(i + keyOffset) & 3]!;
  return out;
}

/** True where the platform stores the low byte of a word first (nearly everywhere; the view follows it). */
const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The word whose 4 bytes, in memory order, are key[at mod 4], key[(at + 1) mod 4], … */
function keyWordAt(key: Uint8Array, at: number): number {
  const b0 = key[at & 3]!;
  const b1 = key[(at + 1) & 3]!;
  const b2 = key[(at + 2) & 3]!;
  const b3 = key[(at + 3) & 3]!;
  // A signed 32-bit value (no `>>> 0`): above 2^31 an unsigned one is a double to the engine, and XORing
  // words with a double was 2–3× slower than with a small integer.
  return littleEndian ? b0 | (b1 << 8) | (b2 << 16) | (b3 << 24) : (b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
}
