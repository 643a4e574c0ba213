import {
  closeCodeInfo,
  decodeFrames,
  type Field,
  type Language,
  opcodeInfo,
  parseHex,
  wirePayloadOf,
} from '../../protocol/index.ts';
import { t } from '../strings.ts';
import { escapeHtml } from './escape.ts';

const hexByte = (byte: number) => byte.toString(16).padStart(2, '0');
const spaced = (n: number | bigint) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** How one field reads, short enough for a table cell on a projector. */
function reading(field: Field, lang: Language): string {
  const value = field.value;
  switch (field.name) {
    case 'FIN':
    case 'MASK':
      return `${field.name} = ${value}`;
    case 'opcode': {
      const opcode = Number(value);
      return `${t(lang, 'walkOpcode')} = 0x${opcode.toString(16)} ${opcodeInfo(opcode).name}`;
    }
    case 'payloadLength':
      return field.meaning[lang];
    case 'extendedPayloadLength':
      return `= 0x${(value as number | bigint).toString(16)} = ${spaced(value as number | bigint)} ${t(lang, 'walkBigEndian')}`;
    case 'maskingKey':
      return t(lang, 'walkKey');
    default:
      return `${field.name} = ${value}`;
  }
}

/** Fields that share a byte are one row; a field of several bytes (a length, the key) is a row of its own. */
function rowsOf(fields: readonly Field[]): Field[][] {
  const rows: Field[][] = [];
  for (const field of fields) {
    const firstByte = Math.floor(field.bitOffset / 8);
    const last = rows.at(-1);
    const lastField = last?.at(-1);
    const sameByte =
      lastField &&
      field.bitLength < 8 &&
      lastField.bitLength < 8 &&
      Math.floor(lastField.bitOffset / 8) === firstByte;
    if (sameByte) last!.push(field);
    else rows.push([field]);
  }
  return rows;
}

/**
 * One frame read from bytes to bits, the way a decoder does it: byte by byte, each row with its hex, its
 * bits coloured by field (bit 0 is the most significant bit of the first byte) and what they say. The
 * header is decoded by the protocol core, whole frame or header only (a 64-bit length needs no 64 KiB of
 * hex on a slide).
 */
export function renderByteWalk(hex: string, lang: Language): string {
  const parsed = parseHex(hex);
  if (!parsed.ok) return '';
  const decoded = decodeFrames(parsed.bytes);
  const frame = decoded.frames[0];
  const fields = (frame?.fields ?? decoded.incomplete?.fields ?? []).filter((f) => f.name !== 'payload');
  const bytes = parsed.bytes;
  const rows = rowsOf(fields).map((row) => {
    const from = Math.floor(row[0]!.bitOffset / 8);
    const last = row.at(-1)!;
    const to = Math.ceil((last.bitOffset + last.bitLength) / 8) - 1;
    const where = from === to ? String(from) : `${from}–${to}`;
    const hexCell = [...bytes.subarray(from, to + 1)].map(hexByte).join(' ');
    // One coloured chip per field, or per byte of a field of several bytes, so a long field wraps.
    const bits = row
      .flatMap((field) =>
        ((field.bits ?? '').match(/.{1,8}/g) ?? []).map(
          (group) =>
            `<span class="walk-field field-${field.kind}" title="${escapeHtml(field.name)}">${group}</span>`,
        ),
      )
      .join('');
    const rsv = row.filter((field) => field.name.startsWith('RSV'));
    const others = row.filter((field) => !field.name.startsWith('RSV'));
    const readings = others.map((field) => reading(field, lang));
    if (rsv.length > 0) readings.splice(1, 0, `RSV1–3 = ${rsv.map((field) => field.bits).join('')}`);
    return (
      `<tr><td class="walk-where">${where}</td><td class="hex">${hexCell}</td>` +
      `<td class="walk-bits hex">${bits}</td><td>${escapeHtml(readings.join(' · '))}</td></tr>`
    );
  });
  const headerLength = frame ? frame.headerLength : fields.length > 0 ? Math.ceil(bitEnd(fields) / 8) : 0;
  const payloadLength = frame ? frame.payloadLength : payloadFrom(fields);
  if (frame && frame.opcode === 0x8 && frame.payload.length >= 2) {
    rows.push(...closePayloadRows(frame.payload, wirePayloadOf(frame), headerLength, lang));
  } else if (payloadLength !== null) {
    rows.push(
      `<tr><td class="walk-where">${headerLength}…</td><td class="hex">…</td>` +
        `<td class="walk-bits"><span class="walk-field field-payload">${escapeHtml(t(lang, 'walkPayload'))}</span></td>` +
        `<td>${spaced(payloadLength)} ${escapeHtml(t(lang, 'walkBytes'))}</td></tr>`,
    );
  }
  return (
    `<table class="byte-walk"><thead><tr><th>${t(lang, 'walkByte')}</th><th>hex</th><th>${t(lang, 'walkBitsHeading')}</th>` +
    `<th>${t(lang, 'walkReads')}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** RFC 6455 §5.5.1: a close payload is a 16-bit code, big-endian, then a UTF-8 reason. */
function closePayloadRows(payload: Uint8Array, wire: Uint8Array, at: number, lang: Language): string[] {
  const code = (payload[0]! << 8) | payload[1]!;
  const chips = [payload[0]!, payload[1]!]
    .map((byte) => `<span class="walk-field field-payload">${byte.toString(2).padStart(8, '0')}</span>`)
    .join('');
  const rows = [
    `<tr><td class="walk-where">${at}–${at + 1}</td><td class="hex">${hexByte(wire[0]!)} ${hexByte(wire[1]!)}</td>` +
      `<td class="walk-bits hex">${chips}</td><td>${escapeHtml(
        `${t(lang, 'walkCloseCode')} = 0x${code.toString(16)} = ${code} ${closeCodeInfo(code).name} ${t(lang, 'walkBigEndian')}`,
      )}</td></tr>`,
  ];
  if (payload.length > 2) {
    const reason = new TextDecoder().decode(payload.subarray(2));
    rows.push(
      `<tr><td class="walk-where">${at + 2}…</td><td class="hex">${[...wire.subarray(2, 6)].map(hexByte).join(' ')}${wire.length > 6 ? ' …' : ''}</td>` +
        `<td class="walk-bits"><span class="walk-field field-payload">UTF-8</span></td>` +
        `<td>${escapeHtml(`${t(lang, 'walkCloseReason')} “${reason}”`)}</td></tr>`,
    );
  }
  return rows;
}

function bitEnd(fields: readonly Field[]): number {
  const last = fields.at(-1)!;
  return last.bitOffset + last.bitLength;
}

/** The payload's length from the header fields alone (the extended length when there is one). */
function payloadFrom(fields: readonly Field[]): number | bigint | null {
  const extended = fields.find((field) => field.name === 'extendedPayloadLength');
  if (extended) return extended.value as number | bigint;
  const code = fields.find((field) => field.name === 'payloadLength');
  return code && Number(code.value) < 126 ? Number(code.value) : null;
}
