/**
 * `npm run bench:classroom`: a class following the presenter, ws101's /room beside a plain socket.io server
 * broadcasting each slide change (the engine of reveal.js's multiplex and remote plugins), in the same run.
 *
 *   1. 300 and 5,000 audience connections: the time from the presenter's slide change (sent) to the LAST
 *      audience connection having it; p50 and p99 over the rounds. Goals: ws101's p99 ≤ 100 ms at 5,000,
 *      and ≤ 0.5× socket.io's p99.
 *   2. Server memory per connection (RSS and JS heap, after a GC).
 *   3. A reconnect storm (ws101): 300 pages drop at once and come back on the deck's jittered backoff; the
 *      time until every one is back on the presenter's slide (goal ≤ 10 s), and a bystander's echo round
 *      trip p99 meanwhile (the server stays responsive).
 *
 * Each server runs in a child process of its own; the audience runs in `audienceProcesses` other processes;
 * this process is the presenter (and the bystander). All on 127.0.0.1; every loop bounded.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { type Socket as IoSocket, io } from 'socket.io-client';
import WebSocket from 'ws';
import type { AudienceCommand, AudienceReport } from './classroom/audience.ts';
import type { LoopTime, Memory } from './classroom/servers.ts';

const presenterToken = 'bench-classroom-presenter-token';
const goalP99Ms = 100;
const goalRatio = 0.5;
const goalStormMs = 10_000;
const audienceProcesses = 2;
const stormPages = 300;
const stages = [
  { audience: 300, rounds: 200 },
  { audience: 5000, rounds: 40 },
] as const;
type System = 'ws101' | 'socket.io';

const now = () => performance.timeOrigin + performance.now();

/** A child process that prints `port N` once it listens. */
async function spawnChild(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', ...args], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const found = /port (\d+)/.exec(output);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', () => reject(new Error(`child exited: ${output}`)));
  });
  return { child, port };
}

function loopTimesOf(child: ChildProcess): Promise<{ wall: number[]; cpu: number[] }> {
  return new Promise((resolve) => {
    child.once('message', (message) => {
      const times = message as LoopTime[];
      const sorted = (values: number[]) => values.sort((a, b) => a - b);
      resolve({ wall: sorted(times.map((t) => t.wallMs)), cpu: sorted(times.map((t) => t.cpuMs)) });
    });
    child.send('loop-times');
  });
}

function memoryOf(child: ChildProcess): Promise<Memory> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as Memory));
    child.send('memory');
  });
}

/** An audience process: commands out, reports in. */
class Audience {
  private readonly child = spawn(process.execPath, ['--import', 'tsx', 'bench/classroom/audience.ts'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  private readonly waiters = new Set<(report: AudienceReport) => boolean>();
  /** When this process's last connection had each seq. */
  readonly allHave = new Map<number, number>();

  constructor() {
    this.child.on('message', (report: AudienceReport) => {
      if (report.type === 'all-have') this.allHave.set(report.seq, report.at);
      for (const waiter of this.waiters) if (waiter(report)) this.waiters.delete(waiter);
    });
  }

  ask<T extends AudienceReport['type']>(
    command: AudienceCommand,
    type: T,
  ): Promise<Extract<AudienceReport, { type: T }>> {
    return new Promise((resolve) => {
      this.waiters.add((report) => {
        if (report.type !== type) return false;
        resolve(report as Extract<AudienceReport, { type: T }>);
        return true;
      });
      this.child.send(command);
    });
  }
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function reply(
  ws: WebSocket,
  test: (message: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const listener = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if (!test(message)) return;
      ws.off('message', listener);
      resolve(message);
    };
    ws.on('message', listener);
  });
}

/** The presenter's slide change, and the seq the audience will see it under. */
type Presenter = { go(h: number): Promise<number>; close(): void };

/** ws101's presenter: a session that said hello with the token, its /room tied to it by a ticket, as the deck. */
async function ws101Presenter(port: number): Promise<Presenter> {
  const inspector = await open(`ws://127.0.0.1:${port}/inspect`);
  const welcome = reply(inspector, (m) => m.id === 'hello');
  inspector.send(JSON.stringify({ v: 1, type: 'hello', id: 'hello', presenterToken, watch: false }));
  if ((await welcome).type !== 'welcome') throw new Error('the presenter token was refused');
  const ticketReply = reply(inspector, (m) => m.id === 'ticket');
  inspector.send(JSON.stringify({ type: 'ticket', id: 'ticket', socket: 'room' }));
  const { ticket } = await ticketReply;
  if (typeof ticket !== 'string') throw new Error('no ticket for /room');
  const room = await open(`ws://127.0.0.1:${port}/room?ticket=${encodeURIComponent(ticket)}`);
  return {
    async go(h) {
      // The server acknowledges the presenter's own move with its seq (it is never echoed back).
      const ack = reply(room, (m) => m.type === 'ack');
      room.send(JSON.stringify({ type: 'go', h, v: 0, f: -1 }));
      return (await ack).seq as number;
    },
    close() {
      room.close();
      inspector.close();
    },
  };
}

/** reveal.js multiplex's master, in substance: it emits each slide change; the server broadcasts it. */
async function socketIoPresenter(port: number): Promise<Presenter> {
  const socket: IoSocket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) =>
    socket.once('connect', () => resolve()).once('connect_error', reject),
  );
  let seq = 0;
  return {
    async go(h) {
      socket.emit('slide', { seq: ++seq, h, v: 0, f: -1 });
      return seq;
    },
    close: () => socket.disconnect(),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One slide change: sent, then the time the last audience process's last connection had it. */
async function fanOut(presenter: Presenter, audiences: Audience[], h: number): Promise<number> {
  const sent = now();
  const seq = await presenter.go(h);
  for (let spins = 0; audiences.some((a) => !a.allHave.has(seq)); spins++) {
    if (spins > 20_000) throw new Error(`move ${seq} never reached every audience process`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const last = Math.max(...audiences.map((a) => a.allHave.get(seq)!));
  for (const a of audiences) a.allHave.delete(seq);
  return last - sent;
}

type StageResult = {
  audience: number;
  p50: number;
  p99: number;
  /** The server's synchronous write loop per slide change: wall time, and the CPU time spent in it. */
  loopP50: number;
  loopP99: number;
  cpuP50: number;
  cpuP99: number;
  rssPerConnKiB: number;
  heapPerConnKiB: number;
};
type StormResult = {
  backMs: number;
  attempts: number;
  refused: number;
  bystanderP99: number;
  quietP99: number;
};

/** A bystander on /echo: round trips, one at a time, until `until` resolves. */
async function bystander(port: number, until: Promise<unknown>): Promise<number[]> {
  const echo = await open(`ws://127.0.0.1:${port}/echo`);
  let done = false;
  void until.then(() => {
    done = true;
  });
  const times: number[] = [];
  while (!done && times.length < 100_000) {
    const started = performance.now();
    const back = new Promise((resolve) => echo.once('message', resolve));
    echo.send('bystander');
    await back;
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  echo.close();
  return times.sort((a, b) => a - b);
}

async function stormOf(port: number, presenter: Presenter, audiences: Audience[]): Promise<StormResult> {
  // Slide 0: the rounds use 1…40, so the next round's move is never where the room already is.
  const h = 0;
  await fanOut(presenter, audiences, h);
  const quiet = await bystander(port, new Promise((resolve) => setTimeout(resolve, 1000)));
  const started = now();
  const back = Promise.all(audiences.map((a) => a.ask({ cmd: 'storm', port, h }, 'storm-back')));
  const during = bystander(port, back);
  const reports = await back;
  const times = await during;
  return {
    backMs: Math.max(...reports.map((r) => r.at)) - started,
    attempts: reports.reduce((sum, r) => sum + r.attempts, 0),
    refused: reports.reduce((sum, r) => sum + r.refused, 0),
    bystanderP99: percentile(times, 99),
    quietP99: percentile(quiet, 99),
  };
}

/** One side of the comparison: its server, its presenter, its audience processes. */
type Contender = {
  system: System;
  child: ChildProcess;
  port: number;
  presenter: Presenter;
  audiences: Audience[];
  /** The server's memory at the last measure, and how many audience connections it held then. */
  baseline: Memory & { connections: number };
  times: number[];
  stages: StageResult[];
};

async function contender(system: System): Promise<Contender> {
  const { child, port } = await spawnChild(['bench/classroom/servers.ts', system, presenterToken]);
  const presenter = system === 'ws101' ? await ws101Presenter(port) : await socketIoPresenter(port);
  const audiences = Array.from({ length: audienceProcesses }, () => new Audience());
  return {
    system,
    child,
    port,
    presenter,
    audiences,
    baseline: { ...(await memoryOf(child)), connections: 0 },
    times: [],
    stages: [],
  };
}

/**
 * Both servers run side by side and their rounds alternate (ws101, socket.io, ws101, …): on a shared
 * machine whose load drifts, each round of one has a round of the other under the same load.
 */
async function run(): Promise<{ ours: Contender; theirs: Contender; storm: StormResult }> {
  const ours = await contender('ws101');
  const theirs = await contender('socket.io');
  const both = [ours, theirs];
  let storm: StormResult | null = null;
  let round = 0;
  for (const stage of stages) {
    const share = stage.audience / audienceProcesses;
    for (const c of both) {
      await Promise.all(
        c.audiences.map((a) => a.ask({ cmd: 'grow', kind: c.system, port: c.port, total: share }, 'grown')),
      );
      // The first move of the stage warms the path; it is not counted.
      await fanOut(c.presenter, c.audiences, ((round + 20) % 40) + 1);
      await loopTimesOf(c.child);
      c.times = [];
    }
    for (let i = 0; i < stage.rounds; i++) {
      const h = (++round % 40) + 1;
      for (const c of both) {
        c.times.push(await fanOut(c.presenter, c.audiences, h));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    for (const c of both) {
      c.times.sort((a, b) => a - b);
      const loops = await loopTimesOf(c.child);
      const memory = await memoryOf(c.child);
      // Per connection added since the last measure: the 5,000 figure is the slope from 300 to 5,000, which
      // leaves out what the server allocated once (a first connection's code paths, its start-up garbage).
      const perConnection = (bytes: number) => bytes / (stage.audience - c.baseline.connections) / 1024;
      const r: StageResult = {
        audience: stage.audience,
        p50: percentile(c.times, 50),
        p99: percentile(c.times, 99),
        loopP50: percentile(loops.wall, 50),
        loopP99: percentile(loops.wall, 99),
        cpuP50: percentile(loops.cpu, 50),
        cpuP99: percentile(loops.cpu, 99),
        rssPerConnKiB: perConnection(memory.rss - c.baseline.rss),
        heapPerConnKiB: perConnection(memory.heapUsed - c.baseline.heapUsed),
      };
      c.stages.push(r);
      c.baseline = { ...memory, connections: stage.audience };
      console.log(
        `${c.system.padEnd(9)} ${String(stage.audience).padStart(5)} audience, ${stage.rounds} slide changes: ` +
          `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (the server's write loop: p50 ${r.loopP50.toFixed(1)} ms, ` +
          `p99 ${r.loopP99.toFixed(1)} ms; its CPU time p50 ${r.cpuP50.toFixed(1)} ms, p99 ${r.cpuP99.toFixed(1)} ms); ` +
          `server memory per connection ` +
          `${rssFigure(r.rssPerConnKiB)} RSS, ${r.heapPerConnKiB.toFixed(1)} KiB JS heap (after GC)`,
      );
    }
    if (stage.audience === stormPages) storm = await stormOf(ours.port, ours.presenter, ours.audiences);
  }
  for (const c of both) {
    await Promise.all(c.audiences.map((a) => a.ask({ cmd: 'close' }, 'closed')));
    c.presenter.close();
    c.child.kill('SIGTERM');
  }
  return { ours, theirs, storm: storm! };
}

const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

/**
 * RSS per connection, or why there is none: the server's RSS can fall between two measures (start-up
 * memory, tsx's transpiling included, handed back to the system), which says nothing about connections.
 */
const rssFigure = (kib: number) => (kib > 0 ? `${kib.toFixed(1)} KiB` : 'n/a (RSS fell)');

async function main(): Promise<void> {
  console.log(
    `each server in a process of its own, its audience in ${audienceProcesses} others, rounds alternating; presenter here`,
  );
  const { ours, theirs, storm } = await run();
  console.log('\nside by side (ws101 / socket.io; lower is better):');
  for (const [i, stage] of stages.entries()) {
    const a = ours.stages[i]!;
    const b = theirs.stages[i]!;
    const ratio = a.p99 / b.p99;
    console.log(
      `  ${stage.audience} audience: p50 ${a.p50.toFixed(1)} / ${b.p50.toFixed(1)} ms (${(a.p50 / b.p50).toFixed(2)}×), ` +
        `p99 ${a.p99.toFixed(1)} / ${b.p99.toFixed(1)} ms (${ratio.toFixed(2)}×; goal ≤ ${goalRatio}×: ${verdict(ratio <= goalRatio)}), ` +
        `write loop p99 ${a.loopP99.toFixed(1)} / ${b.loopP99.toFixed(1)} ms (${(a.loopP99 / b.loopP99).toFixed(2)}×), ` +
        `its CPU p50 ${a.cpuP50.toFixed(1)} / ${b.cpuP50.toFixed(1)} ms (${(a.cpuP50 / b.cpuP50).toFixed(2)}×), ` +
        `RSS per connection ${rssFigure(a.rssPerConnKiB)} / ${rssFigure(b.rssPerConnKiB)}` +
        (a.rssPerConnKiB > 0 && b.rssPerConnKiB > 0
          ? ` (${(a.rssPerConnKiB / b.rssPerConnKiB).toFixed(2)}×), `
          : ', ') +
        `JS heap ${a.heapPerConnKiB.toFixed(1)} / ${b.heapPerConnKiB.toFixed(1)} KiB (${(a.heapPerConnKiB / b.heapPerConnKiB).toFixed(2)}×)`,
    );
  }
  const at5000 = ours.stages.at(-1)!;
  console.log(
    `  ws101 p99 at 5,000: ${at5000.p99.toFixed(1)} ms (goal ≤ ${goalP99Ms} ms: ${verdict(at5000.p99 <= goalP99Ms)}; ${(at5000.p99 / goalP99Ms).toFixed(2)}× the goal)`,
  );
  const s = storm;
  console.log(
    `\nreconnect storm: ${stormPages} pages dropped at once, back on the presenter's slide after ${(s.backMs / 1000).toFixed(2)} s ` +
      `(goal ≤ ${goalStormMs / 1000} s: ${verdict(s.backMs <= goalStormMs)}); ${s.attempts} attempts, ${s.refused} refused; ` +
      `bystander echo p99 ${s.bystanderP99.toFixed(1)} ms during the storm (${s.quietP99.toFixed(1)} ms before it)`,
  );
}

await main();
