import type { Bilingual } from './i18n.ts';

export type HexError = {
  readonly message: Bilingual /** 0-based character index in the input. */;
  readonly position: number;
};
export type HexResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly error: HexError };

/**
 * Reads hex as people paste it: spaces, newlines, colons, commas and `0x` prefixes are separators
 * (`81 05`, `81:05`, `0x81 0x05`, `8105`). A separator may not split a byte, so `8 1` is an error.
 */
export function parseHex(input: string): HexResult {
  const digits: number[] = [];
  let pendingAt = -1; // position of a first nibble waiting for its second
  let pending = 0;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === '0' && (input[i + 1] === 'x' || input[i + 1] === 'X') && pendingAt < 0) {
      i++;
      continue;
    }
    const nibble = hexValue(ch);
    if (nibble >= 0) {
      if (pendingAt < 0) {
        pendingAt = i;
        pending = nibble;
      } else {
        digits.push((pending << 4) | nibble);
        pendingAt = -1;
      }
      continue;
    }
    if (/[\s:,]/.test(ch)) {
      if (pendingAt >= 0) return oddDigitError(pendingAt);
      continue;
    }
    return {
      ok: false,
      error: {
        position: i,
        message: {
          en: `'${ch}' at position ${i + 1} is not a hex digit`,
          zh: `第 ${i + 1} 个字符 '${ch}' 不是十六进制数字`,
        },
      },
    };
  }
  if (pendingAt >= 0) return oddDigitError(pendingAt);
  if (digits.length === 0) {
    return {
      ok: false,
      error: { position: 0, message: { en: 'no hex bytes in the input', zh: '输入里没有十六进制字节' } },
    };
  }
  return { ok: true, bytes: Uint8Array.from(digits) };
}

function oddDigitError(position: number): HexResult {
  return {
    ok: false,
    error: {
      position,
      message: {
        en: `odd number of hex digits: the digit at position ${position + 1} has no partner`,
        zh: `十六进制位数是奇数：第 ${position + 1} 个字符的数字没有配对`,
      },
    },
  };
}

function hexValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

export function toHex(bytes: Uint8Array, separator = ''): string {
  const parts: string[] = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = bytes[i]!.toString(16).padStart(2, '0');
  return parts.join(separator);
}
