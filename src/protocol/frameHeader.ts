import type { AllocateBytes } from './byteSlab.ts';
import { isControlOpcode, opcodeInfo } from './opcodes.ts';
import { type Violation, violation } from './violations.ts';

/** Who put the bytes on the wire. RFC 6455 §5.1: clients mask every frame, servers never do. */
export type Sender = 'client' | 'server';

/** How the payload length was written: in the 7-bit field, or 126/127 followed by 16 or 64 bits. */
export type LengthForm = 7 | 16 | 64;

export type FrameHeader = {
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: number;
  readonly masked: boolean;
  /** The value of the 7-bit "Payload len" field itself (0–127). */
  readonly lengthCode: number;
  readonly lengthForm: LengthForm;
  /**
   * The payload length as written. Exact up to 2^53; a larger 64-bit value (only a broken or hostile
   * frame has one) is approximate here, and exact in `extendedLengthValue`. A number, not a bigint:
   * bigints cost a third of the decoder's time on small frames.
   */
  readonly payloadLength: number;
  readonly maskingKey: Uint8Array | null;
  readonly headerLength: number;
};

export type HeaderNeed = { readonly needed: number };

export type DecoderContext = {
  /** Who sent the bytes; `undefined` checks neither masking rule (the CLI infers it instead). */
  readonly sender?: Sender | undefined;
  /** RFC 7692: permessage-deflate gives RSV1 a meaning. */
  readonly perMessageDeflate?: boolean;
  /** Payloads (and messages) above this many bytes are refused with 1009. */
  readonly maxPayload?: number;
  /** Where payload memory comes from (byteSlab.ts): zero-filled unless the caller has better. */
  readonly allocate?: AllocateBytes;
};

export const defaultMaxPayload = 1024 * 1024;

/** Header size in bytes once the first two bytes are known. */
export function headerLengthFrom(byte1: number): number {
  const lengthCode = byte1 & 0x7f;
  const extended = lengthCode === 126 ? 2 : lengthCode === 127 ? 8 : 0;
  return 2 + extended + (byte1 & 0x80 ? 4 : 0);
}

/**
 * Reads a frame header at `offset`. Returns how many bytes are needed when fewer are there; never throws,
 * never validates (that is `headerViolations`), so a malformed header is still read in full.
 */
export function parseFrameHeader(bytes: Uint8Array, offset = 0): FrameHeader | HeaderNeed {
  const available = bytes.length - offset;
  if (available < 2) return { needed: 2 };
  const byte0 = bytes[offset]!;
  const byte1 = bytes[offset + 1]!;
  const headerLength = headerLengthFrom(byte1);
  if (available < headerLength) return { needed: headerLength };
  const lengthCode = byte1 & 0x7f;
  const lengthForm = lengthFormOf(lengthCode);
  const payloadLength = payloadLengthAt(bytes, offset, lengthCode);
  const masked = (byte1 & 0x80) !== 0;
  const keyStart = offset + headerLength - 4;
  return {
    fin: (byte0 & 0x80) !== 0,
    rsv1: (byte0 & 0x40) !== 0,
    rsv2: (byte0 & 0x20) !== 0,
    rsv3: (byte0 & 0x10) !== 0,
    opcode: byte0 & 0x0f,
    masked,
    lengthCode,
    lengthForm,
    payloadLength,
    // A view made from the buffer: `subarray` looks up a species constructor, twice the cost per frame.
    maskingKey: masked ? new Uint8Array(bytes.buffer, bytes.byteOffset + keyStart, 4) : null,
    headerLength,
  };
}

/** How the length was written, from the 7-bit field: 126 means 16 more bits, 127 means 64. */
export function lengthFormOf(lengthCode: number): LengthForm {
  return lengthCode < 126 ? 7 : lengthCode === 126 ? 16 : 64;
}

/** The payload length of the header at `offset`, its extended length bytes present (see `payloadLength`). */
export function payloadLengthAt(bytes: Uint8Array, offset: number, lengthCode: number): number {
  if (lengthCode < 126) return lengthCode;
  if (lengthCode === 126) return (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
  return readUint32(bytes, offset + 2) * 2 ** 32 + readUint32(bytes, offset + 6);
}

/** The extended length field exactly, as a bigint for the 64-bit form (header bytes 2–9). */
export function extendedLengthValue(header: FrameHeader, headerBytes: Uint8Array): number | bigint | null {
  if (header.lengthForm === 7) return null;
  if (header.lengthForm === 16) return header.payloadLength;
  return (BigInt(readUint32(headerBytes, 2)) << 32n) | BigInt(readUint32(headerBytes, 6));
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) >>> 0) + ((bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!);
}

export function isHeaderNeed(result: FrameHeader | HeaderNeed): result is HeaderNeed {
  return 'needed' in result;
}

/** Bit positions of the header fields, shared by violations (to highlight) and annotations (to draw). */
export const headerBits = {
  FIN: [0, 1],
  RSV1: [1, 1],
  RSV2: [2, 1],
  RSV3: [3, 1],
  opcode: [4, 4],
  MASK: [8, 1],
  payloadLength: [9, 7],
} as const satisfies Record<string, readonly [number, number]>;

const extended16Bits = [16, 16] as const;
const extended64Bits = [16, 64] as const;

export function extendedLengthBits(header: FrameHeader): readonly [number, number] | null {
  return header.lengthForm === 7 ? null : header.lengthForm === 16 ? extended16Bits : extended64Bits;
}

/** Every rule a header can break on its own, before any payload byte is seen; added to `found`. */
export function headerViolations(
  header: FrameHeader,
  context: DecoderContext,
  found: Violation[] = [],
): Violation[] {
  const info = opcodeInfo(header.opcode);
  const control = isControlOpcode(header.opcode);
  if (info.reserved) {
    found.push(
      violation(
        'reserved-opcode',
        { en: `0x${header.opcode.toString(16)}`, zh: `0x${header.opcode.toString(16)}` },
        headerBits.opcode,
      ),
    );
  }
  if (header.rsv1) {
    if (!context.perMessageDeflate) {
      found.push(violation('rsv-without-extension', { en: 'RSV1', zh: 'RSV1' }, headerBits.RSV1));
    } else if (control || header.opcode === 0) {
      found.push(violation('rsv1-on-continuation-or-control', undefined, headerBits.RSV1));
    }
  }
  if (header.rsv2)
    found.push(violation('rsv-without-extension', { en: 'RSV2', zh: 'RSV2' }, headerBits.RSV2));
  if (header.rsv3)
    found.push(violation('rsv-without-extension', { en: 'RSV3', zh: 'RSV3' }, headerBits.RSV3));
  if (control && !header.fin) found.push(violation('control-frame-fragmented', undefined, headerBits.FIN));
  const lengthBits = extendedLengthBits(header) ?? headerBits.payloadLength;
  if (control && header.payloadLength > 125) {
    const n = header.payloadLength;
    found.push(violation('control-frame-too-long', { en: `${n} bytes`, zh: `${n} 字节` }, lengthBits));
  }
  if (header.lengthForm === 64 && header.payloadLength >= 2 ** 63) {
    found.push(violation('length-top-bit-set', undefined, [16, 1]));
  } else if (
    (header.lengthForm === 16 && header.payloadLength < 126) ||
    (header.lengthForm === 64 && header.payloadLength < 65536)
  ) {
    const n = header.payloadLength;
    const minimal = n < 126 ? '7' : '16';
    found.push(
      violation(
        'non-minimal-length',
        {
          en: `${n} fits in the ${minimal}-bit form but was written in ${header.lengthForm} bits`,
          zh: `${n} 可以用 ${minimal} 位表示，却用了 ${header.lengthForm} 位`,
        },
        lengthBits,
      ),
    );
  }
  if (context.sender === 'client' && !header.masked) {
    found.push(violation('unmasked-client-frame', undefined, headerBits.MASK));
  }
  if (context.sender === 'server' && header.masked) {
    found.push(violation('masked-server-frame', undefined, headerBits.MASK));
  }
  const limit = context.maxPayload ?? defaultMaxPayload;
  if (header.payloadLength > limit) {
    found.push(
      violation(
        'payload-too-large',
        { en: `${header.payloadLength} > ${limit} bytes`, zh: `${header.payloadLength} > ${limit} 字节` },
        lengthBits,
      ),
    );
  }
  return found;
}
