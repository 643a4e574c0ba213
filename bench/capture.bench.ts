// npm run bench:capture: how long a 1,000,000-frame, ~100 MB pcapng takes to open (read, reassemble, decode
// every frame with the core) and the peak memory of the process that opened it. The decoding runs in a child
// process of its own so its peak resident set is its alone. Goals printed beside the figures.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeCapture,
  type RecordedChunk,
  sessionPcapng,
  type WebSocketConnection,
} from '../src/capture/index.ts';
import { encodeFrame, Opcode } from '../src/protocol/index.ts';

const frames = 1_000_000;
const framesPerSegment = 10;
const goals = { openSeconds: 10, peakMiB: 1536 };

function makeCapture(file: string): void {
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

/** The child: opens the file as the page's worker does (minus inflation: the feed is not compressed). */
function open(file: string): void {
  const started = performance.now();
  const decoded = decodeCapture(new Uint8Array(readFileSync(file)));
  const ms = performance.now() - started;
  const connection = decoded.connections.find((c): c is WebSocketConnection => c.kind === 'websocket');
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms, frames: connection?.timeline.length ?? 0, maxRssMiB }));
}

if (process.argv[2] === '--open') {
  open(process.argv[3]!);
} else {
  const file = join(mkdtempSync(join(tmpdir(), 'ws101-bench-')), 'feed.pcapng');
  makeCapture(file);
  const size = statSync(file).size;
  // Each run takes a minute on a shared machine: BENCH_RUNS=1 for a quick figure.
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const results: { ms: number; frames: number; maxRssMiB: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [
      '--import',
      'tsx',
      '--max-old-space-size=4096',
      import.meta.filename,
      '--open',
      file,
    ]);
    results.push(JSON.parse(out.toString()));
  }
  const best = Math.min(...results.map((r) => r.ms));
  const peak = Math.max(...results.map((r) => r.maxRssMiB));
  const line = (label: string, value: string, goal: string, ratio: number) =>
    console.log(
      `${label.padEnd(34)}${value.padStart(12)}   goal ${goal.padEnd(10)} ratio ${ratio.toFixed(2)}`,
    );
  console.log(
    `capture: ${(size / 1e6).toFixed(1)} MB pcapng, ${results[0]!.frames.toLocaleString('en')} frames decoded, ${runs} runs`,
  );
  line(
    'open (read+reassemble+decode), best',
    `${(best / 1000).toFixed(2)} s`,
    `≤ ${goals.openSeconds} s`,
    best / 1000 / goals.openSeconds,
  );
  line(
    'peak resident memory, worst',
    `${peak.toFixed(0)} MiB`,
    `≤ ${goals.peakMiB} MiB`,
    peak / goals.peakMiB,
  );
  console.log(
    `per frame: ${((best * 1000) / frames).toFixed(2)} µs, ${((peak * 1024 * 1024) / frames).toFixed(0)} bytes of peak memory`,
  );
}
