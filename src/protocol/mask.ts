/**
 * RFC 6455 §5.3: octet i of the transformed data is octet i of the original XOR octet (i mod 4) of the
 * masking key. The same function masks and unmasks. `keyOffset` lets a payload be unmasked in pieces;
 * `out` (of the same length) is where the result goes, a new array when not given.
 */
export function applyMask(
  data: Uint8Array,
  key: Uint8Array,
  keyOffset = 0,
  out: Uint8Array = new Uint8Array(data.length),
): Uint8Array {
  const k0 = key[keyOffset & 3]!;
  const k1 = key[(keyOffset + 1) & 3]!;
  const k2 = key[(keyOffset + 2) & 3]!;
  const k3 = key[(keyOffset + 3) & 3]!;
  const length = data.length;
  let i = 0;
  if (length >= 64 && out.byteOffset % 4 === 0) {
    // Whole 32-bit words at a time: copy, then XOR in place through a word view of the aligned copy.
    out.set(data);
    const words = new Uint32Array(out.buffer, out.byteOffset, length >>> 2);
    const keyWord = new Uint32Array(Uint8Array.of(k0, k1, k2, k3).buffer)[0]!; // platform byte order, like `words`
    for (let w = 0; w < words.length; w++) words[w]! ^= keyWord;
    for (i = words.length * 4; i < length; i++) out[i]! ^= key[(i + keyOffset) & 3]!;
    return out;
  }
  for (; i + 3 < length; i += 4) {
    out[i] = data[i]! ^ k0;
    out[i + 1] = data[i + 1]! ^ k1;
    out[i + 2] = data[i + 2]! ^ k2;
    out[i + 3] = data[i + 3]! ^ k3;
  }
  for (; i < length; i++) out[i] = data[i]! ^ key[(i + keyOffset) & 3]!;
  return out;
}

/** A fresh masking key. RFC 6455 §5.3 wants it unpredictable, so it comes from the platform's CSPRNG. */
export function randomMaskingKey(): Uint8Array {
  const key = new Uint8Array(4);
  if (!crypto) throw new Error('no crypto.getRandomValues on this platform');
  crypto.getRandomValues(key);
  return key;
}
