import { parseHex } from '../../src/protocol/index.ts';

/**
 * The page → server half of the inspector protocol (docs/inspector-protocol.md): parsing and checking,
 * with every mistake returned as data the page can show, never thrown.
 */
export const inspectorProtocolVersion = 1;

/** Bytes a page hands the lab: exactly one of base64 `data`, `hex`, UTF-8 `text`, or a `preset` name. */
export type BytesSource = { data?: string; hex?: string; text?: string; preset?: string };

export type InspectorCommand = { id?: string | number } & (
  | { type: 'hello'; v: number; session?: string; presenterToken?: string; watch: boolean }
  | { type: 'watch'; connection?: number }
  | { type: 'unwatch'; connection?: number }
  | { type: 'list' }
  | { type: 'lab.serverWrite'; connection: number; bytes: BytesSource }
  | { type: 'lab.clientOpen'; deflate: boolean; subprotocol?: string }
  | { type: 'lab.clientWrite'; connection: number; bytes: BytesSource }
  | { type: 'lab.ping'; connection: number; bytes: BytesSource }
  | { type: 'lab.close'; connection: number; code?: number; reason: string }
);

export type CommandError = { code: string; message: string };

export type ParsedCommand = { command: InspectorCommand } | { error: CommandError; id?: string | number };

const fail = (code: string, message: string, id?: string | number): ParsedCommand => ({
  error: { code, message },
  ...(id === undefined ? {} : { id }),
});

export function parseCommand(text: string): ParsedCommand {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('bad-json', 'a message on /inspect is one JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('bad-json', 'a message on /inspect is one JSON object');
  }
  const m = value as Record<string, unknown>;
  const id = typeof m.id === 'string' || typeof m.id === 'number' ? m.id : undefined;
  const base = id === undefined ? {} : { id };
  const connection = m.connection;
  const hasConnection = Number.isSafeInteger(connection);
  const needConnection = () => fail('bad-command', `${String(m.type)} needs a numeric "connection"`, id);
  const bytes: BytesSource = {};
  for (const key of ['data', 'hex', 'text', 'preset'] as const) {
    if (typeof m[key] === 'string') bytes[key] = m[key] as string;
  }

  switch (m.type) {
    case 'hello':
      if (m.v !== inspectorProtocolVersion) {
        return fail('bad-version', `this server speaks version ${inspectorProtocolVersion}`, id);
      }
      return {
        command: {
          ...base,
          type: 'hello',
          v: m.v,
          ...(typeof m.session === 'string' ? { session: m.session } : {}),
          ...(typeof m.presenterToken === 'string' ? { presenterToken: m.presenterToken } : {}),
          watch: m.watch !== false,
        },
      };
    case 'watch':
    case 'unwatch':
      if (connection !== undefined && !hasConnection) return needConnection();
      return {
        command: { ...base, type: m.type, ...(hasConnection ? { connection: connection as number } : {}) },
      };
    case 'list':
      return { command: { ...base, type: 'list' } };
    case 'lab.serverWrite':
    case 'lab.clientWrite':
    case 'lab.ping':
      if (!hasConnection) return needConnection();
      return { command: { ...base, type: m.type, connection: connection as number, bytes } };
    case 'lab.clientOpen':
      return {
        command: {
          ...base,
          type: 'lab.clientOpen',
          deflate: m.deflate === true,
          ...(typeof m.subprotocol === 'string' ? { subprotocol: m.subprotocol } : {}),
        },
      };
    case 'lab.close':
      if (!hasConnection) return needConnection();
      if (m.code !== undefined && !Number.isInteger(m.code))
        return fail('bad-command', '"code" is an integer', id);
      return {
        command: {
          ...base,
          type: 'lab.close',
          connection: connection as number,
          ...(m.code === undefined ? {} : { code: m.code as number }),
          reason: typeof m.reason === 'string' ? m.reason : '',
        },
      };
    default:
      return fail('unknown-type', `unknown message type ${JSON.stringify(m.type)}`, id);
  }
}

/** The bytes a source names, or an error to show. Presets are resolved by the caller, who knows them. */
export function decodeBytes(source: BytesSource, maxBytes: number): Buffer | CommandError {
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
