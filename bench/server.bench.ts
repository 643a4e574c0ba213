/**
 * `npm run bench:server`: what the wire tap and the inspector cost, against a plain `ws` echo server, in
 * the same run. One child process holds both servers (a plain ws echo server, and ws101's server started
 * with `startServer`), so they share a core and a scheduler; this process is the load, and the modes are
 * measured in interleaved rounds, the median kept. Every loop is bounded, all on 127.0.0.1. Targets:
 *   tap idle ≤ 1.10× a plain ws server, inspector attached ≤ 1.5×, 1,000 connections held.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';
import { startServer } from '../server/server.ts';

const latencyRounds = 2000;
const throughputMessages = 20_000;
const throughputWindow = 64;
const throughputSize = 1024;
/** Each mode is measured this many times, interleaved with the others, and the median kept. */
const repeats = 5;
const crowd = 1000;
const crowdRounds = 5;

type Mode = 'plain ws' | 'ws101, tap idle' | 'ws101, inspector attached';
const modes: Mode[] = ['plain ws', 'ws101, tap idle', 'ws101, inspector attached'];
const targets: Record<Mode, number | null> = {
  'plain ws': null,
  'ws101, tap idle': 1.1,
  'ws101, inspector attached': 1.5,
};

/** The child: both servers, ports on stdout. */
async function serveBoth(): Promise<void> {
  const plain = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  plain.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  await new Promise((resolve) => plain.once('listening', resolve));
  const ours = await startServer({
    port: 0,
    log: 'silent',
    maxConnections: 5000,
    maxConnectionsPerIp: 5000,
    messagesPerSecond: 1e9,
  });
  console.log(`ports ${(plain.address() as { port: number }).port} ${ours.port}`);
}

type Servers = { child: ChildProcess; plain: number; ours: number };

async function startServers(): Promise<Servers> {
  const { process: started, match } = await child(['--servers'], /ports (\d+) (\d+)/);
  return { child: started, plain: Number(match[1]), ours: Number(match[2]) };
}

function open(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, ...options });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function roundTrip(ws: WebSocket, payload: Buffer): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    ws.once('message', () => resolve(performance.now() - started));
    ws.send(payload);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The inspector, in a process of its own so that reading records loads neither the server nor the load
 * generator. It parses only the welcome and a ticket for the load's socket, and prints the ticket; records are counted by their `"kind":`
 * keys (a byte search), dropped counts read from the rare `dropped` records; SIGTERM prints the counts.
 */
async function inspectorProcess(port: number): Promise<void> {
  // As light a reader as can be: the figure is the server's cost, not this process's.
  const ws = await open(`ws://127.0.0.1:${port}/inspect`, { skipUTF8Validation: true });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve) => {
      ws.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
    });
  const welcome = next();
  ws.send(JSON.stringify({ type: 'hello', v: 1, watch: false }));
  await welcome;
  // The load's socket joins this session with a single-use ticket (server/admission/tickets.ts).
  const reply = next();
  ws.send(JSON.stringify({ type: 'ticket', id: 't' }));
  const ticket = (await reply).ticket as string;
  ws.send(JSON.stringify({ type: 'watch' }));
  const kindKey = Buffer.from('"kind":');
  const counts = { records: 0, dropped: 0 };
  ws.on('message', (data: Buffer) => {
    for (let at = data.indexOf(kindKey); at >= 0; at = data.indexOf(kindKey, at + 1)) counts.records++;
    if (!data.includes('"dropped"')) return;
    for (const match of data.toString().matchAll(/"kind":"dropped","t":[\d.]+,"count":(\d+)/g)) {
      counts.dropped += Number(match[1]);
    }
  });
  process.on('SIGTERM', () => {
    console.log(`counts ${counts.records} ${counts.dropped}`);
    process.exit(0);
  });
  console.log(`ticket ${ticket}`);
}

/** Starts a child running this file with `args`, and resolves with the first stdout match of `pattern`. */
async function child(
  args: string[],
  pattern: RegExp,
): Promise<{ process: ChildProcess; match: RegExpExecArray }> {
  const started = spawn(process.execPath, ['--import', 'tsx', 'bench/server.bench.ts', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    started.stdout!.on('data', (chunk) => {
      output += chunk;
      const found = pattern.exec(output);
      if (found) resolve(found);
    });
    started.once('exit', () => reject(new Error(`${args[0]} exited: ${output}`)));
  });
  return { process: started, match };
}

async function attachInspector(port: number) {
  const { process: inspector, match } = await child(['--inspector', String(port)], /ticket (\S+)/);
  return {
    ticket: match[1]!,
    /** Stops the inspector and returns what it received. */
    finish: async () => {
      let output = '';
      inspector.stdout!.on('data', (chunk) => {
        output += chunk;
      });
      const exited = new Promise((resolve) => inspector.once('exit', resolve));
      inspector.kill('SIGTERM');
      await exited;
      const [, records, dropped] = /counts (\d+) (\d+)/.exec(output) ?? [];
      return { records: Number(records), dropped: Number(dropped) };
    },
  };
}

async function latencies(ws: WebSocket): Promise<number[]> {
  const small = Buffer.alloc(64, 1);
  for (let i = 0; i < 200; i++) await roundTrip(ws, small);
  const all: number[] = [];
  for (let i = 0; i < latencyRounds; i++) all.push(await roundTrip(ws, small));
  return all.sort((a, b) => a - b);
}

/** A window of messages in flight; each echo lets the next one go. Messages per second. */
function throughput(ws: WebSocket): Promise<number> {
  const payload = Buffer.alloc(throughputSize, 2);
  const started = performance.now();
  return new Promise((resolve) => {
    let sent = 0;
    let received = 0;
    const onMessage = () => {
      received++;
      if (sent < throughputMessages) {
        ws.send(payload);
        sent++;
      }
      if (received < throughputMessages) return;
      ws.off('message', onMessage);
      resolve(throughputMessages / ((performance.now() - started) / 1000));
    };
    ws.on('message', onMessage);
    for (; sent < throughputWindow; sent++) ws.send(payload);
  });
}

/** CPU time (user + system) a process has used, in ms, from /proc; null where there is none. */
function cpuOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in 1/100 s ticks
  } catch {
    return null;
  }
}

function rssOf(pid: number | undefined): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function crowdTest(servers: Servers) {
  const rssBefore = rssOf(servers.child.pid);
  const sockets: WebSocket[] = [];
  for (let i = 0; i < crowd; i += 50) {
    const batch = Array.from({ length: Math.min(50, crowd - i) }, () =>
      open(`ws://127.0.0.1:${servers.ours}/echo`),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  const all: number[] = [];
  const payload = Buffer.alloc(64, 3);
  for (let round = 0; round < crowdRounds; round++) {
    all.push(...(await Promise.all(sockets.map((ws) => roundTrip(ws, payload)))));
  }
  const rssAfter = rssOf(servers.child.pid);
  const held = sockets.filter((ws) => ws.readyState === ws.OPEN).length;
  for (const ws of sockets) ws.terminate();
  all.sort((a, b) => a - b);
  return { held, p50: percentile(all, 50), p99: percentile(all, 99), rssBefore, rssAfter };
}

async function main(): Promise<void> {
  console.log(
    `echo: ${latencyRounds} sequential round trips of 64 B (latency), ${throughputMessages} × 1 KiB with ` +
      `${throughputWindow} in flight (throughput); median of ${repeats} interleaved rounds`,
  );
  const servers = await startServers();
  const inspector = await attachInspector(servers.ours);
  const sockets: Record<Mode, WebSocket> = {
    'plain ws': await open(`ws://127.0.0.1:${servers.plain}/`),
    'ws101, tap idle': await open(`ws://127.0.0.1:${servers.ours}/echo`),
    'ws101, inspector attached': await open(`ws://127.0.0.1:${servers.ours}/echo?ticket=${inspector.ticket}`),
  };
  const runs = new Map<Mode, { p50: number[]; p99: number[]; perSecond: number[]; cpuMs: number }>(
    modes.map((mode) => [mode, { p50: [], p99: [], perSecond: [], cpuMs: 0 }]),
  );
  for (let round = 0; round < repeats; round++) {
    for (const mode of modes) {
      const sorted = await latencies(sockets[mode]);
      const run = runs.get(mode)!;
      run.p50.push(percentile(sorted, 50));
      run.p99.push(percentile(sorted, 99));
      const cpuBefore = cpuOf(servers.child.pid) ?? 0;
      run.perSecond.push(await throughput(sockets[mode]));
      run.cpuMs += (cpuOf(servers.child.pid) ?? 0) - cpuBefore;
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 200));

  const base = runs.get('plain ws')!;
  console.table(
    modes.map((mode) => {
      const run = runs.get(mode)!;
      const latencyRatio = median(run.p50) / median(base.p50);
      const throughputRatio = median(base.perSecond) / median(run.perSecond);
      const target = targets[mode];
      const verdict =
        target === null ? '' : Math.max(latencyRatio, throughputRatio) <= target ? 'ok' : 'OVER';
      return {
        server: mode,
        'p50 ms': median(run.p50).toFixed(4),
        'p99 ms': median(run.p99).toFixed(4),
        'msg/s': Math.round(median(run.perSecond)),
        'p50 ×': latencyRatio.toFixed(3),
        'throughput ×': throughputRatio.toFixed(3),
        // The server's own CPU per message, free of how the 2 cores were shared with the load and reader.
        'server CPU µs/msg': ((run.cpuMs * 1000) / (repeats * throughputMessages)).toFixed(1),
        target: target === null ? '' : `≤ ${target}× ${verdict}`,
      };
    }),
  );
  const sent = repeats * (latencyRounds + 200 + throughputMessages);
  const counts = await inspector.finish();
  console.log(
    `inspector (own process): ${counts.records} records received, ${counts.dropped} dropped under ` +
      `backpressure, for ${sent} echoes watched (a TCP read or write can hold many frames)`,
  );
  for (const ws of Object.values(sockets)) ws.close();

  const c = await crowdTest(servers);
  console.log(
    `${crowd} concurrent connections, ${crowdRounds} rounds of echo on all at once: held ${c.held}/${crowd} ` +
      `${c.held === crowd ? 'ok' : 'FAILED'}; p50 ${c.p50.toFixed(2)} ms, p99 ${c.p99.toFixed(2)} ms; ` +
      `server process RSS ${c.rssBefore?.toFixed(0) ?? '?'} MiB → ${c.rssAfter?.toFixed(0) ?? '?'} MiB`,
  );
  servers.child.kill('SIGTERM');
}

if (process.argv[2] === '--servers') await serveBoth();
else if (process.argv[2] === '--inspector') await inspectorProcess(Number(process.argv[3]));
else await main();
