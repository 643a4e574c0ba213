import {
  applyMask,
  encodeFrame,
  headerLengthFrom,
  isHeaderNeed,
  parseFrameHeader,
} from '../../protocol/index.ts';

/**
 * The bit editor's model. The bytes are the truth: flipping a bit changes exactly that bit, even when it
 * makes the frame malformed or cut short (that is what the lab is for). Editing a field re-encodes the
 * frame from its fields, keeping everything else as it was.
 */
export type EditableFields = {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  /** null: not masked. */
  maskingKey: Uint8Array | null;
  lengthForm: 7 | 16 | 64;
  /** The length the header claims; normally the payload's real length. */
  declaredLength: number;
  /** The unmasked payload as far as the bytes go. */
  payload: Uint8Array;
};

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  if (bit < 0 || bit >= bytes.length * 8) return bytes;
  const out = bytes.slice();
  out[bit >> 3]! ^= 0x80 >> (bit & 7);
  return out;
}

/** Reads the fields back out of the bytes, as far as they go (a cut-short frame still has a header). */
export function fieldsOf(bytes: Uint8Array): EditableFields | null {
  const header = parseFrameHeader(bytes);
  if (isHeaderNeed(header)) return null;
  const wire = bytes.subarray(header.headerLength, header.headerLength + header.payloadLength);
  return {
    fin: header.fin,
    rsv1: header.rsv1,
    rsv2: header.rsv2,
    rsv3: header.rsv3,
    opcode: header.opcode,
    maskingKey: header.maskingKey ? header.maskingKey.slice() : null,
    lengthForm: header.lengthForm,
    declaredLength: header.payloadLength,
    payload: header.maskingKey ? applyMask(wire, header.maskingKey) : wire.slice(),
  };
}

/** Builds the bytes of the fields; a declared length other than the payload's is written as declared. */
export function bytesOf(fields: EditableFields): Uint8Array {
  const fits =
    fields.lengthForm === 7
      ? fields.declaredLength <= 125
      : fields.lengthForm === 16
        ? fields.declaredLength <= 0xffff
        : true;
  return encodeFrame({
    opcode: fields.opcode & 0xf,
    fin: fields.fin,
    rsv1: fields.rsv1,
    rsv2: fields.rsv2,
    rsv3: fields.rsv3,
    mask: fields.maskingKey ?? false,
    payload: fields.payload,
    declaredLength: fields.declaredLength,
    ...(fits ? { lengthForm: fields.lengthForm } : {}),
  });
}

/** Replaces the payload and makes the declared length match it, in its minimal form. */
export function withPayload(fields: EditableFields, payload: Uint8Array): EditableFields {
  const length = payload.length;
  return {
    ...fields,
    payload,
    declaredLength: length,
    lengthForm: length < 126 ? 7 : length < 65536 ? 16 : 64,
  };
}

/** How many bytes the header of these bytes takes, once the first two are there. */
export function headerLengthOf(bytes: Uint8Array): number | null {
  return bytes.length >= 2 ? headerLengthFrom(bytes[1]!) : null;
}
