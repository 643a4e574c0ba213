/**
 * `npm run bench:conform`: categories 1–7 of the conformance suite against ws101's own server on
 * 127.0.0.1, in a child process so server and suite do not share an event loop: each of the deck's
 * endpoints in turn (ws at /echo, WebSocket-Node at /wsnode/echo). Goal: under 30 s on a 2-core machine.
 * Prints the time of each of three runs, the median, and the results; then the deck's side-by-side run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { caseTable } from '../src/conform/cases/index.ts';
import { conformEndpoints } from '../src/conform/endpoints.ts';
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
// The goal is stated for categories 1–7; category 9's megabytes are timed on their own below.
const oneToSeven = caseTable.filter((c) => c.category !== 'limits');
const counts = (run: Awaited<ReturnType<typeof runSuite>>) =>
  formatCounts(countResults(run.runs.map((r) => ({ result: r.verdict.result }))));
for (const endpoint of conformEndpoints) {
  const parsed = parseTarget(`ws://127.0.0.1:${port}${endpoint.path}`);
  if ('error' in parsed) throw new Error(parsed.error);
  const target = { ...parsed, ...(endpoint.protocols ? { protocols: endpoint.protocols } : {}) };
  const name = `${endpoint.label} ${endpoint.path}`;
  console.log(`— ${name}`);
  const seconds: number[] = [];
  let summary = '';
  let failed: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const run = await runSuite({ target, cases: oneToSeven });
    seconds.push(run.durationMs / 1000);
    summary = counts(run);
    failed = run.runs.filter((r) => r.verdict.result === 'fail').map((r) => r.def.id);
    console.log(
      `round ${round + 1}: ${(run.durationMs / 1000).toFixed(2)} s  (${run.runs.length} cases, ${run.concurrency} at a time)`,
    );
  }
  const median = [...seconds].sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
  console.log(
    `categories 1–7 against ${name}: median ${median.toFixed(2)} s, goal < ${goalSeconds} s (${(median / goalSeconds).toFixed(2)}× the goal)`,
  );
  console.log(`results: ${summary}${failed.length ? ` (fail: ${failed.join(', ')})` : ''}`);
  const limits = await runSuite({ target, cases: caseTable.filter((c) => c.category === 'limits') });
  console.log(
    `category 9 (up to 1 MiB, ${limits.runs.length} cases): ${(limits.durationMs / 1000).toFixed(2)} s, ${counts(limits)}`,
  );
}

// The deck's way: `conform.run` over /inspect, the server dialling itself 8 at a time with a ticket per
// connection, the cases coming back to the page in paced parts (server/conform/conformRuns.ts); the
// slide runs its endpoints one after the other, so the side-by-side total is what a learner waits.
const inspector = new WebSocket(`ws://127.0.0.1:${port}/inspect`);
await new Promise((resolve, reject) => inspector.once('open', resolve).once('error', reject));
const replies = new Map<string, (message: Record<string, unknown>) => void>();
const tally = { parts: 0, partBytes: 0, largestPart: 0, cases: 0 };
inspector.on('message', (data: Buffer) => {
  const message = JSON.parse(data.toString()) as Record<string, unknown>;
  if (message.type === 'conform.cases') {
    tally.parts++;
    tally.partBytes += data.length;
    tally.largestPart = Math.max(tally.largestPart, data.length);
    tally.cases += (message.cases as unknown[]).length;
  } else if (typeof message.id === 'string') replies.get(message.id)?.(message);
});
inspector.send(JSON.stringify({ type: 'hello', v: 1, id: 'hello' }));
console.log('— the deck');
let sideBySide = 0;
for (const endpoint of conformEndpoints) {
  Object.assign(tally, { parts: 0, partBytes: 0, largestPart: 0, cases: 0 });
  const started = performance.now();
  const answer = new Promise<Record<string, unknown>>((resolve) => replies.set(endpoint.id, resolve));
  inspector.send(
    JSON.stringify({
      type: 'conform.run',
      endpoint: endpoint.id,
      cases: '1.*,2.*,3.*,4.*,5.*,6.*,7.*',
      id: endpoint.id,
    }),
  );
  const reply = await answer;
  const deckSeconds = (performance.now() - started) / 1000;
  sideBySide += deckSeconds;
  console.log(
    `the deck's conform.run on ${endpoint.label} ${endpoint.path}, categories 1–7: ` +
      `${reply.type === 'result' ? 'ok' : JSON.stringify(reply)}, ` +
      `${deckSeconds.toFixed(2)} s to the last byte (${tally.cases} cases), goal < ${goalSeconds} s; ` +
      `${tally.parts} parts, ${(tally.partBytes / 1024).toFixed(0)} KiB in all, the largest ` +
      `${(tally.largestPart / 1024).toFixed(1)} KiB (the inspector bound: 1024 KiB)`,
  );
}
console.log(
  `the slide's side-by-side run (${conformEndpoints.map((e) => e.label).join(' then ')}), categories 1–7: ` +
    `${sideBySide.toFixed(2)} s in all (${(sideBySide / goalSeconds).toFixed(2)}× the ${goalSeconds} s goal of one run)`,
);
inspector.close();
child.kill();
