// The page's half of bench:capture: the built deck in Chromium opens the capture in the frame inspector's
// capture pane. Measured: time to the first frame row shown and to "done" (the status line's final count),
// the renderer processes' peak resident memory (page and worker together, sampled from /proc), the page's JS
// heap (CDP), and the main thread's longest task while opening (Long Tasks API, and a 1 ms timer probe).
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../test/helpers/chromium.ts';
import { line } from './captureFigures.ts';

const goals = { firstRowSeconds: 1, doneSeconds: 15, addedMiB: 512, longestTaskMs: 50 };

/** Resident memory of Chromium's processes under `root`, in MiB (the renderer runs the page and its worker). */
function chromiumRssMiB(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let kib = 0;
  const visit = (pid: number) => {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').includes('chrom')) {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        kib += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      }
    } catch {}
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return kib / 1024;
}

async function startServer(port: number): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--presenter-token', 'bench-capture-token'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return server;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error('the server did not start');
}

export async function benchPage(file: string, frames: number): Promise<void> {
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
  const port = Number(process.env.BENCH_PORT ?? 5250);
  const server = await startServer(port);
  const browser = await chromium.launch(chromiumLaunchOptions(['--enable-precise-memory-info']));
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`http://127.0.0.1:${port}/?lang=en#/frame-live`);
    const inspector = page.locator('.ws-inspector');
    await inspector.getByRole('button', { name: 'Open a capture' }).click();
    const cdp = await page.context().newCDPSession(page);
    await page.evaluate(() => {
      const probe = { longTask: 0, longTasks: 0, gap: 0 };
      (window as unknown as { probe: typeof probe }).probe = probe;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          probe.longTasks++;
          probe.longTask = Math.max(probe.longTask, entry.duration);
        }
      }).observe({ type: 'longtask' });
      let last = performance.now();
      setInterval(() => {
        const now = performance.now();
        probe.gap = Math.max(probe.gap, now - last);
        last = now;
      }, 1);
    });
    // The same page idle for 3 s first: its own longest task and memory, to compare the opening with.
    await page.waitForTimeout(3000);
    const idle = await page.evaluate(() => {
      const probe = (window as unknown as { probe: { longTask: number; longTasks: number; gap: number } })
        .probe;
      const seen = { ...probe };
      probe.longTask = 0;
      probe.longTasks = 0;
      probe.gap = 0;
      return seen;
    });
    const baselineMiB = chromiumRssMiB(process.pid);
    let peakRenderer = 0;
    let peakHeap = 0;
    const sampler = setInterval(async () => {
      peakRenderer = Math.max(peakRenderer, chromiumRssMiB(process.pid));
      try {
        const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        peakHeap = Math.max(peakHeap, heap.usedSize / 2 ** 20);
      } catch {}
    }, 100);
    const started = Date.now();
    await inspector.locator('input.ws-capture-file').setInputFiles(file);
    await inspector.locator('.ws-frame-row').first().waitFor({ timeout: 600_000 });
    const firstMs = Date.now() - started;
    const done = `${frames.toLocaleString('en')}`;
    await page.waitForFunction(
      (count) =>
        /frames, \d+ ms/.test(document.querySelector('.ws-capture-status')?.textContent ?? '') &&
        document.querySelector('.ws-capture-position')?.textContent === `frame ${count} of ${count}`,
      frames,
      { timeout: 600_000, polling: 100 },
    );
    const doneMs = Date.now() - started;
    clearInterval(sampler);
    const probe = await page.evaluate(
      () => (window as unknown as { probe: { longTask: number; longTasks: number; gap: number } }).probe,
    );
    const status = await inspector.locator('.ws-capture-status').textContent();
    console.log(`Chromium, the page (${done} frames: “${status}”):`);
    line(
      '  first frame row shown',
      `${(firstMs / 1000).toFixed(2)} s`,
      `≤ ${goals.firstRowSeconds} s`,
      firstMs / 1000 / goals.firstRowSeconds,
    );
    line(
      '  every frame listed (done)',
      `${(doneMs / 1000).toFixed(2)} s`,
      `≤ ${goals.doneSeconds} s`,
      doneMs / 1000 / goals.doneSeconds,
    );
    line(
      '  Chromium peak resident memory, added',
      `${(peakRenderer - baselineMiB).toFixed(0)} MiB`,
      `≤ ${goals.addedMiB} MiB`,
      (peakRenderer - baselineMiB) / goals.addedMiB,
    );
    console.log(
      `  (all Chromium processes: ${baselineMiB.toFixed(0)} MiB before opening, ${peakRenderer.toFixed(0)} MiB at the peak)`,
    );
    line('  page JS heap, peak', `${peakHeap.toFixed(0)} MiB`, '—', 0);
    line(
      '  main thread longest task',
      `${probe.longTask.toFixed(0)} ms`,
      `≤ ${goals.longestTaskMs} ms`,
      probe.longTask / goals.longestTaskMs,
    );
    console.log(
      `  (${probe.longTasks} tasks over 50 ms; longest gap of a 1 ms timer: ${probe.gap.toFixed(0)} ms; the same page idle for 3 s before: longest task ${idle.longTask.toFixed(0)} ms, timer gap ${idle.gap.toFixed(0)} ms)`,
    );
  } finally {
    await browser.close();
    server.kill();
  }
}
