/**
 * RFC 6455 §5.3: octet i of the transformed data is octet i of the original XOR octet (i mod 4) of the
 * masking key. The same function masks and unmasks. `keyOffset` lets a payload be unmasked in pieces
 * (a frame that arrives over several TCP reads) without copying it together first.
 */
export function applyMask(data: Uint8Array, key: Uint8Array, keyOffset = 0): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ key[(i + keyOffset) & 3]!;
  return out;
}

/** A fresh masking key. RFC 6455 §5.3 wants it unpredictable, so it comes from the platform's CSPRNG. */
export function randomMaskingKey(): Uint8Array {
  const key = new Uint8Array(4);
  if (!crypto) throw new Error('no crypto.getRandomValues on this platform');
  crypto.getRandomValues(key);
  return key;
}
