import type { CaseRun, SuiteRun } from '../conform/net/runSuite.ts';
import {
  type Counts,
  countByCategory,
  countCloseResults,
  countResults,
  throughput,
} from '../conform/summary.ts';
import { type CloseResult, closeResults, type Result, results } from '../conform/types.ts';
import type { Language } from '../protocol/index.ts';
import { columns, padColumns } from './columns.ts';
import { t } from './strings.ts';

const ansi: Record<Result, string> = {
  pass: '32',
  'non-strict': '33',
  informational: '36',
  fail: '31;1',
  unimplemented: '2',
};

const closeAnsi: Record<CloseResult, string> = {
  ok: '32',
  'wrong-code': '33',
  unclean: '31',
  'failed-by-client': '33',
  informational: '36',
  failed: '31;1',
};

function formatCounts(counts: Counts, lang: Language): string {
  return results
    .map((r) => t(lang, 'conform.count', { n: counts[r], result: t(lang, `conform.result.${r}`) }))
    .join(t(lang, 'conform.listSeparator'));
}

function formatCloseCounts(counts: Record<CloseResult, number>, lang: Language): string {
  return closeResults
    .filter((r) => counts[r] > 0)
    .map((r) => t(lang, 'conform.count', { n: counts[r], result: t(lang, `conform.close.${r}`) }))
    .join(t(lang, 'conform.listSeparator'));
}

/** The terminal table: one line per case, a summary line per category, totals and the time taken. */
export function conformTable(run: SuiteRun, colour: boolean, lang: Language = 'en'): string {
  const paint = (code: string, line: string) => (colour ? `\x1b[${code}m${line}\x1b[0m` : line);
  const idWidth = Math.max(5, ...run.runs.map((r) => r.def.id.length));
  const lines: string[] = [`ws101 conform ${run.target.url}`, ''];
  const items = run.runs.map((r) => ({ category: r.def.category, result: r.verdict.result }));
  for (const { category, counts } of countByCategory(items)) {
    lines.push(paint('1', `${category.number} ${category.title[lang]}`));
    for (const r of run.runs.filter((x) => x.def.category === category.id))
      lines.push(caseLine(r, idWidth, paint, lang));
    lines.push(paint('2', `  ${formatCounts(counts, lang)}`), '');
  }
  const total = countResults(items);
  const own = run.runs.filter((r) => !r.def.autobahn).length;
  lines.push(
    paint('1', t(lang, 'conform.total', { cases: run.runs.length, counts: formatCounts(total, lang) })),
    t(lang, 'conform.closeTotal', {
      counts: formatCloseCounts(countCloseResults(run.runs.map((r) => r.verdict)), lang),
    }),
    t(lang, 'conform.numbering', { autobahn: run.runs.length - own, own }),
    t(lang, 'conform.time', { seconds: (run.durationMs / 1000).toFixed(2), concurrency: run.concurrency }),
    '',
  );
  return lines.join('\n');
}

function caseLine(
  run: CaseRun,
  idWidth: number,
  paint: (code: string, text: string) => string,
  lang: Language,
): string {
  const { def, verdict } = run;
  const name = (r: Result) => t(lang, `conform.result.${r}`);
  const width = Math.max(...results.map((r) => columns(name(r))));
  const result = paint(ansi[verdict.result], padColumns(name(verdict.result), width));
  const closeName = (r: CloseResult) => t(lang, `conform.close.${r}`);
  const closeWidth = Math.max(...closeResults.map((r) => columns(closeName(r))));
  const close = paint(closeAnsi[verdict.close], padColumns(closeName(verdict.close), closeWidth));
  const timing = def.reportTime ? `  ${paint('2', throughput(run))}` : '';
  const line = `  ${def.id.padEnd(idWidth)}  ${result} ${close} ${def.title[lang]}${timing}`;
  if (verdict.result === 'pass' && verdict.close === 'ok') return line;
  const reasons = [verdict.why?.[lang], verdict.closeWhy?.[lang]].filter(Boolean).join('; ');
  const detail =
    verdict.result === 'informational' ? verdict.observed[lang] : `${reasons} — ${verdict.observed[lang]}`;
  return `${line}  ${paint('2', `(§${def.section}) ${detail}`)}`;
}
