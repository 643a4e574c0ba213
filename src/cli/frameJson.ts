import {
  type AnnotatedFrame,
  type DecodedBytes,
  decodeUtf8Lenient,
  type Field,
  Opcode,
  opcodeInfo,
  parseClosePayload,
  toHex,
  wirePayloadOf,
} from '../protocol/index.ts';
import { truncation } from './truncation.ts';

function fieldValue(value: Field['value']): number | string {
  if (value instanceof Uint8Array) return toHex(value);
  if (typeof value === 'bigint')
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  return value;
}

/** One frame in the `--json` shape (fields, payload, violations). */
export function frameJson(frame: AnnotatedFrame) {
  const close = frame.opcode === Opcode.close ? parseClosePayload(frame.payload) : null;
  return {
    fin: frame.fin,
    rsv1: frame.rsv1,
    rsv2: frame.rsv2,
    rsv3: frame.rsv3,
    opcode: frame.opcode,
    opcodeName: opcodeInfo(frame.opcode).name,
    masked: frame.masked,
    payloadLength: frame.payloadLength,
    lengthForm: frame.lengthForm,
    maskingKey: frame.maskingKey ? toHex(frame.maskingKey) : null,
    payload: toHex(frame.payload),
    wirePayload: toHex(wirePayloadOf(frame)),
    payloadOmitted: frame.payloadOmitted,
    text: frame.opcode === Opcode.text ? decodeUtf8Lenient(frame.payload) : null,
    closeCode: close?.code ?? null,
    closeReason: close && close.code !== null ? close.reason : null,
    fields: frame.fields.map((field) => ({
      name: field.name,
      bitOffset: field.bitOffset,
      bitLength: field.bitLength,
      value: fieldValue(field.value),
      ...(field.bits !== null ? { bits: field.bits } : {}),
      meaning: field.meaning.en,
    })),
    violations: frame.violations.map((v) => ({
      closeCode: v.closeCode,
      rule: v.rule,
      section: v.section,
      message: v.message.en,
      ...(v.bits ? { bits: v.bits } : {}),
    })),
  };
}

/** The CLI's `--json` shape: stable keys for scripts (more may be added, none removed). */
export function decodedJson(decoded: DecodedBytes) {
  return {
    sender: decoded.sender,
    senderInferred: decoded.senderInferred,
    frames: decoded.frames.map(frameJson),
    remainder: toHex(decoded.remainder),
    /** When the input ends inside a frame: what its header and payload still need (the bytes are `remainder`). */
    truncated: decoded.remainder.length > 0 ? truncation(decoded.remainder) : null,
  };
}
