import { headerLengthFrom } from '../protocol/index.ts';

/**
 * Where input that ends inside a frame stopped: how long the header is and how much of it is missing, and
 * the payload's length and missing part once the length field has arrived (null before that).
 */
export type Truncation = {
  readonly have: number;
  /** Null while fewer than two bytes are there: the second byte says how long the header is. */
  readonly headerLength: number | null;
  readonly headerMissing: number;
  readonly payloadLength: number | null;
  readonly payloadMissing: number | null;
};

/** Reads the length fields as far as they arrived (RFC 6455 §5.2: 7-bit, or 16/64-bit big-endian after it). */
function knownPayloadLength(bytes: Uint8Array): number | null {
  const lengthCode = bytes[1]! & 0x7f;
  if (lengthCode < 126) return lengthCode;
  const size = lengthCode === 126 ? 2 : 8;
  if (bytes.length < 2 + size) return null;
  let length = 0;
  for (let i = 0; i < size; i++) length = length * 256 + bytes[2 + i]!;
  return length;
}

/** What the bytes left after the last whole frame still need: they are the start of one more frame. */
export function truncation(remainder: Uint8Array): Truncation {
  const have = remainder.length;
  if (have < 2) {
    return { have, headerLength: null, headerMissing: 2 - have, payloadLength: null, payloadMissing: null };
  }
  const headerLength = headerLengthFrom(remainder[1]!);
  const payloadLength = knownPayloadLength(remainder);
  const payloadHave = Math.max(0, have - headerLength);
  return {
    have,
    headerLength,
    headerMissing: Math.max(0, headerLength - have),
    payloadLength,
    payloadMissing: payloadLength === null ? null : payloadLength - payloadHave,
  };
}
