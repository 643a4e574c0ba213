// npm run lab:browsers [-- --browser firefox|chromium|all --url http://127.0.0.1:PORT --json]
// Runs every server → browser experiment of the frame lab in real browsers (Debian's Chromium through
// Playwright, Debian's Firefox ESR through WebDriver BiDi) and prints, per experiment, the RFC's rule,
// what the browser put on the wire (its close frame as the server's tap decoded it, or none), what the
// page's WebSocket reported, and how that compares with the lab's table. This is how the table's browser
// columns are measured; rerun it when a browser changes. Without --url it starts its own server.
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import type { RunningServer } from '../../server/server.ts';
import { startServer } from '../../server/server.ts';
import { type Behaviour, labExperiments } from '../../src/shared/labExperiments.ts';
import { differences, identifyBrowser, type Observation, rfcVerdict } from '../../src/shared/labVerdict.ts';
import { chromiumLaunchOptions } from '../helpers/chromium.ts';
import { launchFirefox } from './firefox.ts';
import { labRunInPage as inPage, type PageReport } from './labRunInPage.ts';

const { values } = parseArgs({
  options: {
    browser: { type: 'string', default: 'all' },
    url: { type: 'string' },
    json: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.LAB_PORT ?? '0' },
  },
});

const deadlineMs = 180_000;
const experiments = labExperiments.filter((e) => e.directions.includes('to-browser')).map((e) => e.name);

async function inChromium(url: string): Promise<PageReport> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(url);
    return JSON.parse(await page.evaluate(inPage(experiments))) as PageReport;
  } finally {
    await browser.close();
  }
}

async function inFirefox(url: string): Promise<PageReport> {
  const firefox = await launchFirefox();
  try {
    await firefox.navigate(url);
    return JSON.parse(await firefox.evaluate(inPage(experiments))) as PageReport;
  } finally {
    await firefox.close();
  }
}

const wire = (seen: Observation) =>
  seen.closeFrame === 'none'
    ? 'no close frame'
    : `close ${seen.closeFrame ?? '(empty)'}${seen.closeReason ? ` ${JSON.stringify(seen.closeReason)}` : ''}`;

const pageSaw = (seen: Observation) =>
  [
    seen.messages ? `${seen.messages} message` : '',
    seen.error ? 'error' : '',
    seen.page === 'open'
      ? 'stays open'
      : seen.page
        ? `close ${seen.page.code} wasClean ${seen.page.clean}`
        : '',
  ]
    .filter(Boolean)
    .join(', ');

const rfcText = (name: string) => {
  const { rfc } = labExperiments.find((e) => e.name === name)!;
  const what =
    rfc.receiver.kind === 'accepts'
      ? 'accept'
      : `${rfc.receiver.kind === 'fails' ? 'fail' : 'close'} ${rfc.receiver.code}`;
  return `§${rfc.section} ${what}`;
};

/** The table as text: one row per experiment, columns padded. */
function printReport(report: PageReport): void {
  const identity = identifyBrowser(report.userAgent);
  console.log(`\n== ${identity.name} (${report.userAgent})`);
  if (report.error) {
    console.log(`   ${report.error}`);
    return;
  }
  const rows = [['experiment', 'RFC', 'on the wire (tap)', 'the page saw', 'vs RFC', 'vs table']];
  for (const run of report.runs) {
    const experiment = labExperiments.find((e) => e.name === run.experiment)!;
    const known: Behaviour | undefined = identity.known ? experiment.browsers?.[identity.known] : undefined;
    if (!run.seen) {
      rows.push([run.experiment, rfcText(run.experiment), run.error ?? '?', '', '', '']);
      continue;
    }
    const verdict = rfcVerdict(experiment.rfc, run.seen);
    rows.push([
      run.experiment,
      rfcText(run.experiment),
      wire(run.seen),
      pageSaw(run.seen),
      verdict.kind === 'follows' ? 'follows' : `${verdict.kind}`,
      known
        ? differences(known, run.seen).length === 0
          ? 'as in table'
          : `DIFFERS: ${differences(known, run.seen).join(',')}`
        : 'not in table',
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.min(46, Math.max(...rows.map((row) => row[i]!.length))));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | '));
  console.log(`\nhandshake request (${report.request.length} lines + blank):`);
  for (const line of report.request) console.log(`   ${line}`);
  const reopen = report.reopenMs.map((ms) => Math.round(ms));
  if (reopen.length > 0)
    console.log(
      `\nnew echo socket open after a run killed one: ${reopen.join(', ')} ms (median ${median(reopen)} ms)`,
    );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

let server: RunningServer | null = null;
const watchdog = setTimeout(() => {
  console.error(`lab:browsers: gave up after ${deadlineMs / 1000} s`);
  process.exit(1);
}, deadlineMs);

try {
  let base = values.url;
  if (!base) {
    server = await startServer({ port: Number(values.port), dev: true, log: 'silent' });
    base = `http://127.0.0.1:${server.port}`;
  }
  const url = `${base.replace(/\/$/, '')}/?lang=en#/lab`;
  const which = values.browser === 'all' ? ['chromium', 'firefox'] : [values.browser];
  const reports: Record<string, PageReport> = {};
  for (const name of which) {
    if (name !== 'chromium' && name !== 'firefox') throw new Error(`unknown browser ${name}`);
    reports[name] = await (name === 'chromium' ? inChromium(url) : inFirefox(url));
    if (!values.json) printReport(reports[name]!);
  }
  if (values.json) console.log(JSON.stringify(reports, null, 2));
} finally {
  clearTimeout(watchdog);
  await server?.close();
}
