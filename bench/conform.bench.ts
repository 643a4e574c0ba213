/**
 * `npm run bench:conform`: categories 1–7 of the conformance suite against ws101's own server (/echo on
 * 127.0.0.1), in a child process so server and suite do not share an event loop. Goal: under 30 s on a
 * 2-core machine. Prints the time of each of three runs, the median, and the results.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseTable } from '../src/conform/cases/index.ts';
import { runSuite } from '../src/conform/net/runSuite.ts';
import { parseTarget } from '../src/conform/net/target.ts';
import { countResults, formatCounts } from '../src/conform/summary.ts';

const goalSeconds = 30;
const rounds = 3;

// An empty folder for the deck: the suite needs only the WebSocket endpoints.
const deck = mkdtempSync(join(tmpdir(), 'ws101-bench-'));
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '-e',
    `import('./server/server.ts').then(async ({ startServer }) => { const s = await startServer({ port: 0, host: '127.0.0.1', staticRoot: ${JSON.stringify(deck)}, log: 'silent' }); console.log(s.port); })`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const port = await new Promise<number>((resolve) =>
  child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
);
const target = parseTarget(`ws://127.0.0.1:${port}/echo`);
if ('error' in target) throw new Error(target.error);

// The goal is stated for categories 1–7; category 9's megabytes are timed on their own below.
const oneToSeven = caseTable.filter((c) => c.category !== 'limits');
const seconds: number[] = [];
let summary = '';
for (let round = 0; round < rounds; round++) {
  const run = await runSuite({ target, cases: oneToSeven });
  seconds.push(run.durationMs / 1000);
  summary = formatCounts(countResults(run.runs.map((r) => ({ result: r.verdict.result }))));
  console.log(
    `round ${round + 1}: ${(run.durationMs / 1000).toFixed(2)} s  (${run.runs.length} cases, ${run.concurrency} at a time)`,
  );
}
const median = [...seconds].sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
console.log(
  `categories 1–7 against ws101's /echo: median ${median.toFixed(2)} s, goal < ${goalSeconds} s (${(median / goalSeconds).toFixed(2)}× the goal)`,
);
console.log(`results: ${summary}`);
const limits = await runSuite({ target, cases: caseTable.filter((c) => c.category === 'limits') });
const limitCounts = formatCounts(countResults(limits.runs.map((r) => ({ result: r.verdict.result }))));
console.log(
  `category 9 (up to 1 MiB, ${limits.runs.length} cases): ${(limits.durationMs / 1000).toFixed(2)} s, ${limitCounts}`,
);
child.kill();
