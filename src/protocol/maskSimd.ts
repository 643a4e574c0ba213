import { maskSimdModuleBytes } from './maskSimdBytes.ts';

type MaskModule = { memory: { buffer: ArrayBuffer }; xorInPlace(length: number, keyWord: number): void };

/**
 * The module assembled from maskSimd.wat, or null where the engine has no WebAssembly, no SIMD (its
 * validator then refuses the v128 instructions), or a policy that forbids compiling it (a page whose CSP
 * has neither 'wasm-unsafe-eval' nor 'unsafe-eval'). Then masking falls back to the word loop.
 */
function instantiate(): MaskModule | null {
  try {
    if (typeof WebAssembly !== 'object' || !WebAssembly.validate(maskSimdModuleBytes)) return null;
    // 300 bytes: compiling synchronously is allowed on a page's main thread and takes microseconds.
    const instance = new WebAssembly.Instance(new WebAssembly.Module(maskSimdModuleBytes), {});
    return instance.exports as unknown as MaskModule;
  } catch {
    return null;
  }
}

const module = instantiate();
export const simdMaskingAvailable = module !== null;

// The module's memory is fixed in size (never grown), so views of it stay valid.
const scratch = module ? new Uint8Array(module.memory.buffer) : new Uint8Array(0);
// The view the result is copied out of, kept while lengths repeat (a stream's frames often share one).
let result = scratch.subarray(0, 0);

/**
 * RFC 6455 §5.3 with 16-byte vectors. WebAssembly reaches only its own memory, so the bytes are copied in,
 * XORed there, and copied out to `out`; payloads longer than the scratch memory go through it in pieces
 * of a multiple of 4 bytes, so every piece starts on key[0] again (shifted by `keyOffset`).
 */
export function maskWithSimd(
  data: Uint8Array,
  key: Uint8Array,
  keyOffset: number,
  out: Uint8Array,
): Uint8Array {
  // WebAssembly memory is little-endian on every platform: key byte j is bits 8j to 8j + 7.
  const keyWord =
    key[keyOffset & 3]! |
    (key[(keyOffset + 1) & 3]! << 8) |
    (key[(keyOffset + 2) & 3]! << 16) |
    (key[(keyOffset + 3) & 3]! << 24);
  const length = data.length;
  for (let at = 0; at < length; at += scratch.length) {
    const n = Math.min(scratch.length, length - at);
    scratch.set(at === 0 && n === length ? data : data.subarray(at, at + n));
    module!.xorInPlace(n, keyWord);
    if (result.length !== n) result = scratch.subarray(0, n);
    out.set(result, at);
  }
  return out;
}
