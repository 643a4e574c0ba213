// npm run bench:ui: the page under 10,000 frames/s for 10 s, against the real server and Chromium.
//
// Five Node clients join the page's session (`/echo?ticket=…`, each ticket asked for by the page) and
// send 1,000 messages/s each; the server echoes them, so the tap sees 5,000 client frames and 5,000
// server frames a second, all of which reach the page's /inspect subscription and are decoded there.
// Measured in the page: frame rate (requestAnimationFrame), JS heap (bounded by the ring buffer?), exact
// counts (frames decoded vs frames sent), and wire-to-pixel latency (tap timestamp → the inspector
// drawing the frame; clocks aligned on the fastest record seen).

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { WebSocket } from 'ws';
import type { LiveSession } from '../src/session/index.ts';
import { chromiumLaunchOptions } from '../test/helpers/chromium.ts';

declare global {
  interface Window {
    ws101Session: LiveSession;
    benchFrames: number[];
  }
}

const port = Number(process.env.BENCH_PORT ?? 3931);
const clients = 5;
const messagesPerClientPerSecond = 1000;
const seconds = 10;
const goals = { fps: 50, latencyP95Ms: 50 };

async function startServer(staticRoot: string): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--port',
      String(port),
      '--static',
      staticRoot,
      '--presenter-token',
      'bench-presenter',
      '--rate',
      '100000',
      '--heartbeat-ms',
      '3600000',
      '--log',
      'silent',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (data: Buffer) => {
      if (data.toString().includes('listening')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return server;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const verdict = (ok: boolean) => (ok ? 'meets goal' : 'MISSES goal');

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'ws101-bench-'));
  console.log('building the deck…');
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await startServer(outDir);
  const browser = await chromium.launch(chromiumLaunchOptions(['--enable-precise-memory-info']));
  const sockets: WebSocket[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    // A string, not a function: tsx would wrap a named arrow in a helper the page does not have.
    await page.addInitScript(`
      window.benchFrames = [];
      const benchTick = (time) => { window.benchFrames.push(time); requestAnimationFrame(benchTick); };
      requestAnimationFrame(benchTick);
    `);
    await page.goto(`http://127.0.0.1:${port}/?lang=en#/frame-live`);
    await page.waitForFunction(() => window.ws101Session?.status.phase === 'live');
    await page.waitForSelector('.ws-inspector');
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    };

    for (let i = 0; i < clients; i++) {
      // Each socket joins the page's session with a ticket the page asks for (server/admission/tickets.ts).
      const ticket = await page.evaluate(async () => {
        const reply = await window.ws101Session.command({ type: 'ticket' });
        return reply.ok ? String(reply.ticket) : '';
      });
      const socket = new WebSocket(`ws://127.0.0.1:${port}/echo?ticket=${ticket}`, {
        perMessageDeflate: false,
      });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      sockets.push(socket);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const baseline = await page.evaluate(() => {
      window.ws101Session.latency.reset();
      window.benchFrames = [];
      return window.ws101Session.store.counts.frames;
    });
    const heapBefore = await heap();
    const profiling = process.env.BENCH_PROFILE === '1';
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    console.log(`sending ${clients * messagesPerClientPerSecond} messages/s (+ echoes) for ${seconds} s…`);

    let sent = 0;
    const payload = Buffer.from('0123456789abcdef'); // 16 bytes: a small chat-sized message
    const tickMs = 10;
    const started = Date.now();
    const heapSamples: number[] = [];
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        // Catch up to the schedule, so timer jitter does not lower the rate.
        const due = Math.floor(((Date.now() - started) / 1000) * messagesPerClientPerSecond);
        const target = Math.min(due, seconds * messagesPerClientPerSecond);
        for (const socket of sockets) {
          for (let n = sent / clients; n < target; n++) socket.send(payload);
        }
        sent = target * clients;
        if (Date.now() - started >= seconds * 1000 && target >= seconds * messagesPerClientPerSecond) {
          clearInterval(timer);
          resolve();
        }
      }, tickMs);
      const sampler = setInterval(() => {
        if (Date.now() - started >= seconds * 1000) {
          clearInterval(sampler);
          return;
        }
        void page
          .evaluate(
            () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize,
          )
          .then((used) => heapSamples.push(used));
      }, 1000);
    });
    const expected = sent * 2; // every message once from a client, once echoed by the server

    // Let the last records reach the page, then read the figures.
    const deadline = Date.now() + 15_000;
    let counts = { frames: 0, dropped: 0, kept: 0, capacity: 0, evicted: 0 };
    while (Date.now() < deadline) {
      counts = await page.evaluate(() => {
        const session = window.ws101Session;
        return {
          frames: session.store.counts.frames,
          dropped: session.droppedRecords,
          kept: session.store.size,
          capacity: session.store.capacity,
          evicted: session.store.counts.evicted,
        };
      });
      if (counts.frames - baseline >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (profiling) await printProfile(cdp);
    const frameTimes = await page.evaluate(() => window.benchFrames);
    const latency = await page.evaluate(() => window.ws101Session.latency.summary());
    const heapAfter = await heap();

    // Frame rate per second of the load: rAF callbacks counted in each 1 s window.
    const perSecond: number[] = [];
    const first = frameTimes[0] ?? 0;
    for (let s = 0; s < seconds; s++) {
      perSecond.push(frameTimes.filter((t) => t >= first + s * 1000 && t < first + (s + 1) * 1000).length);
    }
    const fps = median(perSecond);
    const decoded = counts.frames - baseline;
    const heapPeak = Math.max(...heapSamples, heapAfter);
    const elapsed = (Date.now() - started) / 1000;

    console.log('');
    console.log('ws101 UI bench: the page under load (Chromium, real server, tap → /inspect → page decoder)');
    console.log(
      `  load            ${clients} clients × ${messagesPerClientPerSecond} msg/s, echoed: ${(expected / seconds).toLocaleString('en-US')} frames/s for ${seconds} s`,
    );
    console.log(
      `  frame rate      median ${fps} fps (per-second: ${perSecond.join(' ')})   goal ≥ ${goals.fps}: ${verdict(fps >= goals.fps)}`,
    );
    console.log(
      `  counts          decoded ${decoded.toLocaleString('en-US')} of ${expected.toLocaleString('en-US')} frames sent; records dropped by the server: ${counts.dropped}   ${decoded === expected ? 'exact' : 'NOT exact'}`,
    );
    console.log(
      `  ring buffer     ${counts.kept.toLocaleString('en-US')} kept of capacity ${counts.capacity.toLocaleString('en-US')}, ${counts.evicted.toLocaleString('en-US')} evicted`,
    );
    console.log(
      `  memory          JS heap ${mib(heapBefore)} before → peak ${mib(heapPeak)} during → ${mib(heapAfter)} after (GC); growth ${mib(heapAfter - heapBefore)}: bounded by the ring`,
    );
    console.log(
      `  wire → pixel    p50 ${latency.p50?.toFixed(1)} ms, p95 ${latency.p95?.toFixed(1)} ms, max ${latency.max?.toFixed(1)} ms over ${latency.count} draws   goal p95 ≤ ${goals.latencyP95Ms} ms: ${verdict((latency.p95 ?? Infinity) <= goals.latencyP95Ms)}`,
    );
    console.log(`  (run took ${elapsed.toFixed(1)} s)`);
  } finally {
    for (const socket of sockets) socket.terminate();
    await browser.close();
    server.kill();
    rmSync(outDir, { recursive: true, force: true });
  }
}

type ProfileNode = {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
};

/** BENCH_PROFILE=1: where the page's main thread spent its time during the load (self time, top 15). */
async function printProfile(cdp: { send(method: string): Promise<unknown> }): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[] };
  };
  const total = profile.samples.length;
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
    byName.set(key, (byName.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  console.log('profile (self time share of samples):');
  for (const [name, hits] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`  ${((hits / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  }
}

await main();
