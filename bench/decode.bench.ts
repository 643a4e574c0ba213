// npm run bench [-- --rounds N]: decoder throughput, ours (plain and fully annotated) against ws's
// Receiver in both its modes (bufferutil's native unmasking, and WS_NO_BUFFER_UTIL=1), with a plain
// memory copy of the same bytes as the physical ceiling. Goals (issue 25): plain ≥ 1.0× ws with
// bufferutil at 1 KiB, 64 KiB and 1 MiB, annotated ≥ 0.5×, 16 B no slower than before.
//
// Each subject runs in a process of its own (bench/decode/runner.ts) and the processes take turns, one
// timed turn each per case and round. The development machine is a shared VM whose speed moves by up to
// 2× from minute to minute, so each ratio is taken between turns that ran moments apart, and the median
// of those per-round ratios is printed, with the middle half of them beside it.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { casesToRun, readSize } from './decode/cases.ts';
import { median } from './decode/measure.ts';
import type { Ready, Subject, Turn } from './decode/runner.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } } });
const rounds = Number(values.rounds);
const runner = fileURLToPath(new URL('./decode/runner.ts', import.meta.url));

type Process = { child: ChildProcess; mode: string; bytes: Record<string, number> };

async function start(subject: Subject, env: NodeJS.ProcessEnv = {}): Promise<Process> {
  const child = fork(runner, [subject], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`${subject} exited with ${code} before it was ready`)));
  });
  return { child, mode: ready.mode, bytes: ready.bytes };
}

function turn({ child }: Process, label: string): Promise<Turn> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as Turn));
    child.send(label);
  });
}

// WS_NO_BUFFER_UTIL is read by ws when it loads: unset for one process, set for the other.
const processes = {
  memcpy: await start('memcpy'),
  native: await start('ws', { WS_NO_BUFFER_UTIL: undefined }),
  js: await start('ws', { WS_NO_BUFFER_UTIL: '1' }),
  plain: await start('plain'),
  annotated: await start('annotated'),
};
type Name = keyof typeof processes;
const names = Object.keys(processes) as Name[];

// turns[label][round][name]
const turns: Record<string, Record<Name, Turn>[]> = Object.fromEntries(casesToRun.map((c) => [c.label, []]));
for (let round = 0; round < rounds; round++) {
  process.stderr.write(`\rround ${round + 1} of ${rounds}…`);
  for (const { label } of casesToRun) {
    // The order rotates: whoever runs first meets the caches as the previous case left them.
    const times = {} as Record<Name, Turn>;
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!;
      times[name] = await turn(processes[name], label);
    }
    turns[label]!.push(times);
  }
}
process.stderr.write('\n');
for (const { child } of Object.values(processes)) child.disconnect();

const quartiles = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return [sorted[Math.floor((sorted.length - 1) / 4)]!, sorted[Math.ceil(((sorted.length - 1) * 3) / 4)]!];
};

console.log(
  `decoder throughput: masked binary frames in ${readSize / 1024} KiB reads; CPU time of one turn per subject, each in a process of its own, ${rounds} rounds`,
);
console.log(`ws + bufferutil:       ${processes.native.mode}`);
console.log(`ws, WS_NO_BUFFER_UTIL: ${processes.js.mode}`);
console.log(`ws101:                 ${processes.plain.mode}\n`);
console.log(
  'size    decoder                        MB/s  of memcpy  vs ws+bufferutil (middle half)  vs ws (JS)  goal (vs ws+bufferutil)',
);
for (const { label, repeat } of casesToRun) {
  const list = turns[label]!;
  const megabytes = (processes.plain.bytes[label]! * repeat) / 1e6;
  const seconds = (name: Name) => median(list.map((t) => t[name].seconds));
  const row = (title: string, name: Name, goal: number | null) => {
    const ratios = list.map((t) => t.native.seconds / t[name].seconds);
    const [low, high] = quartiles(ratios);
    const ratio = median(ratios);
    const verdict = goal === null ? '' : `≥ ${goal.toFixed(1)}×  ${ratio >= goal ? 'met' : 'NOT met'}`;
    console.log(
      [
        label.padEnd(7),
        title.padEnd(28),
        (megabytes / seconds(name)).toFixed(0).padStart(7),
        `${((seconds('memcpy') / seconds(name)) * 100).toFixed(1)}%`.padStart(10),
        `${ratio.toFixed(2)}×`.padStart(17),
        `(${low!.toFixed(2)}–${high!.toFixed(2)})`.padEnd(13),
        `${median(list.map((t) => t.js.seconds / t[name].seconds)).toFixed(2)}×`.padStart(11),
        ` ${verdict}`,
      ].join(' '),
    );
  };
  row('memcpy (Buffer.copy)', 'memcpy', null);
  row('ws + bufferutil', 'native', null);
  row('ws, WS_NO_BUFFER_UTIL=1', 'js', null);
  // At 16 B the goal is "no slower than before": ours was already ahead of ws there (1.13–1.38×).
  row('ours, plain', 'plain', 1.0);
  row('ours, annotated', 'annotated', 0.5);
}
