// One process of `npm run bench`: `runner.ts ws` or `runner.ts ours`; prints one JSON line of
// { subject, mode, seconds: { [case label]: { [decoder]: seconds } }, bytes }.
import { simdMaskingAvailable } from '../../src/protocol/maskSimd.ts';
import { cases, makeChunks, totalBytes } from './cases.ts';
import { measureTogether } from './measure.ts';
import { memoryCopy, ours, ws, wsMasking } from './subjects.ts';

const subject = process.argv[2];
const seconds: Record<string, Record<string, number>> = {};
const bytes: Record<string, number> = {};
// BENCH_SIZES="16 B,1 KiB" measures only those sizes (for a quick look at one).
const only = process.env.BENCH_SIZES?.split(',');
for (const testCase of cases.filter((c) => !only || only.includes(c.label))) {
  const chunks = makeChunks(testCase);
  const total = totalBytes(chunks);
  bytes[testCase.label] = total;
  if (subject === 'ws') {
    seconds[testCase.label] = measureTogether({ ws: () => ws(chunks) }, testCase.frames);
  } else {
    const copy = memoryCopy(chunks, total);
    seconds[testCase.label] = {
      ...measureTogether({ memcpy: () => (copy() === 1 ? testCase.frames : 0) }, testCase.frames),
      ...measureTogether(
        { plain: () => ours(chunks, false), annotated: () => ours(chunks, true) },
        testCase.frames,
      ),
    };
  }
}
const mode =
  subject === 'ws'
    ? wsMasking()
    : `ours, masking with ${simdMaskingAvailable ? 'WebAssembly SIMD' : 'the word loop (no WebAssembly SIMD)'}`;
console.log(JSON.stringify({ subject, mode, seconds, bytes }));
