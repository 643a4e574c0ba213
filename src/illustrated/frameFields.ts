import {
  annotateFrame,
  type Bilingual,
  closeCodeInfo,
  decodeUtf8Lenient,
  type Field,
  type Frame,
  Opcode,
  opcodeInfo,
  parseClosePayload,
  toHex,
  wirePayloadOf,
} from '../protocol/index.ts';
import { fieldStyles } from '../shared/fieldColours.ts';
import type { BitPart, ByteField, FieldGroup } from './byteFields.ts';
import { inBoth, strings, t } from './strings.ts';

const part = (field: Field): BitPart => ({
  name: field.name,
  kind: field.kind,
  bits: field.bits ?? '',
  meaning: field.meaning,
});

const quoted = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** What a frame's payload says, for its title: the text, or the close code and reason. */
function payloadWords(frame: Frame, inflated: string | null): string {
  if (frame.opcode === Opcode.close) {
    const close = parseClosePayload(frame.payload);
    return close.code === null ? '' : `${close.code} “${close.reason}”`;
  }
  if (inflated !== null) return `“${quoted(inflated)}”`;
  if (frame.rsv1) return '';
  return frame.payload.length > 0 ? `“${quoted(decodeUtf8Lenient(frame.payload))}”` : '';
}

/**
 * One WebSocket frame byte by byte, from the protocol core's annotation of it (`annotateFrame`): the first
 * two bytes with their bit fields (FIN, RSV1–3, opcode; MASK, payload length), the extended length and
 * the masking key when present, and the payload: a close frame's as code and reason, a compressed one with
 * the text it inflates to (`inflated`, from the capture core's inflater).
 */
export function frameGroup(frame: Frame, inflated: string | null): FieldGroup {
  const annotated = annotateFrame(frame);
  const byName = (name: Field['name']) => annotated.find((field) => field.name === name);
  const header = frame.headerBytes;
  const fields: ByteField[] = [];
  const first = annotated.filter((field) => field.bitOffset < 8);
  const second = annotated.filter((field) => field.bitOffset >= 8 && field.bitOffset < 16);
  const bitsField = (offset: number, parts: readonly Field[]): ByteField => ({
    offset,
    length: 1,
    kind: parts.at(-1)!.kind,
    label: {
      en: parts.map((field) => field.name).join(', '),
      zh: parts.map((field) => field.name).join('、'),
    },
    value: `0x${toHex(header.subarray(offset, offset + 1))} = ${parts.map((field) => field.bits).join(' ')}`,
    meaning: {
      en: parts.map((field) => field.meaning.en).join('; '),
      zh: parts.map((field) => field.meaning.zh).join('；'),
    },
    bits: parts.map(part),
  });
  fields.push(bitsField(0, first), bitsField(1, second));
  for (const name of ['extendedPayloadLength', 'maskingKey'] as const) {
    const field = byName(name);
    if (!field) continue;
    fields.push({
      offset: field.bitOffset / 8,
      length: field.bitLength / 8,
      kind: field.kind,
      label: fieldStyles[field.kind].label,
      value: field.value instanceof Uint8Array ? toHex(field.value, ' ') : String(field.value),
      meaning: field.meaning,
    });
  }
  const payload = byName('payload')!;
  const start = payload.bitOffset / 8;
  const wire = wirePayloadOf(frame);
  const maskedNote = (meaning: Bilingual): Bilingual =>
    frame.masked
      ? {
          en: `${meaning.en} ${t('en', 'meaning.masked', { wire: toHex(wire, ' ') })}`,
          zh: `${meaning.zh}${t('zh', 'meaning.masked', { wire: toHex(wire, ' ') })}`,
        }
      : meaning;
  const payloadField = (
    offset: number,
    length: number,
    label: Bilingual,
    value: string,
    meaning: Bilingual,
  ) => {
    if (length > 0) fields.push({ offset: start + offset, length, kind: 'payload', label, value, meaning });
  };
  const payloadLabel = fieldStyles.payload.label;
  if (frame.opcode === Opcode.close && frame.payload.length >= 2) {
    const close = parseClosePayload(frame.payload);
    const code = close.code ?? 0;
    const name = closeCodeInfo(code).name;
    payloadField(
      0,
      2,
      strings.both('field.closeCode'),
      String(code),
      maskedNote(strings.both('meaning.closeCode', { code, name })),
    );
    payloadField(
      2,
      frame.payload.length - 2,
      strings.both('field.closeReason'),
      close.reason,
      strings.both('meaning.closeReason', { reason: close.reason }),
    );
  } else if (frame.rsv1 && inflated !== null) {
    payloadField(
      0,
      frame.payload.length,
      strings.both('field.compressed'),
      toHex(frame.payload, ' '),
      maskedNote(strings.both('meaning.compressed', { length: frame.payload.length, text: inflated })),
    );
  } else {
    const text = decodeUtf8Lenient(frame.payload);
    payloadField(
      0,
      frame.payload.length,
      payloadLabel,
      text,
      maskedNote({
        en: `${payload.meaning.en}. ${t('en', 'meaning.payloadText', { text })}`,
        zh: `${payload.meaning.zh}。${t('zh', 'meaning.payloadText', { text })}`,
      }),
    );
  }
  const name = opcodeInfo(frame.opcode).name;
  const opcode = name[0]!.toUpperCase() + name.slice(1);
  const flagKeys = [
    frame.fin ? null : 'flag.fragment',
    frame.masked ? 'flag.masked' : null,
    frame.rsv1 ? 'flag.compressed' : null,
  ] as const;
  const words = payloadWords(frame, inflated);
  const title = inBoth((lang) => {
    const flags = flagKeys.map((key) => (key ? t(lang, 'frameFlag', { flag: t(lang, key) }) : '')).join('');
    return words
      ? t(lang, 'frameTitleSaying', { opcode, flags, text: words })
      : t(lang, 'frameTitle', { opcode, flags });
  });
  return { title, fields };
}
