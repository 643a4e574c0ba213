import { maskWithSimd, simdMaskingAvailable } from './maskSimd.ts';
import { maskWords } from './maskWords.ts';

/**
 * RFC 6455 §5.3, as the slides teach it: octet i of the transformed data is octet i of the original XOR
 * octet (i mod 4) of the masking key. The same function masks and unmasks. `keyOffset` lets a payload be
 * unmasked in pieces (a piece starting at payload byte n passes n); `out` (of the same length, either
 * `data` itself or not overlapping it) is where the result goes, a new array when not given.
 *
 * This byte loop is the reference: the faster ways below must give exactly its bytes (the differential
 * test checks them against it, and against ws's native addon, over the fuzz corpus).
 */
export function applyMaskBytewise(
  data: Uint8Array,
  key: Uint8Array,
  keyOffset = 0,
  out: Uint8Array = new Uint8Array(data.length),
): Uint8Array {
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ key[(i + keyOffset) % 4]!;
  return out;
}

/**
 * Below this many bytes a plain byte loop wins: the faster ways pay a fixed cost (a word view, a call into
 * WebAssembly and two copies) that a short payload does not earn back. Measured with `npm run bench`.
 */
const wordwiseFrom = 32;
const simdFrom = 128;

/**
 * The same bytes as `applyMaskBytewise`, as fast as the platform allows: 16 bytes at a time with
 * WebAssembly SIMD where the engine has it (maskSimd.wat), else 4 at a time through a word view, and
 * short payloads byte by byte.
 */
export function applyMask(
  data: Uint8Array,
  key: Uint8Array,
  keyOffset = 0,
  out: Uint8Array = new Uint8Array(data.length),
): Uint8Array {
  const length = data.length;
  if (length >= simdFrom && simdMaskingAvailable) return maskWithSimd(data, key, keyOffset, out);
  if (length >= wordwiseFrom) return maskWords(data, key, keyOffset, out);
  return maskFourAtATime(data, key, keyOffset, out);
}

/**
 * The byte loop, four bytes a turn with the key bytes held in locals: for the short payloads (control
 * frames, small messages) where a word view or a WebAssembly call costs more than it saves, and where a
 * `% 4` and a key lookup per byte are a tenth of a 16-byte frame's decoding time.
 */
function maskFourAtATime(data: Uint8Array, key: Uint8Array, keyOffset: number, out: Uint8Array): Uint8Array {
  const k0 = key[keyOffset % 4]!;
  const k1 = key[(keyOffset + 1) % 4]!;
  const k2 = key[(keyOffset + 2) % 4]!;
  const k3 = key[(keyOffset + 3) % 4]!;
  const length = data.length;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    out[i] = data[i]! ^ k0;
    out[i + 1] = data[i + 1]! ^ k1;
    out[i + 2] = data[i + 2]! ^ k2;
    out[i + 3] = data[i + 3]! ^ k3;
  }
  for (; i < length; i++) out[i] = data[i]! ^ key[(i + keyOffset) % 4]!;
  return out;
}

/** A fresh masking key. RFC 6455 §5.3 wants it unpredictable, so it comes from the platform's CSPRNG. */
export function randomMaskingKey(): Uint8Array {
  const key = new Uint8Array(4);
  if (!crypto) throw new Error('no crypto.getRandomValues on this platform');
  crypto.getRandomValues(key);
  return key;
}
