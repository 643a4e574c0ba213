/**
 * `npm run record`: makes the static site's recordings (slides/recordings/) the only way they may be made,
 * from the real thing. It starts the bundled server with its recorder (`--record DIR`: each connection's
 * tapped bytes as a pcapng), drives the real deck in Chromium to each live widget the static site replays,
 * lets the widget's own demo run (or presses its button, for the one-button widgets), closes the page so
 * every socket closes and is written, and keeps that page's WebSocket connections (the deck's own
 * /inspect and /room channels aside) as one pcapng per widget, with a manifest entry saying when, with
 * which ws and browser, and with which decoder (its hash: tools/recordings/decoderHash.ts).
 *
 * Only Chromium: every demo the deck runs is one whose wire is the same in Firefox (the lab's demo is the
 * experiment every browser accepts; see src/shared/labExperiments.ts for the ones that differ).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { decodeCapture } from '../../src/capture/index.ts';
import type { Recording, RecordingManifest } from '../../src/widgets/recorded/recordings.ts';
import { chromiumLaunchOptions } from '../../test/helpers/chromium.ts';
import { recordingsDirectory } from './checkRecordings.ts';
import { decoderHash } from './decoderHash.ts';
import { type Placeholder, recordedPlaceholders } from './placeholders.ts';

const root = process.cwd();
const port = Number(process.env.RECORD_PORT ?? 5259);
/** The deck's own channels: not the widget's session. */
const notTheWidgets = /-(inspect|room)\.pcapng$/;
const demoWithinMs = 45_000;
/** `RECORD_ONLY=slide-id`: only that slide's widgets. */
const only = process.env.RECORD_ONLY ?? '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(directory: string): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--record', directory, '--log', 'quiet'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return server;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  server.kill();
  throw new Error(`the server did not answer on port ${port}`);
}

/** Lets the widget do what it does for a viewer: its demo to the end, or its one button pressed. */
async function exercise(page: Page, placeholder: Placeholder): Promise<void> {
  const element = page.locator(`section#${placeholder.slide} [data-widget]`).nth(placeholder.index);
  await element.locator('.widget-host').first().waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    () => (window as { ws101Session?: { status: { phase: string } } }).ws101Session?.status.phase === 'live',
  );
  await sleep(1500);
  // Every demo of the slide runs to its end (the event panel shows what the composer beside it does).
  const slide = page.locator(`section#${placeholder.slide}`);
  if ((await slide.locator('[data-demo]').count()) > 0) {
    await page.waitForFunction(
      (section) =>
        [...(section?.querySelectorAll<HTMLElement>('[data-demo]') ?? [])].every((el) =>
          ['done', 'stopped'].includes(el.dataset.demo ?? ''),
        ),
      await slide.elementHandle(),
      { timeout: demoWithinMs },
    );
  } else if (placeholder.widget === 'composer' || placeholder.widget === 'event-panel') {
    // A one-button composer (ping, close, the server's frames) has no demo: its button is the lesson, and
    // the event panel beside it shows what that button did.
    const composer = placeholder.widget === 'composer' ? element : slide.locator('[data-widget="composer"]');
    await composer.locator('.widget-host button.ws-button-primary').first().click();
  }
  await sleep(1500);
}

/** Waits until the recorder has written no new file for a while (each socket's file comes at its close). */
async function settled(directory: string): Promise<string[]> {
  let seen = -1;
  let still = 0;
  for (let i = 0; i < 60; i++) {
    const files = readdirSync(directory);
    still = files.length === seen ? still + 1 : 0;
    if (still === 3) return files;
    seen = files.length;
    await sleep(400);
  }
  return readdirSync(directory);
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'ws101-record-'));
  const server = await startServer(directory);
  const browser = await chromium.launch(chromiumLaunchOptions());
  const browserName = `Chromium ${browser.version().split('.')[0]}`;
  const ws = (
    JSON.parse(readFileSync(join(root, 'node_modules/ws/package.json'), 'utf8')) as { version: string }
  ).version;
  const hash = decoderHash(root);
  const recordings: Recording[] = [];
  try {
    for (const placeholder of recordedPlaceholders(root).filter((p) => !only || p.key.startsWith(only))) {
      const before = new Set(await settled(directory));
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/?lang=en#/${placeholder.slide}`);
      await exercise(page, placeholder);
      await context.close();
      const files = (await settled(directory))
        .filter((file) => !before.has(file) && !notTheWidgets.test(file))
        .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
      // One pcapng of several sections, one per connection: Wireshark and src/capture read it as one file.
      // The connection with most frames first: the replay opens on it (the widget's own, not the page's
      // echo socket idling beside it).
      const framesIn = (file: string) =>
        decodeCapture(new Uint8Array(readFileSync(join(directory, file)))).connections.reduce(
          (sum, c) => sum + (c.kind === 'websocket' ? c.timeline.length : 0),
          0,
        );
      const ordered = files
        .map((file) => ({ file, frames: framesIn(file) }))
        .sort((a, b) => b.frames - a.frames)
        .map((entry) => entry.file);
      const bytes = Buffer.concat(ordered.map((file) => readFileSync(join(directory, file))));
      const decoded = decodeCapture(new Uint8Array(bytes));
      const websockets = decoded.connections.filter((c) => c.kind === 'websocket');
      const frames = websockets.reduce((sum, c) => sum + c.timeline.length, 0);
      if (websockets.length === 0)
        throw new Error(`${placeholder.key}: no WebSocket connection was recorded`);
      const file = `${placeholder.slide}-${placeholder.index}.pcapng`;
      writeFileSync(join(root, recordingsDirectory, file), bytes);
      recordings.push({
        key: placeholder.key,
        slide: placeholder.slide,
        widget: placeholder.widget,
        file,
        browser: browserName,
        recordedAt: new Date().toISOString(),
        ws,
        decoderHash: hash,
        connections: websockets.length,
        frames,
      });
      console.log(
        `${placeholder.key} ${placeholder.widget}: ${websockets.length} connections, ${frames} frames, ${bytes.length} bytes`,
      );
    }
  } finally {
    await browser.close();
    server.kill('SIGINT');
    rmSync(directory, { recursive: true, force: true });
  }
  // RECORD_ONLY=slide records that slide's widgets again and keeps the others' recordings.
  const manifestPath = join(root, recordingsDirectory, 'recordings.json');
  const previous = only
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as RecordingManifest).recordings
    : [];
  const fresh = new Set(recordings.map((r) => r.key));
  const order = recordedPlaceholders(root).map((p) => p.key);
  const manifest: RecordingManifest = {
    format: 1,
    recordings: [...previous.filter((r) => !fresh.has(r.key)), ...recordings].sort(
      (a, b) => order.indexOf(a.key) - order.indexOf(b.key),
    ),
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const kept = new Set(manifest.recordings.map((r) => r.file));
  for (const file of readdirSync(join(root, recordingsDirectory)))
    if (file.endsWith('.pcapng') && !kept.has(file)) rmSync(join(root, recordingsDirectory, file));
}

await main();
