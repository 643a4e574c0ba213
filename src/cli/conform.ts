import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { caseTable } from '../conform/cases/index.ts';
import { printable } from '../conform/describe.ts';
import { htmlReport } from '../conform/htmlReport.ts';
import { jsonReport } from '../conform/jsonReport.ts';
import { runSuite, UnreachableTarget } from '../conform/net/runSuite.ts';
import { parseTarget } from '../conform/net/target.ts';
import { selectCases } from '../conform/select.ts';
import { isHttpToken, type Language } from '../protocol/index.ts';
import { parseCommandArgs } from './args.ts';
import { conformTable } from './conformTable.ts';
import { type CliIo, ExitCode, UsageError } from './io.ts';
import { cliStrings } from './strings.ts';

/** `ws101 conform URL`: exit 0 when no case fails, 1 when one does, 2 for bad usage or no server. */
export async function conformCommand(args: string[], io: CliIo, lang: Language): Promise<number> {
  const text = cliStrings[lang];
  const { values, positionals } = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      options: {
        cases: { type: 'string' },
        json: { type: 'boolean', default: false },
        report: { type: 'string' },
        concurrency: { type: 'string' },
        insecure: { type: 'boolean', default: false },
        protocol: { type: 'string', multiple: true },
        lang: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
      },
    },
    text,
  );
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'zh')
    throw new UsageError(text.badLang(values.lang));
  if (positionals.length !== 1) throw new UsageError(text.conform.arity);
  const target = parseTarget(positionals[0]!);
  if ('error' in target) throw new UsageError(target.error);
  const selection = selectCases(caseTable, values.cases);
  if ('error' in selection) throw new UsageError(selection.error);
  const concurrency = values.concurrency === undefined ? 16 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(text.conform.badConcurrency(values.concurrency ?? ''));
  }
  const protocols = values.protocol ?? [];
  // §4.1: each subprotocol is an HTTP token (RFC 7230 tchar), so it cannot break the request head.
  const badProtocol = protocols.find((name) => !isHttpToken(name));
  if (badProtocol !== undefined) throw new UsageError(text.conform.badProtocol(badProtocol));
  let run: Awaited<ReturnType<typeof runSuite>>;
  try {
    run = await runSuite({
      target: { ...target, insecure: values.insecure, ...(protocols.length ? { protocols } : {}) },
      cases: selection.cases,
      concurrency,
    });
  } catch (error) {
    if (error instanceof UnreachableTarget) {
      io.stderr(`ws101: conform: ${text.conform.unreachable(printable(error.message))}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
  if (values.report !== undefined) {
    await mkdir(values.report, { recursive: true });
    const file = join(values.report, 'index.html');
    await writeFile(file, htmlReport(run));
    io.stderr(`${text.conform.report(file)}\n`);
  }
  if (values.json) io.stdout(`${JSON.stringify(jsonReport(run))}\n`);
  else io.stdout(conformTable(run, values['no-color'] ? false : (values.color ?? io.colour), lang));
  return run.runs.some((r) => r.verdict.result === 'fail') ? ExitCode.violations : ExitCode.ok;
}
