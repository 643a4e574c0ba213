import type { Frame } from './frame.ts';
import {
  extendedLengthValue,
  type FrameHeader,
  headerBits,
  headerLengthFrom,
  isHeaderNeed,
  parseFrameHeader,
} from './frameHeader.ts';
import type { Bilingual } from './i18n.ts';
import { opcodeInfo } from './opcodes.ts';

export type FieldName =
  | 'FIN'
  | 'RSV1'
  | 'RSV2'
  | 'RSV3'
  | 'opcode'
  | 'MASK'
  | 'payloadLength'
  | 'extendedPayloadLength'
  | 'maskingKey'
  | 'payload';

/** Fields that share a colour: the three RSV bits are one kind. */
export type FieldKind =
  | 'fin'
  | 'rsv'
  | 'opcode'
  | 'mask'
  | 'length'
  | 'extended-length'
  | 'masking-key'
  | 'payload';

export const fieldKinds: Readonly<Record<FieldName, FieldKind>> = {
  FIN: 'fin',
  RSV1: 'rsv',
  RSV2: 'rsv',
  RSV3: 'rsv',
  opcode: 'opcode',
  MASK: 'mask',
  payloadLength: 'length',
  extendedPayloadLength: 'extended-length',
  maskingKey: 'masking-key',
  payload: 'payload',
};

/** A decoded field that says where it sits, so any view can draw it. */
export type Field = {
  readonly name: FieldName;
  readonly kind: FieldKind;
  readonly bitOffset: number;
  readonly bitLength: number;
  /** The raw bits as '0'/'1', for fields up to 64 bits; null for the payload (its wire bytes: `wirePayloadOf`). */
  readonly bits: string | null;
  /** Number for small fields, bigint for the 64-bit length, bytes for the key and the (unmasked) payload. */
  readonly value: number | bigint | Uint8Array;
  readonly meaning: Bilingual;
};

function bitString(value: number | bigint, length: number): string {
  return value.toString(2).padStart(length, '0');
}

// The tables below are built when the module loads. `/* @__PURE__ */` tells a bundler that building them
// does nothing else, so a bundle that imports the core through its index and never annotates a field (the
// capture worker) leaves them out.

/** Each byte's 8 bits and 2 hex digits, looked up rather than formatted: keys are drawn per frame. */
const byteBits = /* @__PURE__ */ Array.from({ length: 256 }, (_, byte) => bitString(byte, 8));
const byteHex = /* @__PURE__ */ Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function bitField(
  name: FieldName,
  [bitOffset, bitLength]: readonly [number, number],
  value: number,
  meaning: Bilingual,
): Field {
  return {
    name,
    kind: fieldKinds[name],
    bitOffset,
    bitLength,
    bits: bitString(value, bitLength),
    value,
    meaning,
  };
}

function rsvMeaning(bit: boolean, which: string): Bilingual {
  if (!bit) return { en: `${which} = 0: no extension uses it`, zh: `${which} = 0：没有扩展使用它` };
  return which === 'RSV1'
    ? {
        en: 'RSV1 = 1: compressed, if permessage-deflate was negotiated',
        zh: 'RSV1 = 1：若协商了 permessage-deflate，表示已压缩',
      }
    : { en: `${which} = 1: only an extension may set it`, zh: `${which} = 1：只有扩展可以设置它` };
}

function lengthMeaning(code: number): Bilingual {
  if (code === 126)
    return { en: '126: the length is in the next 16 bits', zh: '126：真正的长度在后面 16 位' };
  if (code === 127)
    return { en: '127: the length is in the next 64 bits', zh: '127：真正的长度在后面 64 位' };
  return { en: `payload is ${code} bytes`, zh: `负载有 ${code} 字节` };
}

const finMeanings: readonly Bilingual[] = [
  { en: 'more fragments of this message follow', zh: '这条消息后面还有分片' },
  { en: 'final fragment: this frame ends its message', zh: '最后一片：这一帧结束了消息' },
];

const maskMeanings: readonly Bilingual[] = [
  { en: 'payload is not masked (server to client)', zh: '负载没有掩码（服务器发往客户端）' },
  {
    en: 'payload is masked with the 4-byte key (client to server)',
    zh: '负载用 4 字节掩码键做了掩码（客户端发往服务器）',
  },
];

function opcodeMeaning(opcode: number): Bilingual {
  const op = opcodeInfo(opcode);
  const code = `0x${opcode.toString(16)}`;
  return { en: `${code} ${op.name}: ${op.meaning.en}`, zh: `${code} ${op.name}：${op.meaning.zh}` };
}

/**
 * Every possible value of each field of the first two bytes, built once: fields are immutable, so the
 * grid of every frame can share them, and annotating a small frame costs a few array slots.
 */
const firstTwoBytesFields = {
  FIN: /* @__PURE__ */ [0, 1].map((v) => bitField('FIN', headerBits.FIN, v, finMeanings[v]!)),
  RSV1: /* @__PURE__ */ [0, 1].map((v) => bitField('RSV1', headerBits.RSV1, v, rsvMeaning(v === 1, 'RSV1'))),
  RSV2: /* @__PURE__ */ [0, 1].map((v) => bitField('RSV2', headerBits.RSV2, v, rsvMeaning(v === 1, 'RSV2'))),
  RSV3: /* @__PURE__ */ [0, 1].map((v) => bitField('RSV3', headerBits.RSV3, v, rsvMeaning(v === 1, 'RSV3'))),
  opcode: /* @__PURE__ */ Array.from({ length: 16 }, (_, v) =>
    bitField('opcode', headerBits.opcode, v, opcodeMeaning(v)),
  ),
  MASK: /* @__PURE__ */ [0, 1].map((v) => bitField('MASK', headerBits.MASK, v, maskMeanings[v]!)),
  payloadLength: /* @__PURE__ */ Array.from({ length: 128 }, (_, v) =>
    bitField('payloadLength', headerBits.payloadLength, v, lengthMeaning(v)),
  ),
};

/** The fields of the first two bytes, which every frame has. */
function baseFields(
  header: Pick<FrameHeader, 'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'masked' | 'lengthCode'>,
): Field[] {
  const f = firstTwoBytesFields;
  return [
    f.FIN[header.fin ? 1 : 0]!,
    f.RSV1[header.rsv1 ? 1 : 0]!,
    f.RSV2[header.rsv2 ? 1 : 0]!,
    f.RSV3[header.rsv3 ? 1 : 0]!,
    f.opcode[header.opcode]!,
    f.MASK[header.masked ? 1 : 0]!,
    f.payloadLength[header.lengthCode]!,
  ];
}

function extendedField(header: FrameHeader, headerBytes: Uint8Array): Field | null {
  const value = extendedLengthValue(header, headerBytes);
  if (value === null) return null;
  const length = header.lengthForm;
  return {
    name: 'extendedPayloadLength',
    kind: 'extended-length',
    bitOffset: 16,
    bitLength: length,
    // The 16-bit form, on most frames over 125 bytes, is two looked-up bytes rather than a formatted number.
    bits: length === 16 ? byteBits[headerBytes[2]!]! + byteBits[headerBytes[3]!]! : bitString(value, length),
    value,
    meaning: {
      en: `payload is ${value} bytes (${length}-bit length)`,
      zh: `负载有 ${value} 字节（${length} 位长度）`,
    },
  };
}

function maskingKeyField(header: FrameHeader): Field | null {
  if (!header.maskingKey) return null;
  const key = header.maskingKey;
  const bits = byteBits[key[0]!]! + byteBits[key[1]!]! + byteBits[key[2]!]! + byteBits[key[3]!]!;
  const hex = byteHex[key[0]!]! + byteHex[key[1]!]! + byteHex[key[2]!]! + byteHex[key[3]!]!;
  return {
    name: 'maskingKey',
    kind: 'masking-key',
    bitOffset: (header.headerLength - 4) * 8,
    bitLength: 32,
    bits,
    value: key,
    meaning: {
      en: `key ${hex}: payload byte i is XORed with key[i mod 4]`,
      zh: `掩码键 ${hex}：负载第 i 个字节与 key[i mod 4] 异或`,
    },
  };
}

function payloadMeaning(length: number, masked: boolean): Bilingual {
  return masked
    ? { en: `${length} bytes, unmasked with the key`, zh: `${length} 字节，已用掩码键还原` }
    : { en: `${length} bytes`, zh: `${length} 字节` };
}

/** The meanings of small payloads, built once (most frames are small, and a meaning is immutable). */
const smallPayloadMeanings = /* @__PURE__ */ [false, true].map((masked) =>
  Array.from({ length: 126 }, (_, length) => payloadMeaning(length, masked)),
);

/** Every field of a decoded frame, in wire order, with its place, bits, value and meaning. */
export function annotateFrame(frame: Frame): Field[] {
  const fields = baseFields(frame);
  const extended = extendedField(frame, frame.headerBytes);
  if (extended) fields.push(extended);
  const key = maskingKeyField(frame);
  if (key) fields.push(key);
  const length = frame.payload.length;
  fields.push({
    name: 'payload',
    kind: 'payload',
    bitOffset: frame.headerLength * 8,
    bitLength: length * 8,
    bits: null,
    value: frame.payload,
    meaning: frame.payloadOmitted
      ? {
          en: `${frame.payloadLength} bytes, over the limit: not kept`,
          zh: `${frame.payloadLength} 字节，超过上限：未保存`,
        }
      : (smallPayloadMeanings[frame.masked ? 1 : 0]![length] ?? payloadMeaning(length, frame.masked)),
  });
  return fields;
}

/**
 * How far a cut-short frame is from whole: bytes its header still needs (at least this many, when even the
 * length field is not in yet) and bytes its payload still needs (null while the length is not known).
 */
export type IncompleteNeeds = { readonly header: number; readonly payload: number | null };

/** A frame that was cut short: the fields it has, and what it still needs. */
export type IncompleteFrame = {
  readonly fields: Field[];
  readonly needs: IncompleteNeeds;
  /** The least number of bytes before anything more can be decoded: `needs.header`, else `needs.payload`. */
  readonly bytesNeeded: number;
};

/**
 * The fields of a frame that was cut short (pasted hex, a stream that stopped): the header fields whose
 * bits are all present, so a view can still draw how far the frame got, and how many bytes the header and
 * the payload still need (the one computation the page and the CLI both tell).
 */
export function annotateIncomplete(bytes: Uint8Array): IncompleteFrame {
  const cut = (fields: Field[], header: number, payload: number | null): IncompleteFrame => ({
    fields,
    needs: { header, payload },
    bytesNeeded: header > 0 ? header : (payload ?? 0),
  });
  if (bytes.length < 2) return cut([], 2 - bytes.length, null);
  const byte0 = bytes[0]!;
  const byte1 = bytes[1]!;
  const lengthCode = byte1 & 0x7f;
  const fields = baseFields({
    fin: (byte0 & 0x80) !== 0,
    rsv1: (byte0 & 0x40) !== 0,
    rsv2: (byte0 & 0x20) !== 0,
    rsv3: (byte0 & 0x10) !== 0,
    opcode: byte0 & 0x0f,
    masked: (byte1 & 0x80) !== 0,
    lengthCode,
  });
  const headerLength = headerLengthFrom(byte1);
  if (bytes.length < headerLength) {
    // A 7-bit length is known from the second byte; a 16- or 64-bit one only once its bytes are in.
    return cut(fields, headerLength - bytes.length, lengthCode < 126 ? lengthCode : null);
  }
  // The header is whole, so only the payload is short.
  const header = parseFrameHeader(bytes);
  if (isHeaderNeed(header)) return cut(fields, header.needed - bytes.length, null);
  const extended = extendedField(header, bytes);
  if (extended) fields.push(extended);
  const key = maskingKeyField(header);
  if (key) fields.push(key);
  return cut(fields, 0, Math.max(0, headerLength + header.payloadLength - bytes.length));
}
