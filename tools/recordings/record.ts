/**
 * `npm run record`: makes the static site's recordings (slides/recordings/) the only way they may be made,
 * from the real thing. It starts the bundled server with its recorder (`--record DIR`: each connection's
 * tapped bytes as a pcapng), drives the real deck in Chromium to each live widget the static site replays,
 * lets the widget's own demo run (or presses its button, for the one-button widgets), closes the page so
 * every socket closes and is written, and keeps that page's WebSocket connections (the deck's own
 * /inspect and /room channels aside) as one pcapng per widget, with a manifest entry saying when, with
 * which ws and browser, and with which decoder (its hash: tools/recordings/decoderHash.ts).
 * Firefox ESR (driven over WebDriver BiDi, test/browsers/firefox.ts) records the slides where the wire
 * differs by browser (`firefoxToo`); the static site then offers both. Then the conformance slide's run:
 * the server's own `conform.run` against each of its endpoints, every case kept (conform.json,
 * tools/recordings/recordConform.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { decodeCapture } from '../../src/capture/index.ts';
import type { Recording, RecordingManifest } from '../../src/widgets/recorded/recordings.ts';
import { launchFirefox } from '../../test/browsers/firefox.ts';
import { chromiumLaunchOptions } from '../../test/helpers/chromium.ts';
import { recordingsDirectory } from './checkRecordings.ts';
import { decoderHash } from './decoderHash.ts';
import { type Placeholder, recordedPlaceholders } from './placeholders.ts';
import { conformRecordingFile, conformRecordingText, recordConform } from './recordConform.ts';

type Browser = 'chromium' | 'firefox';

/**
 * Where the wire differs by browser, as the lab's per-browser table shows, Firefox ESR records the widget
 * too: the upgrade request (its own headers), a close with no code, a reserved opcode (how each browser
 * answers and fails the connection).
 */
const firefoxToo = new Set(['handshake-live', 'close-api']);

const root = process.cwd();
const port = Number(process.env.RECORD_PORT ?? 5259);
/** The deck's own channels: not the widget's session. */
const notTheWidgets = /-(inspect|room)\.pcapng$/;
const demoWithinMs = 45_000;
/** `RECORD_ONLY=slide-id`: only that slide's widgets; `RECORD_ONLY=conform`: only the conformance run. */
const only = process.env.RECORD_ONLY ?? '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(directory: string): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--record', directory, '--log', 'quiet'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (let i = 0; i < 450; i++) {
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

/**
 * Lets the widget do what it does for a viewer, in the page itself (the same script in Chromium and in
 * Firefox): every demo of its slide to its end (the event panel shows what the composer beside it does), or
 * a one-button composer's button pressed (ping, close, the server's frames: the button is the lesson).
 */
function exerciseInPage(placeholder: Placeholder): string {
  const press = placeholder.widget === 'composer' || placeholder.widget === 'event-panel';
  return `(async () => {
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const slide = document.getElementById(${JSON.stringify(placeholder.slide)});
    const element = slide.querySelectorAll('[data-widget]')[${placeholder.index}];
    const live = () => window.ws101Session?.status.phase === 'live' && element.querySelector('.widget-host');
    for (let i = 0; i < 600 && !live(); i++) await sleep(100);
    if (!live()) return 'the widget never went live';
    await sleep(1500);
    const demos = () => [...slide.querySelectorAll('[data-demo]')];
    if (demos().length > 0) {
      for (let i = 0; i < ${demoWithinMs / 100} && !demos().every((el) => ['done', 'stopped'].includes(el.dataset.demo)); i++)
        await sleep(100);
    } else if (${press}) {
      const composer = ${placeholder.widget === 'composer'} ? element : slide.querySelector('[data-widget="composer"]');
      composer.querySelector('.widget-host button.ws-button-primary').click();
    }
    await sleep(1500);
    return 'ok';
  })()`;
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
  const chromiumBrowser = await chromium.launch(chromiumLaunchOptions());
  const ws = (
    JSON.parse(readFileSync(join(root, 'node_modules/ws/package.json'), 'utf8')) as { version: string }
  ).version;
  const hash = decoderHash(root);
  const recordings: Recording[] = [];
  /** That page's connections as one recording: one pcapng of several sections, one per connection. */
  const keep = (
    placeholder: Placeholder,
    which: Browser,
    browserName: string,
    files: string[],
  ): Recording => {
    // The connection with most frames first: the replay opens on it (the widget's own, not the page's echo
    // socket idling beside it).
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
    const websockets = decodeCapture(new Uint8Array(bytes)).connections.filter((c) => c.kind === 'websocket');
    const frames = websockets.reduce((sum, c) => sum + c.timeline.length, 0);
    if (websockets.length === 0)
      throw new Error(`${placeholder.key} in ${browserName}: no WebSocket connection was recorded`);
    const file = `${placeholder.slide}-${placeholder.index}${which === 'chromium' ? '' : `-${which}`}.pcapng`;
    writeFileSync(join(root, recordingsDirectory, file), bytes);
    console.log(
      `${placeholder.key} ${placeholder.widget} in ${browserName}: ${websockets.length} connections, ${frames} frames, ${bytes.length} bytes`,
    );
    return {
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
    };
  };
  try {
    for (const placeholder of recordedPlaceholders(root).filter((p) => !only || p.key.startsWith(only))) {
      const browsers: Browser[] = [
        'chromium',
        ...(firefoxToo.has(placeholder.slide) ? (['firefox'] as const) : []),
      ];
      for (const which of browsers) {
        const before = new Set(await settled(directory));
        const url = `http://127.0.0.1:${port}/?lang=en#/${placeholder.slide}`;
        let browserName: string;
        if (which === 'chromium') {
          const context = await chromiumBrowser.newContext({ viewport: { width: 1280, height: 720 } });
          const page = await context.newPage();
          await page.goto(url);
          const done = await page.evaluate(exerciseInPage(placeholder));
          await context.close();
          if (done !== 'ok') throw new Error(`${placeholder.key} in Chromium: ${done}`);
          browserName = `Chromium ${chromiumBrowser.version().split('.')[0]}`;
        } else {
          const firefox = await launchFirefox(120_000);
          try {
            await firefox.navigate(url);
            const done = await firefox.evaluate(exerciseInPage(placeholder));
            if (done !== 'ok') throw new Error(`${placeholder.key} in Firefox: ${done}`);
            await firefox.navigate('about:blank');
            browserName = `Firefox ${firefox.version.split('.')[0]}`;
          } finally {
            await firefox.close();
          }
        }
        const files = (await settled(directory))
          .filter((file) => !before.has(file) && !notTheWidgets.test(file))
          .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
        recordings.push(keep(placeholder, which, browserName, files));
      }
    }
    if (!only || only === 'conform') {
      const started = performance.now();
      const run = await recordConform(root, port);
      const text = conformRecordingText(run);
      writeFileSync(join(root, recordingsDirectory, conformRecordingFile), text);
      console.log(
        `conform: ${conformRecordingFile}, ${Buffer.byteLength(text)} bytes, recorded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await chromiumBrowser.close();
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
