import type { AllocateBytes } from '../src/protocol/index.ts';

/**
 * Payload memory for the decoder without zero-filling, as ws's Receiver gets it (`Buffer.allocUnsafe`).
 * Safe because the decoder writes every byte before a frame leaves it (src/protocol/byteSlab.ts); a
 * plain Uint8Array view, not a Buffer, because views of a Buffer are Buffers and several times slower
 * to make.
 */
export const uninitialisedBytes: AllocateBytes = (length) =>
  new Uint8Array(Buffer.allocUnsafeSlow(length).buffer, 0, length);
