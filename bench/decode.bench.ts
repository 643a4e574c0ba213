// npm run bench: decoder throughput, ours (plain and fully annotated) vs ws's Receiver, same bytes, same run.
import { annotateFrame, encodeFrame, FrameStreamDecoder, MessageAssembler } from '../src/protocol/index.ts';
import { Receiver } from '../test/helpers/wsInternals.ts';

const readSize = 64 * 1024; // what a busy TCP socket hands over per read
const rounds = 7;

type Case = { label: string; payload: number; frames: number };
const cases: Case[] = [
  { label: '16 B', payload: 16, frames: 200_000 },
  { label: '1 KiB', payload: 1024, frames: 20_000 },
  { label: '64 KiB', payload: 65536, frames: 400 },
];

function makeStream({ payload, frames }: Case): Uint8Array[] {
  const one = encodeFrame({
    opcode: 2,
    payload: new Uint8Array(payload).fill(0x42),
    mask: Uint8Array.of(1, 2, 3, 4),
  });
  const all = new Uint8Array(one.length * frames);
  for (let i = 0; i < frames; i++) all.set(one, i * one.length);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < all.length; at += readSize) chunks.push(Buffer.from(all.subarray(at, at + readSize)));
  return chunks;
}

function ours(chunks: Uint8Array[], annotate: boolean): number {
  const decoder = new FrameStreamDecoder({ sender: 'client', maxPayload: 1 << 30 });
  const assembler = new MessageAssembler({ maxPayload: 1 << 30 });
  let count = 0;
  for (const chunk of chunks) {
    for (const frame of decoder.push(chunk)) {
      if (annotate) annotateFrame(frame);
      if (assembler.push(frame)) count++;
    }
  }
  return count;
}

function ws(chunks: Uint8Array[]): number {
  const receiver = new Receiver({ isServer: true, maxPayload: 0, allowSynchronousEvents: true });
  let count = 0;
  receiver.on('message', () => {
    count++;
  });
  for (const chunk of chunks) {
    receiver._write(chunk as Buffer, 'buffer', (error) => {
      if (error) throw error;
    });
  }
  return count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(run: () => number, expected: number): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const count = run();
    times.push(performance.now() - start);
    if (count !== expected) throw new Error(`decoded ${count} messages, expected ${expected}`);
  }
  return median(times) / 1000;
}

console.log(
  `decoder throughput: masked binary frames fed in ${readSize / 1024} KiB reads, median of ${rounds} rounds\n`,
);
console.log('size    decoder          MB/s    frames/s    vs ws   goal');
for (const testCase of cases) {
  const chunks = makeStream(testCase);
  const bytes = chunks.reduce((n, c) => n + c.length, 0);
  // Warm up all three so the JIT has seen each before timing.
  ours(chunks, false);
  ours(chunks, true);
  ws(chunks);
  const results = {
    plain: measure(() => ours(chunks, false), testCase.frames),
    annotated: measure(() => ours(chunks, true), testCase.frames),
    ws: measure(() => ws(chunks), testCase.frames),
  };
  const row = (name: string, seconds: number, goal: string) => {
    const ratio = results.ws / seconds;
    const mbps = bytes / seconds / 1e6;
    const fps = testCase.frames / seconds;
    console.log(
      `${testCase.label.padEnd(7)} ${name.padEnd(15)} ${mbps.toFixed(0).padStart(6)} ${fps.toFixed(0).padStart(11)}  ${ratio.toFixed(2).padStart(5)}×  ${goal}`,
    );
  };
  row('ws Receiver', results.ws, '');
  row('ours, plain', results.plain, '≥ 1.0×');
  row('ours, annotated', results.annotated, '≥ 0.5×');
}
