import { parseHex } from '../../src/protocol/index.ts';
import type { BytesFields } from '../../src/shared/inspector/commands.ts';
import type { CommandError } from '../../src/shared/inspector/protocol.ts';

/** The bytes a source names, or an error to show. Presets are resolved by the caller, who knows them. */
export function decodeBytes(source: BytesFields, maxBytes: number): Buffer | CommandError {
  const given = (['data', 'hex', 'text'] as const).filter((key) => source[key] !== undefined);
  if (given.length > 1) return { code: 'bad-bytes', message: 'give one of data, hex, text or preset' };
  let bytes: Buffer;
  if (source.hex !== undefined) {
    // The same reading of hex as the page and the CLI (spaces, colons, 0x…), with the same errors.
    const parsed =
      source.hex.trim() === '' ? { ok: true as const, bytes: new Uint8Array(0) } : parseHex(source.hex);
    if (!parsed.ok) return { code: 'bad-bytes', message: parsed.error.message.en };
    bytes = Buffer.from(parsed.bytes);
  } else if (source.data !== undefined) {
    if (source.data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(source.data)) {
      return { code: 'bad-bytes', message: 'data is standard base64 with padding' };
    }
    bytes = Buffer.from(source.data, 'base64');
  } else {
    bytes = Buffer.from(source.text ?? '', 'utf8');
  }
  if (bytes.length > maxBytes) return { code: 'too-big', message: `at most ${maxBytes} bytes` };
  return bytes;
}
