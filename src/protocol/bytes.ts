import { type AllocateBytes, zeroFilled } from './byteSlab.ts';

/** The parts back to back in one new array (a single part is returned as it is). */
export function concatBytes(parts: readonly Uint8Array[], allocate: AllocateBytes = zeroFilled): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const part of parts) total += part.length;
  const out = allocate(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
