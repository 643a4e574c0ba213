import { type Bilingual, closeCodeInfo, parseHex } from '../../protocol/index.ts';
import type { PlainKey } from './strings.ts';

/** What a line typed in the terminal asks for. Pure: the terminal widget carries it out. */
export type TerminalCommand =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  | { readonly kind: 'ping'; readonly payload: string }
  | { readonly kind: 'close'; readonly code: number | undefined; readonly reason: string }
  | { readonly kind: 'frag'; readonly text: string; readonly parts: number }
  | { readonly kind: 'raw'; readonly bytes: Uint8Array }
  | { readonly kind: 'send-raw'; readonly bytes: Uint8Array }
  | { readonly kind: 'deflate'; readonly on: boolean }
  | { readonly kind: 'clear' }
  | { readonly kind: 'help' };

export type ParsedLine =
  | { readonly ok: true; readonly command: TerminalCommand }
  | { readonly ok: false; readonly error: Bilingual };

/** The terminal's commands, each with the catalogue key of what it does. */
export const terminalHelp: readonly { readonly usage: string; readonly what: PlainKey }[] = [
  {
    usage: 'text…',
    what: 'helpText',
  },
  { usage: '/binary <hex>', what: 'helpBinary' },
  {
    usage: '/ping [payload]',
    what: 'helpPing',
  },
  {
    usage: '/close [code] [reason]',
    what: 'helpClose',
  },
  {
    usage: '/frag <text> <n>',
    what: 'helpFrag',
  },
  {
    usage: '/raw <hex>',
    what: 'helpRaw',
  },
  {
    usage: '/send-raw <hex>',
    what: 'helpSendRaw',
  },
  {
    usage: '/deflate on|off',
    what: 'helpDeflate',
  },
  { usage: '/clear', what: 'helpClear' },
  { usage: '/help', what: 'helpHelp' },
];

const encoder = new TextEncoder();

function fail(en: string, zh: string): ParsedLine {
  return { ok: false, error: { en, zh } };
}

function hexArgument(name: string, rest: string): ParsedLine | Uint8Array {
  if (rest.trim() === '')
    return fail(
      `${name} needs hex bytes, e.g. ${name} 81 02 68 69`,
      `${name} 需要十六进制字节，例如 ${name} 81 02 68 69`,
    );
  const hex = parseHex(rest);
  return hex.ok ? hex.bytes : { ok: false, error: hex.error.message };
}

/** RFC 6455 §5.5: a ping's payload, like every control frame's, is at most 125 bytes. */
const maxControlPayload = 125;

/**
 * Parses one line. The browser's WebSocket API decides what the page itself may send: text, binary and
 * close with code 1000 or 3000–4999 and a reason of at most 123 bytes. Everything else goes through the lab.
 */
export function parseTerminalLine(line: string): ParsedLine {
  if (!line.startsWith('/') || line.startsWith('//')) {
    const text = line.startsWith('//') ? line.slice(1) : line;
    return { ok: true, command: { kind: 'text', text } };
  }
  const space = line.search(/\s/);
  const name = space < 0 ? line : line.slice(0, space);
  const rest = space < 0 ? '' : line.slice(space + 1);
  switch (name) {
    case '/help':
      return { ok: true, command: { kind: 'help' } };
    case '/clear':
      return { ok: true, command: { kind: 'clear' } };
    case '/ping': {
      if (encoder.encode(rest).length > maxControlPayload) {
        return fail(
          'a ping payload is at most 125 bytes (RFC 6455 §5.5)',
          'ping 的负载最多 125 字节（RFC 6455 §5.5）',
        );
      }
      return { ok: true, command: { kind: 'ping', payload: rest } };
    }
    case '/close':
      return parseClose(rest.trim());
    case '/binary':
    case '/raw':
    case '/send-raw': {
      const bytes = hexArgument(name, rest);
      if (!(bytes instanceof Uint8Array)) return bytes;
      const kind = name === '/binary' ? 'binary' : name === '/raw' ? 'raw' : 'send-raw';
      return { ok: true, command: { kind, bytes } };
    }
    case '/frag': {
      const match = /^(.*\S)\s+(\d+)\s*$/s.exec(rest);
      if (!match) return fail('usage: /frag <text> <n>', '用法：/frag <文本> <片数>');
      const text = match[1]!;
      const parts = Number(match[2]);
      const size = encoder.encode(text).length;
      if (parts < 1 || parts > Math.min(64, size)) {
        return fail(
          `n must be 1 to ${Math.min(64, size)} for ${size} bytes`,
          `${size} 字节时，片数必须在 1 到 ${Math.min(64, size)} 之间`,
        );
      }
      return { ok: true, command: { kind: 'frag', text, parts } };
    }
    case '/deflate': {
      const value = rest.trim();
      if (value !== 'on' && value !== 'off') return fail('usage: /deflate on|off', '用法：/deflate on|off');
      return { ok: true, command: { kind: 'deflate', on: value === 'on' } };
    }
    default:
      return fail(`unknown command ${name} (type /help)`, `未知命令 ${name}（输入 /help 查看）`);
  }
}

function parseClose(rest: string): ParsedLine {
  if (rest === '') return { ok: true, command: { kind: 'close', code: undefined, reason: '' } };
  const match = /^(\d+)(?:\s+(.*))?$/s.exec(rest);
  if (!match) return fail('usage: /close [code] [reason]', '用法：/close [关闭码] [原因]');
  const code = Number(match[1]);
  const reason = match[2] ?? '';
  // The WebSocket API (WHATWG §close()) throws for any other code; the lab can still put them on the wire.
  if (code !== 1000 && (code < 3000 || code > 4999)) {
    const info = closeCodeInfo(code);
    return fail(
      `the browser may only close with 1000 or 3000–4999, not ${code} (${info.name}); try /send-raw for any code`,
      `浏览器只能用 1000 或 3000–4999 关闭，不能用 ${code}（${info.name}）；任意关闭码请用 /send-raw`,
    );
  }
  if (encoder.encode(reason).length > 123) {
    return fail(
      'a close reason is at most 123 bytes of UTF-8 (RFC 6455 §5.5)',
      '关闭原因最多 123 字节 UTF-8（RFC 6455 §5.5）',
    );
  }
  return { ok: true, command: { kind: 'close', code, reason } };
}

/** Splits text into `parts` byte ranges of near-equal size; a code point may be cut, as on the wire. */
export function fragmentText(text: string, parts: number): Uint8Array[] {
  const bytes = encoder.encode(text);
  const size = Math.ceil(bytes.length / parts);
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return pieces;
}
