/**
 * `npm run bench:conform`: categories 1–7 of the conformance suite against ws101's own server (/echo on
 * 127.0.0.1), in a child process so server and suite do not share an event loop. Goal: under 30 s on a
 * 2-core machine. Prints the time of each of three runs, the median, and the results.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
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

// The deck's way: `conform.run` over /inspect, the server dialling itself 8 at a time with a ticket per
// connection, the cases coming back to the page in paced parts (server/conform/conformRuns.ts).
const inspector = new WebSocket(`ws://127.0.0.1:${port}/inspect`);
await new Promise((resolve, reject) => inspector.once('open', resolve).once('error', reject));
let parts = 0;
let partBytes = 0;
let largestPart = 0;
let cases = 0;
const started = performance.now();
const answer = new Promise<Record<string, unknown>>((resolve) => {
  inspector.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    if (message.type === 'conform.cases') {
      parts++;
      partBytes += data.length;
      largestPart = Math.max(largestPart, data.length);
      cases += (message.cases as unknown[]).length;
    } else if (message.id === 'run') resolve(message);
  });
});
inspector.send(JSON.stringify({ type: 'hello', v: 1, id: 'hello' }));
inspector.send(
  JSON.stringify({ type: 'conform.run', endpoint: 'ws', cases: '1.*,2.*,3.*,4.*,5.*,6.*,7.*', id: 'run' }),
);
const reply = await answer;
const deckSeconds = (performance.now() - started) / 1000;
console.log(
  `the deck's conform.run, categories 1–7: ${reply.type === 'result' ? 'ok' : JSON.stringify(reply)}, ` +
    `${deckSeconds.toFixed(2)} s to the last byte (${cases} cases), goal < ${goalSeconds} s; ` +
    `${parts} parts, ${(partBytes / 1024).toFixed(0)} KiB in all, the largest ${(largestPart / 1024).toFixed(1)} KiB ` +
    '(the inspector bound: 1024 KiB)',
);
inspector.close();
child.kill();
