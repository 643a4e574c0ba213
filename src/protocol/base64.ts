const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** RFC 4648 §4 base64: every 3 bytes become 4 characters of 6 bits each, `=` pads the last group. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const group = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += alphabet[(group >> 18) & 63]! + alphabet[(group >> 12) & 63]!;
    out += b1 === undefined ? '=' : alphabet[(group >> 6) & 63]!;
    out += b2 === undefined ? '=' : alphabet[group & 63]!;
  }
  return out;
}

/** Decodes strict base64; returns null for anything that is not (wrong length, stray characters). */
export function base64Decode(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    const group =
      (alphabet.indexOf(text[i]!) << 18) |
      (alphabet.indexOf(text[i + 1]!) << 12) |
      ((text[i + 2] === '=' ? 0 : alphabet.indexOf(text[i + 2]!)) << 6) |
      (text[i + 3] === '=' ? 0 : alphabet.indexOf(text[i + 3]!));
    for (const shift of [16, 8, 0]) if (at < out.length) out[at++] = (group >> shift) & 0xff;
  }
  return out;
}
