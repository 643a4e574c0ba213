import { applyMask, randomMaskingKey } from './mask.ts';

/**
 * Everything a frame can say, including what it must not: the lab sends malformed frames on purpose.
 * Defaults make a well-formed, unfragmented, unmasked frame with the minimal length form.
 */
export type FrameSpec = {
  readonly opcode: number;
  readonly payload?: Uint8Array | string;
  readonly fin?: boolean;
  readonly rsv1?: boolean;
  readonly rsv2?: boolean;
  readonly rsv3?: boolean;
  /** `true` masks with a random key, a 4-byte array masks with that key. */
  readonly mask?: boolean | Uint8Array;
  /** Force a length form, e.g. 64 bits for a 5-byte payload (non-minimal, a violation). */
  readonly lengthForm?: 7 | 16 | 64;
  /** Write this length instead of the payload's real one (a lie, for the lab). */
  readonly declaredLength?: number | bigint;
};

const textEncoder = new TextEncoder();

export function payloadBytes(payload: Uint8Array | string | undefined): Uint8Array {
  if (payload === undefined) return new Uint8Array(0);
  return typeof payload === 'string' ? textEncoder.encode(payload) : payload;
}

/** Encodes a frame. Throws RangeError only for specs no bit pattern can express (opcode 16, 200 in 7 bits). */
export function encodeFrame(spec: FrameSpec): Uint8Array {
  const { opcode } = spec;
  if (!Number.isInteger(opcode) || opcode < 0 || opcode > 15)
    throw new RangeError(`opcode ${opcode} is not 4 bits`);
  const payload = payloadBytes(spec.payload);
  const declared = BigInt(spec.declaredLength ?? payload.length);
  const form = spec.lengthForm ?? (declared < 126n ? 7 : declared < 65536n ? 16 : 64);
  const limit = form === 7 ? 125n : form === 16 ? 0xffffn : 0xffff_ffff_ffff_ffffn;
  if (declared < 0n || declared > limit)
    throw new RangeError(`length ${declared} does not fit in ${form} bits`);
  const key = spec.mask === true ? randomMaskingKey() : spec.mask instanceof Uint8Array ? spec.mask : null;
  if (key && key.length !== 4) throw new RangeError('a masking key is 4 bytes');

  const extended = form === 7 ? 0 : form === 16 ? 2 : 8;
  const headerLength = 2 + extended + (key ? 4 : 0);
  const frame = new Uint8Array(headerLength + payload.length);
  frame[0] =
    (spec.fin === false ? 0 : 0x80) |
    (spec.rsv1 ? 0x40 : 0) |
    (spec.rsv2 ? 0x20 : 0) |
    (spec.rsv3 ? 0x10 : 0) |
    opcode;
  frame[1] = (key ? 0x80 : 0) | (form === 7 ? Number(declared) : form === 16 ? 126 : 127);
  for (let i = 0; i < extended; i++) {
    frame[2 + i] = Number((declared >> BigInt(8 * (extended - 1 - i))) & 0xffn);
  }
  if (key) {
    frame.set(key, 2 + extended);
    frame.set(applyMask(payload, key), headerLength);
  } else {
    frame.set(payload, headerLength);
  }
  return frame;
}

/** RFC 6455 §5.5.1: a close payload is an optional 2-byte code, then an optional UTF-8 reason. */
export function closePayload(code?: number, reason = ''): Uint8Array {
  if (code === undefined) return new Uint8Array(0);
  const reasonBytes = textEncoder.encode(reason);
  const out = new Uint8Array(2 + reasonBytes.length);
  out[0] = (code >> 8) & 0xff;
  out[1] = code & 0xff;
  out.set(reasonBytes, 2);
  return out;
}
