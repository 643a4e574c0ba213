// One process of `npm run bench`, forked with the one subject it measures: `ws` (the parent sets
// WS_NO_BUFFER_UTIL or not), `plain`, `annotated` or `memcpy`. One subject per process, as a server runs
// one decoder: each turn then pays for the garbage of its own previous turn, never another's. It
// prepares every case's chunks, warms up, says `ready` with the mode it runs in, then times one turn per
// case the parent asks for, until the parent disconnects.
import { simdMaskingAvailable } from '../../src/protocol/maskSimd.ts';
import { type Case, casesToRun, makeChunks, totalBytes } from './cases.ts';
import { timeRuns } from './measure.ts';
import { memoryCopy, ours, ws, wsMasking } from './subjects.ts';

export type Subject = 'ws' | 'plain' | 'annotated' | 'memcpy';
export type Turn = { label: string; seconds: number };
export type Ready = { ready: true; mode: string; bytes: Record<string, number> };

const subject = process.argv[2] as Subject;

/** The timed work for one case, and how many wire bytes one pass over it decodes. */
function prepare(testCase: Case): { run: () => number; bytes: number } {
  const chunks = makeChunks(testCase);
  const bytes = totalBytes(chunks);
  if (subject === 'ws') return { run: () => ws(chunks), bytes };
  if (subject === 'memcpy') {
    const copy = memoryCopy(chunks, bytes);
    return { run: () => (copy() === 1 ? testCase.frames : 0), bytes };
  }
  const annotate = subject === 'annotated';
  return { run: () => ours(chunks, annotate), bytes };
}

const prepared = new Map(casesToRun.map((c) => [c.label, { testCase: c, ...prepare(c) }]));
const bytes: Record<string, number> = {};
for (const { testCase, run, bytes: caseBytes } of prepared.values()) {
  bytes[testCase.label] = caseBytes;
  timeRuns(run, 2, testCase.frames); // warm-up
}

process.on('message', (label: string) => {
  const { testCase, run } = prepared.get(label)!;
  process.send!({ label, seconds: timeRuns(run, testCase.repeat, testCase.frames) } satisfies Turn);
});
process.on('disconnect', () => process.exit(0));

const mode =
  subject === 'ws'
    ? wsMasking()
    : `ours, masking with ${simdMaskingAvailable ? 'WebAssembly SIMD' : 'the word loop (no WebAssembly SIMD)'}`;
process.send!({ ready: true, mode, bytes } satisfies Ready);
