/**
 * `npm run bench:conform`: the conformance suite against ws101's own server on 127.0.0.1, in a child
 * process so server and suite do not share an event loop. Categories 1–7 and 10 against each of the
 * deck's endpoints in turn (ws at /echo, WebSocket-Node at /wsnode/echo), goal under 30 s on a 2-core
 * machine: the time of each of three runs, the median, the results. Then all 54 cases of category 9
 * against /echo, with each case's time and throughput (Autobahn reports their time; no goal: most of
 * them are over the server's 1 MiB limit, which it enforces with 1009). Then categories 12–13
 * (permessage-deflate, 216 cases, goal under 60 s) against /echo?deflate=1: the bundled /echo does not
 * negotiate the extension (it would be 216 × UNIMPLEMENTED); `?deflate=1` is the same ws echo with
 * permessage-deflate on. BENCH_DEFLATE=<patterns> runs fewer (e.g. `12.1.*`). Then the deck's
 * side-by-side run.
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
import { selectCases } from '../src/conform/select.ts';
import { countResults, formatCounts, throughput } from '../src/conform/summary.ts';

const goalSeconds = 30;
const deflateGoalSeconds = 60;
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
// The goal is stated for categories 1–7 and 10; category 9's megabytes and 12–13's compression are timed
// on their own below.
const oneToSeven = caseTable.filter((c) => c.category !== 'limits' && !c.deflate);
const limitCases = caseTable.filter((c) => c.category === 'limits');
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
    `categories 1–7 and 10 against ${name}: median ${median.toFixed(2)} s, goal < ${goalSeconds} s (${(median / goalSeconds).toFixed(2)}× the goal)`,
  );
  console.log(`results: ${summary}${failed.length ? ` (fail: ${failed.join(', ')})` : ''}`);
  if (endpoint.path !== '/echo') continue;
  // Category 9 one case at a time, as Autobahn runs it: each case's figure is its own.
  const limits = await runSuite({ target, cases: limitCases, concurrency: 1 });
  for (const run of limits.runs)
    console.log(
      `  ${run.def.id.padEnd(6)} ${run.verdict.result.padEnd(10)} ${throughput(run)}  ${run.def.title.en}`,
    );
  console.log(
    `category 9 against ${name} (${limits.runs.length} cases, one at a time): ${(limits.durationMs / 1000).toFixed(2)} s, ${counts(limits)}`,
  );
}
// 12–13 two at a time (the server and the client each have a core): each case is a thousand round trips.
const deflatePatterns = process.env.BENCH_DEFLATE ?? '12.*,13.*';
const deflatePicked = selectCases(caseTable, deflatePatterns);
if ('error' in deflatePicked) throw new Error(deflatePicked.error);
const deflateTarget = parseTarget(`ws://127.0.0.1:${port}/echo?deflate=1`);
if ('error' in deflateTarget) throw new Error(deflateTarget.error);
console.log(`— ws /echo?deflate=1 (the bundled /echo does not negotiate permessage-deflate)`);
const deflateRun = await runSuite({ target: deflateTarget, cases: deflatePicked.cases, concurrency: 2 });
const bySubgroup = new Map<string, { ms: number; cases: number }>();
for (const run of deflateRun.runs) {
  const subgroup = run.def.id.split('.').slice(0, 2).join('.');
  const row = bySubgroup.get(subgroup) ?? { ms: 0, cases: 0 };
  row.ms += run.observation.durationMs;
  row.cases++;
  bySubgroup.set(subgroup, row);
}
for (const [subgroup, row] of bySubgroup)
  console.log(`  ${subgroup.padEnd(5)} ${row.cases} cases, ${(row.ms / 1000).toFixed(1)} s of case time`);
const slowest = [...deflateRun.runs].sort((a, b) => b.observation.durationMs - a.observation.durationMs)[0];
const deflateSeconds = deflateRun.durationMs / 1000;
console.log(
  `categories 12–13 (${deflatePatterns}: ${deflateRun.runs.length} of Autobahn's 216 cases, 2 at a time) against /echo?deflate=1: ` +
    `${deflateSeconds.toFixed(2)} s, goal < ${deflateGoalSeconds} s (${(deflateSeconds / deflateGoalSeconds).toFixed(2)}× the goal); ${counts(deflateRun)}` +
    (slowest ? `; slowest ${slowest.def.id} ${throughput(slowest)}` : ''),
);

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
      cases: '1.*,2.*,3.*,4.*,5.*,6.*,7.*,10.*',
      id: endpoint.id,
    }),
  );
  const reply = await answer;
  const deckSeconds = (performance.now() - started) / 1000;
  sideBySide += deckSeconds;
  console.log(
    `the deck's conform.run on ${endpoint.label} ${endpoint.path}, categories 1–7 and 10: ` +
      `${reply.type === 'result' ? 'ok' : JSON.stringify(reply)}, ` +
      `${deckSeconds.toFixed(2)} s to the last byte (${tally.cases} cases), goal < ${goalSeconds} s; ` +
      `${tally.parts} parts, ${(tally.partBytes / 1024).toFixed(0)} KiB in all, the largest ` +
      `${(tally.largestPart / 1024).toFixed(1)} KiB (the inspector bound: 1024 KiB)`,
  );
}
console.log(
  `the slide's side-by-side run (${conformEndpoints.map((e) => e.label).join(' then ')}), categories 1–7 and 10: ` +
    `${sideBySide.toFixed(2)} s in all (${(sideBySide / goalSeconds).toFixed(2)}× the ${goalSeconds} s goal of one run)`,
);
inspector.close();
child.kill();
