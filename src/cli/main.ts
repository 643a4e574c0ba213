import { acceptKeySteps, base64Decode, decodeFrames, type Language, parseHex } from '../protocol/index.ts';
import { paint } from '../shared/paint.ts';
import { cliLanguage, parseCommandArgs } from './args.ts';
import { captureCommand } from './captureCommand.ts';
import { padColumns } from './columns.ts';
import { conformCommand } from './conform.ts';
import { decodedJson } from './frameJson.ts';
import { renderDecoded } from './frameTable.ts';
import { type CliIo, ExitCode, UsageError } from './io.ts';
import { serveCommand } from './serve.ts';
import { t } from './strings.ts';

/** `--lang` was given a value the CLI does not speak (a good value was already read by `cliLanguage`). */
function checkLanguage(value: string | undefined, lang: Language): void {
  if (value !== undefined && value !== 'en' && value !== 'zh')
    throw new UsageError(t(lang, 'badLang', { value }));
}

async function decodeCommand(args: string[], io: CliIo, lang: Language): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    {
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
        pcap: { type: 'string' },
        har: { type: 'string' },
        port: { type: 'string' },
      },
    },
    lang,
  );
  checkLanguage(values.lang, lang);
  const colour = values['no-color'] ? false : (values.color ?? io.colour);
  const captureFile = values.pcap ?? values.har;
  if (captureFile !== undefined) {
    if (positionals.length > 0)
      throw new UsageError(t(lang, 'unexpectedArgument', { argument: positionals[0]! }));
    const kind = values.pcap !== undefined ? 'pcap' : 'har';
    return captureCommand(
      { kind, file: captureFile, port: values.port, json: values.json, colour },
      io,
      lang,
    );
  }
  if (values.from !== undefined && values.from !== 'client' && values.from !== 'server') {
    throw new UsageError(t(lang, 'badFrom', { value: values.from }));
  }
  const maxPayload = values['max-payload'] === undefined ? undefined : Number(values['max-payload']);
  if (maxPayload !== undefined && !(Number.isInteger(maxPayload) && maxPayload >= 0)) {
    throw new UsageError(t(lang, 'badMaxPayload', { value: values['max-payload']! }));
  }
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

function acceptCommand(args: string[], io: CliIo, lang: Language): number {
  const { values, positionals } = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      options: { steps: { type: 'boolean', default: false }, lang: { type: 'string' } },
    },
    lang,
  );
  checkLanguage(values.lang, lang);
  if (positionals.length !== 1) throw new UsageError(t(lang, 'acceptArity', { count: positionals.length }));
  const key = positionals[0]!;
  const steps = acceptKeySteps(key);
  if (base64Decode(key)?.length !== 16) io.stderr(`${t(lang, 'keyNotSixteenBytes')}\n`);
  if (!values.steps) {
    io.stdout(`${steps.accept}\n`);
    return ExitCode.ok;
  }
  const step = (n: number, name: string, value: string) => `${n}. ${padColumns(name, 20)}${value}`;
  const indent = ' '.repeat(23);
  io.stdout(
    [
      step(1, t(lang, 'acceptSteps.key'), steps.key),
      step(2, t(lang, 'acceptSteps.withGuid'), steps.concatenated),
      step(
        3,
        t(lang, 'acceptSteps.padding'),
        t(lang, 'acceptSteps.blocks', { count: steps.paddedBlocksHex.length }),
      ),
      ...steps.paddedBlocksHex.flatMap((block) => rowsOf16Bytes(block).map((row) => indent + row)),
      step(4, t(lang, 'acceptSteps.sha1'), steps.sha1Hex),
      step(5, t(lang, 'acceptSteps.accept'), steps.accept),
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}

/** Runs one CLI invocation; returns the exit status. Never throws for bad input: it says what is wrong. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const lang = cliLanguage(argv, io.env);
  try {
    const askedForHelp = rest.includes('--help') || rest.includes('-h');
    if ((command === 'decode' || command === 'accept' || command === 'conform') && askedForHelp) {
      io.stdout(`${t(lang, 'usage')}\n`);
      return ExitCode.ok;
    }
    if (command === 'decode') return await decodeCommand(rest, io, lang);
    if (command === 'accept') return acceptCommand(rest, io, lang);
    if (command === 'conform') return await conformCommand(rest, io, lang);
    if (command === 'serve') return await serveCommand(rest, io, lang);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout(`${t(lang, 'usage')}\n`);
      return command === undefined ? ExitCode.usage : ExitCode.ok;
    }
    throw new UsageError(t(lang, 'unknownCommand', { command }));
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ws101: ${command ?? ''}: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
}
