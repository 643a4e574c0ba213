import type { IncompleteNeeds, Language, Sender } from '../../protocol/index.ts';
import { t } from './strings.ts';

/** hh:mm:ss.mmm in the page's time zone, from a time in ms since the epoch. */
export function clockTime(t: number): string {
  const date = new Date(t);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** 70000 → "70,000". Written out: `toLocaleString` costs microseconds a call, and a flood calls it a lot. */
export function grouped(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

export function byteCount(n: number, lang: Language): string {
  const grouped = groupedWithSpaces(n);
  return t(lang, n === 1 ? 'byteCountOne' : 'byteCountMany', { n: grouped });
}

export function hexByte(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

export function binaryOf(value: number | bigint, bits: number): string {
  return value.toString(2).padStart(bits, '0');
}

/** A byte as a printable character for hex dumps: ASCII graphic characters, else a middle dot. */
export function printable(byte: number): string {
  return byte >= 0x21 && byte <= 0x7e ? String.fromCharCode(byte) : '·';
}

/** "→ C→S" style arrows: the client is on the left, the server on the right, as in the slides. */
export function arrow(direction: Sender): string {
  return direction === 'client' ? '→' : '←';
}

function groupedWithSpaces(n: number): string {
  return grouped(n).replace(/,/g, ' ');
}

/** A frame cut short, said plainly: how many bytes are there, and what its header and payload still need. */
export function incompleteText(leftover: number, needs: IncompleteNeeds, lang: Language): string {
  const bytes = (n: number) => byteCount(n, lang);
  const header =
    needs.header > 0
      ? t(lang, 'pasteHeaderNeeds', { bytes: bytes(needs.header) })
      : t(lang, 'pasteHeaderWhole');
  const payload =
    needs.payload === null
      ? t(lang, 'pastePayloadUnknown')
      : t(lang, 'pastePayloadNeeds', { bytes: bytes(needs.payload) });
  return t(lang, 'pasteIncomplete', { bytes: bytes(leftover), header, payload });
}
