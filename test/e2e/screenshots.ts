// npm run screenshots: PNGs of each live widget, from the real deck against the real server, for the README.
// Builds the deck into a temporary folder, starts the server on it, drives Chromium at 1280×720 and writes
// docs/screenshots/<name>.png. Add a widget by adding an entry to `shots`.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import type { LiveSession } from '../../src/session/index.ts';
import { chromiumLaunchOptions } from '../helpers/chromium.ts';

declare global {
  interface Window {
    ws101Session: LiveSession;
  }
}

type Shot = {
  readonly name: string;
  readonly slide: string;
  readonly lang: 'en' | 'zh';
  readonly theme?: 'light' | 'dark';
  /** No server: the page's sockets are refused, as on a static copy of the deck. */
  readonly offline?: boolean;
  readonly prepare?: (page: Page) => Promise<void>;
};

const port = Number(process.env.SCREENSHOT_PORT ?? 3941);
const outDir = 'docs/screenshots';

async function waitLive(page: Page): Promise<void> {
  await page.waitForFunction(
    () => window.ws101Session?.status.phase === 'live' && window.ws101Session.echoConnection !== null,
  );
}

/** Sends from the page, waits for the tap to report the frame, and opens it in the inspector. */
async function sendAndShow(page: Page, data: string | number, direction: 'client' | 'server'): Promise<void> {
  await waitLive(page);
  const before = await page.evaluate(() => window.ws101Session.store.counts.frames);
  await page.evaluate((d) => {
    window.ws101Session.send(typeof d === 'number' ? new Uint8Array(d).map((_, i) => i & 0xff) : d);
  }, data);
  const seq = await page.waitForFunction(
    ({ before, direction }) => {
      const store = window.ws101Session.store;
      for (let i = store.size - 1; i >= 0; i--) {
        const stored = store.at(i)!;
        if (stored.seq <= before) break;
        if (stored.direction === direction && stored.frame.opcode <= 2) return stored.seq;
      }
      return 0;
    },
    { before, direction },
  );
  await page.evaluate((s) => window.ws101Session.focusFrame(s), (await seq.jsonValue()) as number);
}

const shots: Shot[] = [
  {
    name: 'frame-inspector-masked',
    slide: 'frame-live',
    lang: 'en',
    prepare: (page) => sendAndShow(page, 'Hello 你好', 'client'),
  },
  {
    name: 'frame-inspector-64-bit-length',
    slide: 'frame-live',
    lang: 'en',
    prepare: (page) => sendAndShow(page, 70_000, 'server'),
  },
  {
    name: 'frame-inspector-deflate-zh-dark',
    slide: 'frame-live',
    lang: 'zh',
    theme: 'dark',
    prepare: async (page) => {
      await waitLive(page);
      const old = await page.evaluate(() => window.ws101Session.echoConnection);
      await page.evaluate(() => window.ws101Session.reopenEcho({ deflate: true }));
      await page.waitForFunction(
        (o) => window.ws101Session.echoConnection !== o && window.ws101Session.echoState === 'open',
        old,
      );
      await sendAndShow(page, '你好，WebSocket！你好，WebSocket！', 'server');
      await page.waitForSelector('.ws-inflated');
    },
  },
  {
    name: 'frame-inspector-paste-violation',
    slide: 'frame-live',
    lang: 'en',
    prepare: async (page) => {
      await page.locator('.ws-inspector').getByRole('button', { name: 'Paste hex' }).click();
      await page.locator('textarea.ws-paste-input').fill('83 01 41');
      await page.waitForSelector('.ws-violations');
    },
  },
  {
    name: 'event-panel-ping-close',
    slide: 'ping-live',
    lang: 'en',
    prepare: async (page) => {
      await waitLive(page);
      await page.evaluate(() => window.ws101Session.send('hello'));
      await page.evaluate(() =>
        window.ws101Session.command({
          type: 'lab.ping',
          connection: window.ws101Session.echoConnection!,
          text: 'ws101',
        }),
      );
      await page.waitForSelector('#ws-event-panel .kind-rtt');
      await page.evaluate(() =>
        window.ws101Session.command({
          type: 'lab.close',
          connection: window.ws101Session.echoConnection!,
          code: 4000,
          reason: 'bye',
        }),
      );
      await page.waitForSelector('#ws-event-panel .kind-closed');
    },
  },
  { name: 'handshake-explorer', slide: 'handshake-live', lang: 'en', prepare: waitLive },
  {
    name: 'handshake-explorer-zh-dark',
    slide: 'handshake-live',
    lang: 'zh',
    theme: 'dark',
    prepare: waitLive,
  },
  { name: 'accept-key', slide: 'accept-try', lang: 'en' },
  { name: 'offline-banner', slide: 'frame-live', lang: 'en', offline: true },
  {
    name: 'lab-experiment',
    slide: 'lab',
    lang: 'en',
    prepare: async (page) => {
      await waitLive(page);
      const lab = page.locator('.ws-lab');
      await lab.locator('[data-experiment="invalid-utf8"]').click();
      await lab.locator('[data-direction="to-server"]').click();
      await lab.locator('.ws-lab-run').click();
      await page.waitForSelector('.ws-lab-outcome[data-matches]');
    },
  },
  {
    name: 'lab-bit-editor-zh',
    slide: 'lab',
    lang: 'zh',
    prepare: async (page) => {
      await waitLive(page);
      await page.locator('.ws-lab [data-tab="editor"]').click();
      await page.locator('.ws-lab [data-bit="1"]').click();
      await page.waitForSelector('.ws-editor-problem');
    },
  },
  {
    name: 'terminal',
    slide: 'terminal',
    lang: 'en',
    prepare: async (page) => {
      await waitLive(page);
      await page.locator('.ws-terminal').click();
      for (const line of ['hello 你好', '/ping are you there', '/raw 89 00', '/close 1002']) {
        await page.keyboard.type(line);
        await page.keyboard.press('Enter');
        await page.waitForTimeout(400);
      }
    },
  },
  { name: 'composer', slide: 'composer', lang: 'en', prepare: waitLive },
  {
    name: 'conformance-case',
    slide: 'conformance',
    lang: 'en',
    prepare: async (page) => {
      await waitLive(page);
      const widget = page.locator('.ws-conform');
      await widget.locator('.ws-conform-run').click();
      await page.waitForSelector('.ws-conform-run:not([disabled])', { timeout: 60_000 });
      await widget.locator('.ws-conform-pick').nth(5).click();
      await widget.locator('[data-case="6.4.1"]').click();
    },
  },
];

async function startServer(staticRoot: string): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--static', staticRoot, '--log', 'silent'],
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

async function take(browser: Browser, shot: Shot): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  if (shot.offline) await page.routeWebSocket(/\/(inspect|echo)/, (socket) => socket.close());
  await page.goto(
    `http://127.0.0.1:${port}/?lang=${shot.lang}&theme=${shot.theme ?? 'light'}#/${shot.slide}`,
  );
  page.on('pageerror', (error) => console.error(`${shot.name}: page error: ${error.message}`));
  await page.waitForSelector('.widget-live', { state: 'attached' });
  await shot.prepare?.(page);
  await page.waitForTimeout(400); // let the throttled views (detail pane, event panel) catch up
  const path = join(outDir, `${shot.name}.png`);
  await page.screenshot({ path });
  console.log(`wrote ${path}`);
  await context.close();
}

async function main(): Promise<void> {
  const deckDir = mkdtempSync(join(tmpdir(), 'ws101-shots-'));
  await build({ logLevel: 'warn', build: { outDir: deckDir, emptyOutDir: true } });
  mkdirSync(outDir, { recursive: true });
  const server = await startServer(deckDir);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const only = process.argv[2];
    for (const shot of shots) if (!only || shot.name.includes(only)) await take(browser, shot);
  } finally {
    await browser.close();
    server.kill();
    rmSync(deckDir, { recursive: true, force: true });
  }
}

await main();
