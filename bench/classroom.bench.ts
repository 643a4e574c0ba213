/**
 * `npm run bench:classroom`: a class following the presenter over /room, on this machine.
 *   1. 300 audience connections: the time from the presenter's slide change (its `go` sent) to the LAST
 *      audience connection receiving the move; p50 and p99 over the rounds. Goal: p99 ≤ 100 ms.
 *   2. 5,000 audience connections held: the server's memory per connection (RSS and JS heap, after a GC),
 *      and the same fan-out measured at 5,000.
 * The server runs in a child process of its own (its memory is its own; every connection is tapped as in
 * a lecture); this process is the presenter and the whole audience, so the figures include the client
 * side's work too, on the same 2 cores. Every loop is bounded; all on 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startServer } from '../server/server.ts';

const presenterToken = 'bench-classroom-presenter-token';
const goalP99Ms = 100;
const stages = [
  { audience: 300, rounds: 200 },
  { audience: 5000, rounds: 40 },
] as const;

type Memory = { rss: number; heapUsed: number; connections: number };

/** The child: the server, its port on stdout, its memory on request (after a full GC). */
async function serve(): Promise<void> {
  const server = await startServer({
    port: 0,
    log: 'silent',
    presenterToken,
    maxConnections: 6000,
    maxConnectionsPerIp: 6000,
  });
  process.on('message', (message) => {
    if (message !== 'memory') return;
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    const reply: Memory = { rss, heapUsed, connections: server.context.registry.connections.size };
    process.send!(reply);
  });
  console.log(`port ${server.port}`);
}

async function startChild(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/classroom.bench.ts', '--server'],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const found = /port (\d+)/.exec(output);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', () => reject(new Error(`server exited: ${output}`)));
  });
  return { child, port };
}

function memoryOf(child: ChildProcess): Promise<Memory> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as Memory));
    child.send('memory');
  });
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Replies of one inspector socket, by command id. */
function reply(inspector: WebSocket, id: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const listener = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if (message.id !== id) return;
      inspector.off('message', listener);
      resolve(message);
    };
    inspector.on('message', listener);
  });
}

/**
 * The presenter: a session that said hello with the token, and its /room socket tied to that session by a
 * single-use ticket asked for on /inspect, as the deck does.
 */
async function presenter(port: number): Promise<{ inspector: WebSocket; room: WebSocket }> {
  const inspector = await open(`ws://127.0.0.1:${port}/inspect`);
  const welcome = reply(inspector, 'hello');
  inspector.send(JSON.stringify({ v: 1, type: 'hello', id: 'hello', presenterToken, watch: false }));
  if ((await welcome).type !== 'welcome') throw new Error('the presenter token was refused');
  const ticket = reply(inspector, 'ticket');
  inspector.send(JSON.stringify({ type: 'ticket', id: 'ticket', socket: 'room' }));
  const { ticket: value } = await ticket;
  if (typeof value !== 'string') throw new Error('no ticket for /room');
  const room = await open(`ws://127.0.0.1:${port}/room?ticket=${encodeURIComponent(value)}`);
  return { inspector, room };
}

type Listener = { ws: WebSocket; lastSeq: number };

/** Audience connections, opened 100 at a time (a class arriving, not a SYN flood). */
async function grow(port: number, audience: Listener[], total: number): Promise<void> {
  while (audience.length < total) {
    const batch = Math.min(100, total - audience.length);
    const opened = await Promise.all(
      Array.from({ length: batch }, () => open(`ws://127.0.0.1:${port}/room`)),
    );
    for (const ws of opened) {
      const listener: Listener = { ws, lastSeq: -1 };
      ws.on('message', (data) => {
        // The byte search is this side's cheapest read: the message is `{"type":"move","seq":N,…}`.
        const text = data.toString();
        const at = text.indexOf('"seq":');
        if (text.startsWith('{"type":"move"') && at > 0)
          listener.lastSeq = Number.parseInt(text.slice(at + 6), 10);
      });
      audience.push(listener);
    }
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One slide change: `go` sent, then wait (polling every tick) until every listener has the move. */
async function fanOut(room: WebSocket, audience: Listener[], seq: number, h: number): Promise<number> {
  const started = performance.now();
  room.send(JSON.stringify({ type: 'go', h, v: 0, f: -1 }));
  let waiting = audience.length;
  for (let spins = 0; waiting > 0; spins++) {
    if (spins > 100_000) throw new Error(`move ${seq} never reached ${waiting} listeners`);
    await new Promise((resolve) => setImmediate(resolve));
    waiting = 0;
    for (const listener of audience) if (listener.lastSeq < seq) waiting++;
  }
  return performance.now() - started;
}

async function main(): Promise<void> {
  const { child, port } = await startChild();
  const { inspector, room } = await presenter(port);
  const audience: Listener[] = [];
  const baseline = await memoryOf(child);
  let seq = 0;
  const lines: string[] = [];
  for (const stage of stages) {
    await grow(port, audience, stage.audience);
    // The first move of the stage warms the path; it is not counted.
    await fanOut(room, audience, ++seq, seq % 40);
    const times: number[] = [];
    for (let round = 0; round < stage.rounds; round++) {
      times.push(await fanOut(room, audience, ++seq, seq % 40));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p99 = percentile(times, 99);
    const memory = await memoryOf(child);
    const perConnection = (bytes: number) =>
      (bytes / Math.max(1, memory.connections - baseline.connections) / 1024).toFixed(1);
    const goal = p99 <= goalP99Ms ? 'met' : 'MISSED';
    lines.push(
      `${stage.audience} audience connections, ${stage.rounds} slide changes: presenter → last audience p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (goal p99 ≤ ${goalP99Ms} ms: ${goal}; ${(p99 / goalP99Ms).toFixed(2)}× the goal)`,
      `  server memory with ${memory.connections} connections: RSS ${(memory.rss / 2 ** 20).toFixed(0)} MiB (${perConnection(memory.rss - baseline.rss)} KiB per connection), JS heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB (${perConnection(memory.heapUsed - baseline.heapUsed)} KiB per connection) after GC`,
    );
    console.log(lines.at(-2));
    console.log(lines.at(-1));
  }
  for (const listener of audience) listener.ws.terminate();
  room.close();
  inspector.close();
  child.kill('SIGTERM');
}

if (process.argv[2] === '--server') await serve();
else await main();
