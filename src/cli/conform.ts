import { access, constants, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { caseTable } from '../conform/cases/index.ts';
import { printable } from '../conform/describe.ts';
import { htmlReport } from '../conform/htmlReport.ts';
import { jsonReport } from '../conform/jsonReport.ts';
import { isFailing } from '../conform/judge.ts';
import { runSuite, UnreachableTarget } from '../conform/net/runSuite.ts';
import { parseTarget } from '../conform/net/target.ts';
import { selectCases } from '../conform/select.ts';
import { isHttpToken, type Language } from '../protocol/index.ts';
import { parseCommandArgs } from './args.ts';
import { conformTable } from './conformTable.ts';
import { type CliIo, ExitCode, UsageError } from './io.ts';
import { t } from './strings.ts';

/** `ws101 conform URL`: exit 0 when no case fails, 1 when one does, 2 for bad usage or no server. */
export async function conformCommand(args: string[], io: CliIo, lang: Language): Promise<number> {
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
    lang,
  );
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'zh')
    throw new UsageError(t(lang, 'badLang', { value: values.lang }));
  if (positionals.length !== 1) throw new UsageError(t(lang, 'conform.arity'));
  const target = parseTarget(positionals[0]!);
  if ('error' in target) throw new UsageError(target.error);
  const selection = selectCases(caseTable, values.cases);
  if ('error' in selection) throw new UsageError(selection.error);
  const concurrency = values.concurrency === undefined ? 16 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(t(lang, 'conform.badConcurrency', { value: values.concurrency ?? '' }));
  }
  const protocols = values.protocol ?? [];
  // §4.1: each subprotocol is an HTTP token (RFC 7230 tchar), so it cannot break the request head.
  const badProtocol = protocols.find((name) => !isHttpToken(name));
  if (badProtocol !== undefined) throw new UsageError(t(lang, 'conform.badProtocol', { value: badProtocol }));
  if (values.insecure && !target.secure) io.stderr(`ws101: conform: ${t(lang, 'conform.insecureNoop')}\n`);
  let reportFile: string | undefined;
  if (values.report !== undefined) {
    // Checked before the run: a run of minutes must not end in a stack trace over a bad path.
    const problem = await reportProblem(values.report);
    if (problem !== null)
      throw new UsageError(t(lang, 'conform.badReport', { target: values.report, problem }));
    reportFile = join(values.report, 'index.html');
  }
  let run: Awaited<ReturnType<typeof runSuite>>;
  try {
    run = await runSuite({
      target: { ...target, insecure: values.insecure, ...(protocols.length ? { protocols } : {}) },
      cases: selection.cases,
      concurrency,
    });
  } catch (error) {
    if (error instanceof UnreachableTarget) {
      io.stderr(`ws101: conform: ${t(lang, 'conform.unreachable', { target: printable(error.message) })}\n`);
      const code = certificateError(error.message);
      if (code !== null && !values.insecure)
        io.stderr(`ws101: conform: ${t(lang, 'conform.certificateHint', { code })}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
  if (reportFile !== undefined) {
    await writeFile(reportFile, htmlReport(run));
    io.stderr(`${t(lang, 'conform.report', { file: reportFile })}\n`);
  }
  if (values.json) io.stdout(`${JSON.stringify(jsonReport(run))}\n`);
  else io.stdout(conformTable(run, values['no-color'] ? false : (values.color ?? io.colour), lang));
  return run.runs.some((r) => isFailing(r.verdict)) ? ExitCode.violations : ExitCode.ok;
}

/** Node's codes for a certificate that does not verify (tls.connect's error, as the probe reports it). */
const certificateCodes =
  /\b(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID|CERT_UNTRUSTED)\b/;

export function certificateError(message: string): string | null {
  return certificateCodes.exec(message)?.[1] ?? null;
}

/** Why `dir` cannot take the report, or null: made now if missing, and index.html must be writable. */
async function reportProblem(dir: string): Promise<string | null> {
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory()) return 'is a file, not a directory';
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    return `cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  const index = await stat(join(dir, 'index.html')).catch(() => null);
  if (index?.isDirectory()) return 'index.html in it is a directory';
  return null;
}
