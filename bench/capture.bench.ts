// npm run bench:capture: how long a 1,000,000-frame, ~100 MB pcapng takes to open and how much memory it takes.
// Two paths: in Node, the capture index the page's worker runs (to the first batch of rows and to the last;
// peak resident set of a child process of its own), and in the page itself, in Chromium (bench/capturePage.ts:
// to the first row shown and to done, the renderer's peak memory, the main thread's longest task).
// BENCH_WHOLE=1 also times decoding the whole file into frame objects (the CLI's `decode --pcap`, the old
// page path). BENCH_PAGE=0 skips the browser. Goals printed beside the figures.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CaptureIndex,
  decodeCapture,
  type RecordedChunk,
  sessionPcapng,
  type WebSocketConnection,
} from '../src/capture/index.ts';
import { encodeFrame, Opcode } from '../src/protocol/index.ts';
import { line } from './captureFigures.ts';

const frames = Number(process.env.BENCH_FRAMES ?? 1_000_000);
const framesPerSegment = 10;
const goals = { openSeconds: 10, firstRowsSeconds: 1, peakMiB: 512, wholePeakMiB: 1536 };

/** The same bytes every run: a fixed payload, fixed timestamps, a fixed masking-free server feed. */
export function makeCapture(file: string): void {
  const request = new TextEncoder().encode(
    'GET /feed HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  const response = new TextEncoder().encode(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n',
  );
  // A price feed: the server sends small text frames, ten to a TCP segment.
  const frame = encodeFrame({
    opcode: Opcode.text,
    payload: '{"s":"BTCUSD","p":97123.45,"q":0.015,"t":1796414400123,"side":"buy","id":"T0000000000000001"}',
  });
  const segment = new Uint8Array(frame.length * framesPerSegment);
  for (let i = 0; i < framesPerSegment; i++) segment.set(frame, i * frame.length);
  const start = 1_796_414_400_000_000;
  const chunks: RecordedChunk[] = [
    { sender: 'client', timestampMicros: start, bytes: request },
    { sender: 'server', timestampMicros: start + 100, bytes: response },
  ];
  for (let i = 0; i < frames / framesPerSegment; i++) {
    chunks.push({ sender: 'server', timestampMicros: start + 1000 + i * 50, bytes: segment });
  }
  writeFileSync(
    file,
    sessionPcapng([
      {
        client: { address: '127.0.0.1', port: 50_000 },
        server: { address: '127.0.0.1', port: 8080 },
        chunks,
        closed: true,
      },
    ]),
  );
}

/** A child: decodes the whole file into frame objects (the CLI's path). */
function openWhole(file: string): void {
  const started = performance.now();
  const decoded = decodeCapture(new Uint8Array(readFileSync(file)));
  const ms = performance.now() - started;
  const connection = decoded.connections.find((c): c is WebSocketConnection => c.kind === 'websocket');
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms, firstMs: ms, frames: connection?.timeline.length ?? 0, maxRssMiB }));
}

/** A child: indexes the file as the page's worker does, batch by batch, keeping the rows as the page does. */
function openIndexed(file: string): void {
  const started = performance.now();
  const index = CaptureIndex.ofCapture(new Uint8Array(readFileSync(file)));
  let firstMs = 0;
  let frames = 0;
  for (const step of index.steps()) {
    if (step.kind !== 'rows') continue;
    if (frames === 0) firstMs = performance.now() - started;
    frames += step.rows.count;
  }
  const ms = performance.now() - started;
  // Any frame can still be shown in full: the last one, decoded again from the file's bytes.
  const last = index.detail(0, frames);
  if (!last || last.frame.payloadLength !== last.frame.payload.length) throw new Error('no detail');
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms, firstMs, frames, maxRssMiB }));
}

type Result = { ms: number; firstMs: number; frames: number; maxRssMiB: number };

function runChildren(mode: string, file: string, runs: number): Result[] {
  const results: Result[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [
      '--import',
      'tsx',
      '--max-old-space-size=4096',
      import.meta.filename,
      mode,
      file,
    ]);
    results.push(JSON.parse(out.toString()));
  }
  return results;
}

if (process.argv[2] === '--whole') openWhole(process.argv[3]!);
else if (process.argv[2] === '--indexed') openIndexed(process.argv[3]!);
else if (import.meta.filename === process.argv[1]) await main();

async function main(): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'ws101-bench-')), 'feed.pcapng');
  makeCapture(file);
  const size = statSync(file).size;
  // Each run takes a while on a shared machine: BENCH_RUNS=1 for a quick figure.
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  console.log(
    `capture: ${(size / 1e6).toFixed(1)} MB pcapng, ${frames.toLocaleString('en')} frames, ${runs} runs`,
  );
  const best = (results: Result[], key: 'ms' | 'firstMs') => Math.min(...results.map((r) => r[key]));
  const peak = (results: Result[]) => Math.max(...results.map((r) => r.maxRssMiB));
  if (process.env.BENCH_NODE !== '0') {
    const indexed = runChildren('--indexed', file, runs);
    if (indexed[0]!.frames !== frames) throw new Error(`indexed ${indexed[0]!.frames} frames`);
    console.log('Node, the index the page’s worker builds:');
    line(
      '  first batch of rows, best',
      `${(best(indexed, 'firstMs') / 1000).toFixed(2)} s`,
      `≤ ${goals.firstRowsSeconds} s`,
      best(indexed, 'firstMs') / 1000 / goals.firstRowsSeconds,
    );
    line(
      '  every frame indexed, best',
      `${(best(indexed, 'ms') / 1000).toFixed(2)} s`,
      `≤ ${goals.openSeconds} s`,
      best(indexed, 'ms') / 1000 / goals.openSeconds,
    );
    line(
      '  peak resident memory, worst',
      `${peak(indexed).toFixed(0)} MiB`,
      `≤ ${goals.peakMiB} MiB`,
      peak(indexed) / goals.peakMiB,
    );
  }
  if (process.env.BENCH_WHOLE === '1') {
    const whole = runChildren('--whole', file, 1);
    console.log('Node, the whole file as frame objects (CLI decode --pcap):');
    line(
      '  decoded, once',
      `${(whole[0]!.ms / 1000).toFixed(2)} s`,
      `≤ ${goals.openSeconds} s`,
      whole[0]!.ms / 1000 / goals.openSeconds,
    );
    line(
      '  peak resident memory',
      `${peak(whole).toFixed(0)} MiB`,
      `≤ ${goals.wholePeakMiB} MiB`,
      peak(whole) / goals.wholePeakMiB,
    );
  }
  if (process.env.BENCH_PAGE !== '0') {
    const { benchPage } = await import('./capturePage.ts');
    await benchPage(file, frames);
  }
  console.log('(the machine may be shared: rerun for figures to compare)');
}
