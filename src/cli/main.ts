import { parseArgs } from 'node:util';
import { acceptKeySteps, base64Decode, decodeFrames, type Language, parseHex } from '../protocol/index.ts';
import { paint } from '../shared/paint.ts';
import { decodedJson } from './frameJson.ts';
import { renderDecoded } from './frameTable.ts';
import { type CliIo, ExitCode, UsageError } from './io.ts';

const usage = `Usage:
  ws101 decode [options] <hex …>     decode WebSocket frames (RFC 6455) bit by bit
  ws101 decode [options] -           read the hex from standard input
  ws101 accept [--steps] <key>       Sec-WebSocket-Accept for a Sec-WebSocket-Key

decode options:
  --from client|server   who sent the bytes (default: inferred from the MASK bit)
  --json                 machine-readable output
  --deflate              permessage-deflate was negotiated (RSV1 allowed)
  --max-payload <bytes>  payload limit, 1009 above it (default 1048576)
  --lang en|zh           language of the explanations
  --color / --no-color   force colour on or off (default: on for a terminal, off with NO_COLOR)

Hex may contain spaces, colons, commas, newlines and 0x prefixes.
Exit status: 0 ok, 1 decoded with protocol violations, 2 bad usage or bad input.`;

function language(value: string | undefined, env: CliIo['env']): Language {
  if (value === 'zh' || value === 'en') return value;
  if (value !== undefined) throw new UsageError(`--lang must be en or zh, not '${value}'`);
  return (env.LC_ALL ?? env.LANG ?? '').startsWith('zh') ? 'zh' : 'en';
}

async function decodeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      json: { type: 'boolean', default: false },
      deflate: { type: 'boolean', default: false },
      'max-payload': { type: 'string' },
      lang: { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    },
  });
  if (values.from !== undefined && values.from !== 'client' && values.from !== 'server') {
    throw new UsageError(`--from must be client or server, not '${values.from}'`);
  }
  const maxPayload = values['max-payload'] === undefined ? undefined : Number(values['max-payload']);
  if (maxPayload !== undefined && !(Number.isInteger(maxPayload) && maxPayload >= 0)) {
    throw new UsageError(`--max-payload must be a whole number of bytes, not '${values['max-payload']}'`);
  }
  const lang = language(values.lang, io.env);
  const input =
    positionals.length === 1 && positionals[0] === '-' ? await io.readStdin() : positionals.join(' ');
  const hex = parseHex(input);
  if (!hex.ok) throw new UsageError(hex.error.message[lang]);

  const decoded = decodeFrames(hex.bytes, {
    ...(values.from ? { sender: values.from } : {}),
    ...(maxPayload !== undefined ? { maxPayload } : {}),
    perMessageDeflate: values.deflate,
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(decodedJson(decoded))}\n`);
  } else {
    const colour = values['no-color'] ? false : (values.color ?? io.colour);
    io.stdout(renderDecoded(decoded, paint(colour), lang));
  }
  return decoded.frames.some((frame) => frame.violations.length > 0) ? ExitCode.violations : ExitCode.ok;
}

/** A 64-byte block as hex ("xx xx …") in four rows of 16 bytes, to fit a terminal. */
function rowsOf16Bytes(blockHex: string): string[] {
  const bytes = blockHex.split(' ');
  const rows: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) rows.push(bytes.slice(i, i + 16).join(' '));
  return rows;
}

function acceptCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { steps: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('accept takes exactly one Sec-WebSocket-Key');
  const key = positionals[0]!;
  const steps = acceptKeySteps(key);
  if (base64Decode(key)?.length !== 16) {
    io.stderr(
      'note: this key is not base64 of 16 bytes, so a server would refuse the handshake (RFC 6455 §4.2.1)\n',
    );
  }
  if (!values.steps) {
    io.stdout(`${steps.accept}\n`);
    return ExitCode.ok;
  }
  io.stdout(
    [
      `1. key                 ${steps.key}`,
      `2. + GUID              ${steps.concatenated}`,
      `3. SHA-1 padding       ${steps.paddedBlocksHex.length} block(s) of 64 bytes`,
      ...steps.paddedBlocksHex.flatMap((block) =>
        rowsOf16Bytes(block).map((row) => `                        ${row}`),
      ),
      `4. SHA-1 (hex)         ${steps.sha1Hex}`,
      `5. base64 → Accept     ${steps.accept}`,
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}

/** Runs one CLI invocation; returns the exit status. Never throws for bad input: it says what is wrong. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'decode') return await decodeCommand(rest, io);
    if (command === 'accept') return acceptCommand(rest, io);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout(`${usage}\n`);
      return command === undefined ? ExitCode.usage : ExitCode.ok;
    }
    throw new UsageError(`unknown command '${command}' (try: ws101 --help)`);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      io.stderr(`ws101: ${command ?? ''}: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
}
