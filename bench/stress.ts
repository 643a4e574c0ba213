/**
 * `npm run stress`: the server attacked as a hostile room would, from loopback only. Starts the server
 * (descriptors limited to 1,024, as on many machines) on a copy of the built deck, and a bystander (an
 * echo client in a process of its own, one message every 20 ms) whose round trips are the figure; then
 * runs each attack of bench/stress/attacks.ts, bounded in count and in time, one after the other, and
 * prints one row per attack: bystander p50/p99 during it, server RSS before/peak/after, refused, and
 * whether the process (and the bystander's connection) survived. Goals are printed beside the figures,
 * never asserted: RSS peak < 300 MiB and back within 50 MiB of the start; p99 < 50 ms except in rows
 * that saturate both cores by design (marked).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { selfSignedCert } from '../test/helpers/selfSignedCert.ts';
import { attacks as firstRoundAttacks } from './stress/attacks.ts';
import { loopback, sleep } from './stress/kit.ts';
import { libraryAndTlsRows } from './stress/libraryAndTlsRows.ts';
import { lagFile, roomAndChatRows } from './stress/roomAndChatRows.ts';

/**
 * STRESS_TLS=1: the server serves https and wss (a throwaway certificate) and the rows that apply to TLS
 * run over it. STRESS_ONLY=20. (or STRESS_ROWS=20.): only the rows whose names start so.
 */
const tls = process.env.STRESS_TLS === '1';
const only = process.env.STRESS_ONLY ?? process.env.STRESS_ROWS;
const attacks = [...firstRoundAttacks, ...libraryAndTlsRows, ...roomAndChatRows].filter(
  (attack) =>
    (only === undefined || attack.name.startsWith(only)) &&
    (tls ? 'tls' in attack && attack.tls !== undefined : !('tls' in attack) || attack.tls !== 'tls'),
);

const port = Number(process.env.STRESS_PORT ?? 4310);
const attackMs = 6_000;
const settleMs = 2_000;
const presenterToken = 'stress-presenter-token-0123456789';
const mib = (bytes: number) => bytes / 2 ** 20;

if (process.argv[2] === '--bystander') await bystander(Number(process.argv[3]));
else await main();

/** The well-behaved client: one message every 20 ms on /echo, each round trip printed. */
async function bystander(serverPort: number): Promise<void> {
  const connect = () => {
    const ws = new WebSocket(`${tls ? 'wss' : 'ws'}://127.0.0.1:${serverPort}/echo`, {
      localAddress: loopback(2),
      rejectUnauthorized: false,
    });
    const sent = new Map<string, number>();
    let counter = 0;
    let timer: NodeJS.Timeout | null = null;
    ws.on('open', () => {
      timer = setInterval(() => {
        const key = String(counter++);
        sent.set(key, performance.now());
        ws.send(key);
      }, 20);
    });
    ws.on('message', (data) => {
      const at = sent.get(data.toString());
      if (at === undefined) return;
      sent.delete(data.toString());
      process.stdout.write(`rtt ${(performance.now() - at).toFixed(3)}\n`);
    });
    ws.on('error', () => {});
    ws.on('close', (code) => {
      if (timer) clearInterval(timer);
      process.stdout.write(`closed ${code}\n`);
      setTimeout(connect, 200);
    });
  };
  connect();
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function startServerProcess(staticRoot: string): Promise<ChildProcess> {
  const cert = tls ? selfSignedCert() : null;
  if (tls && !cert) throw new Error('STRESS_TLS=1 needs openssl for its certificate');
  const args = [
    '--import',
    'tsx',
    // The server's event-loop lag, for the rows that report it (bench/stress/lagProbe.ts).
    '--import',
    './bench/stress/lagProbe.ts',
    'server/main.ts',
    ...(cert ? ['--tls-cert', cert.cert, '--tls-key', cert.key] : []),
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--static',
    staticRoot,
    '--presenter-token',
    presenterToken,
    '--heartbeat-ms',
    '1000',
    '--log',
    'silent',
  ];
  // exec keeps the pid: the RSS read is the server's own.
  const server = spawn('sh', ['-c', 'ulimit -n 1024; exec "$0" "$@"', process.execPath, ...args], {
    env: { ...process.env, WS101_LAG_FILE: lagFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    server.stdout!.on('data', (chunk) => {
      if (output.includes('listening on')) return;
      output += chunk;
      if (output.includes('listening on')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`the server exited (${code}): ${output}`)));
  });
  return server;
}

async function main(): Promise<void> {
  if (!existsSync('dist/deck/index.html')) throw new Error('build the deck first: npm run build');
  const staticRoot = mkdtempSync(join(tmpdir(), 'ws101-stress-'));
  cpSync('dist/deck', staticRoot, { recursive: true });
  const server = await startServerProcess(staticRoot);
  let exited: string | null = null;
  server.once('exit', (code, signal) => {
    exited = `exit ${code ?? signal}`;
  });
  const pid = server.pid!;
  // The server's event-loop lag (bench/stress/lagProbe.ts): the worst since the row began.
  let lagMax = 0;
  let lagPending = '';
  server.stdout!.on('data', (chunk) => {
    lagPending += chunk;
    const lines = lagPending.split('\n');
    lagPending = lines.pop()!;
    for (const line of lines) if (line.startsWith('lag ')) lagMax = Math.max(lagMax, Number(line.slice(4)));
  });

  const samples: number[] = [];
  let bystanderClosed = 0;
  const watcher = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/stress.ts', '--bystander', String(port)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let pending = '';
  watcher.stdout!.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('rtt ')) samples.push(Number(line.slice(4)));
      else if (line.startsWith('closed')) bystanderClosed++;
    }
  });
  // At rest first: the bystander's own figures, 3 s of them, on this machine as loaded as it is now.
  for (let waited = 0; samples.length === 0 && waited < 20_000; waited += 100) await sleep(100);
  samples.length = 0;
  await sleep(3_000);
  const startRss = rssOf(pid);
  const rest = [...samples].sort((a, b) => a - b);
  console.log(
    `ws101 stress, loopback only, port ${port}${tls ? ', TLS (https, wss)' : ''}; server pid ${pid}, ` +
      'descriptors ≤ 1024, heartbeat 1 s.\n' +
      `Each attack runs ≤ ${attackMs / 1000} s (and a bounded count), then ${settleMs / 1000} s to settle.\n` +
      `At rest: bystander p50 ${percentile(rest, 50).toFixed(2)} ms, p99 ${percentile(rest, 99).toFixed(2)} ms ` +
      `(n ${rest.length}); ` +
      `RSS ${mib(startRss).toFixed(0)} MiB.\n` +
      'Goals: survives; RSS peak < 300 MiB and after ≤ before + 50 MiB; p99 < 50 ms unless the row saturates ' +
      'both cores by design (sat). n: bystander round trips during the attack.\n',
  );
  const header = [
    'attack',
    'sat',
    'n',
    'p50 ms',
    'p99 ms',
    'RSS before/peak/after MiB',
    'lag max ms',
    'refused',
    'survived',
    'goals',
    'note',
  ];
  const rows: string[][] = [];
  for (const attack of attacks) {
    if (exited) break;
    const before = rssOf(pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(pid));
    }, 50);
    samples.length = 0;
    const closedBefore = bystanderClosed;
    lagMax = 0;
    const started = Date.now();
    const over = () => Date.now() - started > attackMs || exited !== null;
    let result: { refused: number; note: string };
    try {
      result = await Promise.race([
        attack.run({ port, presenterToken, staticRoot, over, tls }),
        sleep(attackMs + 15_000).then(() => ({ refused: Number.NaN, note: 'did not finish in time' })),
      ]);
    } catch (error) {
      result = { refused: Number.NaN, note: `attack failed: ${(error as Error).message}` };
    }
    const during = [...samples].sort((a, b) => a - b);
    await sleep(settleMs);
    clearInterval(sampler);
    const after = rssOf(pid);
    peak = Math.max(peak, after);
    const survived = exited === null && bystanderClosed === closedBefore;
    const p99 = percentile(during, 99);
    const goals = [
      survived ? '' : 'DIED',
      mib(peak) < 300 ? '' : 'peak',
      mib(after) <= mib(before) + 50 ? '' : 'after',
      attack.saturates || !(p99 >= 50) ? '' : 'p99',
    ].filter(Boolean);
    rows.push([
      attack.name,
      attack.saturates ? 'sat' : '',
      String(during.length),
      during.length === 0 ? '—' : percentile(during, 50).toFixed(2),
      during.length === 0 ? '—' : p99.toFixed(2),
      `${mib(before).toFixed(0)}/${mib(peak).toFixed(0)}/${mib(after).toFixed(0)}`,
      lagMax.toFixed(0),
      String(result.refused),
      exited ? `no (${exited})` : bystanderClosed === closedBefore ? 'yes' : 'yes, bystander dropped',
      goals.length === 0 ? 'met' : `missed: ${goals.join(', ')}`,
      result.note,
    ]);
    process.stderr.write(`  done: ${attack.name}\n`);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));
  samples.length = 0;
  await sleep(3_000);
  const restAfter = [...samples].sort((a, b) => a - b);
  console.log(
    `\nAt rest again: bystander p50 ${percentile(restAfter, 50).toFixed(2)} ms, ` +
      `p99 ${percentile(restAfter, 99).toFixed(2)} ms (n ${restAfter.length}).`,
  );
  const endRss = rssOf(pid);
  console.log(
    `\nServer RSS at the end: ${mib(endRss).toFixed(0)} MiB (start ${mib(startRss).toFixed(0)} MiB).`,
  );
  const survivedAll = exited === null && rows.every((r) => r[header.indexOf('survived')]?.startsWith('yes'));
  watcher.kill();
  server.kill('SIGTERM');
  await sleep(500);
  if (!server.killed) server.kill('SIGKILL');
  process.exit(survivedAll ? 0 : 1);
}
