// npm run fuzz [-- --frames N --seed S]: random frame streams through our decoder and ws's receiver.
// Every disagreement that no documented difference explains is a mismatch; the run fails on any.
import { parseArgs } from 'node:util';
import { encodeFrame, type Sender, toHex } from '../../src/protocol/index.ts';
import { concatBytes } from '../helpers/bytes.ts';
import { compareWithWs } from '../helpers/differential.ts';
import { randomChunks, randomFrameSpec, seededRandom } from '../helpers/randomFrames.ts';

const { values } = parseArgs({
  options: {
    frames: { type: 'string', default: '100000' },
    seed: { type: 'string', default: String(Date.now() % 1e9) },
  },
});
const target = Number(values.frames);
const seed = Number(values.seed);
const random = seededRandom(seed);
const started = performance.now();

let frames = 0;
let streams = 0;
let agreed = 0;
const differences = new Map<string, number>();
const opcodes = new Array(16).fill(0);
const lengthForms = { 7: 0, 16: 0, 64: 0 };
let masked = 0;
const mismatches: string[] = [];

while (frames < target) {
  const specs = Array.from({ length: 1 + Math.floor(random() * 4) }, () => randomFrameSpec(random));
  const sender: Sender = random() < 0.5 ? 'client' : 'server';
  const encoded = specs.map((spec) => encodeFrame(spec));
  const bytes = concatBytes(...encoded);
  for (const spec of specs) {
    opcodes[spec.opcode]++;
    const n = spec.payload.length;
    lengthForms[spec.lengthForm ?? (n < 126 ? 7 : n < 65536 ? 16 : 64)]++;
    if (spec.mask) masked++;
  }
  frames += specs.length;
  streams++;
  const comparison = compareWithWs(randomChunks(random, bytes), sender);
  if (!comparison.matches) {
    mismatches.push(
      `stream ${streams} (${sender}): ${toHex(bytes.subarray(0, 48))}…\n  ours:   ${JSON.stringify(comparison.ours).slice(0, 300)}\n  theirs: ${JSON.stringify(comparison.theirs).slice(0, 300)}`,
    );
  } else if (comparison.difference) {
    differences.set(comparison.difference, (differences.get(comparison.difference) ?? 0) + 1);
  } else {
    agreed++;
  }
}

const seconds = (performance.now() - started) / 1000;
console.log(`fuzz: seed ${seed}, ${frames} frames in ${streams} streams, ${seconds.toFixed(1)} s`);
console.log(`  opcodes 0x0–0xF: ${opcodes.join(' ')}`);
console.log(
  `  length forms: 7-bit ${lengthForms[7]}, 16-bit ${lengthForms[16]}, 64-bit ${lengthForms[64]}; masked ${masked}`,
);
console.log(`  streams where both decoders agree exactly: ${agreed}`);
for (const [name, count] of differences)
  console.log(`  streams explained by a documented difference (${name}): ${count}`);
console.log(`  mismatches: ${mismatches.length}`);
for (const line of mismatches.slice(0, 10)) console.log(line);
process.exitCode = mismatches.length === 0 ? 0 : 1;
