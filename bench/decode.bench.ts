// npm run bench [-- --runs N]: decoder throughput, ours (plain and fully annotated) against ws's Receiver
// in both its modes (bufferutil's native unmasking, and WS_NO_BUFFER_UTIL=1), with a plain memory copy of
// the same bytes as the physical ceiling. Each subject runs in its own process, the processes interleaved
// run after run, and the median of the runs is printed. Goals (issue 25): plain ≥ 1.0× ws with bufferutil
// at 1 KiB, 64 KiB and 1 MiB, annotated ≥ 0.5×, 16 B no slower than before.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cases, readSize } from './decode/cases.ts';
import { median, rounds } from './decode/measure.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const runner = fileURLToPath(new URL('./decode/runner.ts', import.meta.url));

type Report = {
  subject: string;
  mode: string;
  seconds: Record<string, Record<string, number>>;
  bytes: Record<string, number>;
};

function run(subject: 'ws' | 'ours', env: NodeJS.ProcessEnv): Report {
  const out = execFileSync(process.execPath, ['--import', 'tsx', runner, subject], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Report;
}

// WS_NO_BUFFER_UTIL is read by ws when it loads: unset for one process, set for the other.
const withAddon = { WS_NO_BUFFER_UTIL: undefined };
const withoutAddon = { WS_NO_BUFFER_UTIL: '1' };
const reports: { native: Report[]; js: Report[]; ours: Report[] } = { native: [], js: [], ours: [] };
for (let i = 0; i < runs; i++) {
  process.stderr.write(`run ${i + 1} of ${runs}…\n`);
  reports.native.push(run('ws', withAddon));
  reports.js.push(run('ws', withoutAddon));
  reports.ours.push(run('ours', {}));
}

const secondsOf = (list: Report[], label: string, key: string) =>
  median(list.map((report) => report.seconds[label]![key]!));

console.log(
  `decoder throughput: masked binary frames in ${readSize / 1024} KiB reads; CPU time, median of ${rounds} rounds in each process, median of ${runs} runs`,
);
console.log(`ws + bufferutil:       ${reports.native[0]!.mode}`);
console.log(`ws, WS_NO_BUFFER_UTIL: ${reports.js[0]!.mode}`);
console.log(`ws101:                 ${reports.ours[0]!.mode}\n`);
console.log(
  'size    decoder                        MB/s  of memcpy  vs ws+bufferutil  vs ws (JS)  goal (vs ws+bufferutil)',
);
for (const { label } of cases) {
  const bytes = reports.ours[0]!.bytes[label]!;
  const memcpy = secondsOf(reports.ours, label, 'memcpy');
  const native = secondsOf(reports.native, label, 'ws');
  const js = secondsOf(reports.js, label, 'ws');
  const row = (name: string, seconds: number, goal: number | null) => {
    const mbps = bytes / seconds / 1e6;
    const ratio = native / seconds;
    const verdict = goal === null ? '' : `≥ ${goal.toFixed(1)}×  ${ratio >= goal ? 'met' : 'NOT met'}`;
    console.log(
      [
        label.padEnd(7),
        name.padEnd(28),
        mbps.toFixed(0).padStart(7),
        `${((memcpy / seconds) * 100).toFixed(1)}%`.padStart(10),
        `${ratio.toFixed(2)}×`.padStart(17),
        `${(js / seconds).toFixed(2)}×`.padStart(11),
        ` ${verdict}`,
      ].join(' '),
    );
  };
  row('memcpy (Buffer.copy)', memcpy, null);
  row('ws + bufferutil', native, null);
  row('ws, WS_NO_BUFFER_UTIL=1', js, null);
  // At 16 B the goal is "no slower than before": ours was already ahead of ws there (1.13–1.38×).
  row('ours, plain', secondsOf(reports.ours, label, 'plain'), 1.0);
  row('ours, annotated', secondsOf(reports.ours, label, 'annotated'), 0.5);
}
