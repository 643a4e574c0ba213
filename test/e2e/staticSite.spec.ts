import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from '@playwright/test';
import { deckCaseTable } from '../../src/conform/cases/index.ts';
import { conformEndpoints } from '../../src/conform/endpoints.ts';
import { results } from '../../src/conform/types.ts';
import { caseFrames } from '../../src/widgets/conform/caseFrames.ts';
import type { ConformRecording } from '../../src/widgets/conform/recording.ts';
import { resultMarks } from '../../src/widgets/conform/summaryTable.ts';
import { type RecordingManifest, staticRoles } from '../../src/widgets/recorded/recordings.ts';
import { expect, test } from './fixtures.ts';

/**
 * The static site (`npm run build:static`, issue 27) as a learner meets it: built here, served by a plain
 * static file server (Python's http.server, not ours) from a subfolder (/ws101/), with no ws101 server
 * behind it. Every slide renders, nothing fails or leaves the origin, every recorded widget replays its
 * session to the last frame, the conformance slide shows its recorded run, the pure widgets work, the room
 * and chat say why they are not there.
 */

const staticPort = Number(process.env.E2E_PORT ?? 3917) + 5;
const origin = `http://127.0.0.1:${staticPort}`;
const site = `${origin}/ws101/`;
const manifest = JSON.parse(
  readFileSync(new URL('../../slides/recordings/recordings.json', import.meta.url), 'utf8'),
) as RecordingManifest;
const conformRecording = JSON.parse(
  readFileSync(new URL('../../slides/recordings/conform.json', import.meta.url), 'utf8'),
) as ConformRecording;
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

type Deck = {
  getSlides(): HTMLElement[];
  getIndices(slide: HTMLElement): { h: number; v: number };
  slide(h: number, v: number, f?: number): void;
};

let staticServer: ChildProcess | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  execFileSync('npm', ['run', 'build:static', '--silent'], { stdio: 'inherit' });
  staticServer = spawn(
    '/usr/bin/python3',
    ['-m', 'http.server', String(staticPort), '--bind', '127.0.0.1', '--directory', 'dist/static'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(site)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the static file server did not start');
});

test.afterAll(() => {
  staticServer?.kill();
});

/** Every request the page makes, and which failed or went elsewhere. */
function watchRequests(page: Page): { all: string[]; problems: string[] } {
  const seen = { all: [] as string[], problems: [] as string[] };
  page.on('request', (request) => {
    seen.all.push(request.url());
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin)
      seen.problems.push(`left the origin: ${request.url()}`);
  });
  page.on('requestfailed', (request) => seen.problems.push(`failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) seen.problems.push(`${response.status()}: ${response.url()}`);
  });
  page.on('websocket', (socket) => seen.problems.push(`a WebSocket: ${socket.url()}`));
  return seen;
}

async function openDeck(page: Page, query: string, hash = ''): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${site}?${query}${hash}`);
  await page.waitForSelector('html.deck-ready');
}

for (const lang of ['en', 'zh'] as const) {
  test(`every slide renders from a subfolder, with no request failing or leaving the origin (${lang})`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const requests = watchRequests(page);
    await openDeck(page, `transition=none&lang=${lang}`);
    const report = await page.evaluate(async () => {
      const deck = (window as unknown as { ws101Reveal: Deck }).ws101Reveal;
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const rows: { id: string; text: number; width: number; states: string[] }[] = [];
      for (const slide of deck.getSlides()) {
        const { h, v } = deck.getIndices(slide);
        deck.slide(h, v, 99);
        for (let i = 0; i < 200 && slide.querySelector('[data-widget-state="loading"]'); i++) await sleep(25);
        rows.push({
          id: slide.id,
          text: (slide.textContent ?? '').trim().length,
          width: slide.getBoundingClientRect().width,
          states: [...slide.querySelectorAll<HTMLElement>('[data-widget]')].map(
            (el) => `${el.dataset.widget}:${el.dataset.widgetState}`,
          ),
        });
      }
      return rows;
    });
    expect(report.length).toBeGreaterThan(50);
    for (const row of report) {
      expect(row.text, `#${row.id} has text`).toBeGreaterThan(0);
      expect(row.width, `#${row.id} is laid out`).toBeGreaterThan(0);
      // Every widget mounted: live (pure), replaying, or saying it needs a server. None failed.
      for (const state of row.states) expect(state, `#${row.id}`).toMatch(/:live$/);
    }
    expect(requests.all.every((url) => url.startsWith(site) || /^(data|blob):/.test(url))).toBe(true);
    expect(requests.problems).toEqual([]);
  });
}

test('every recorded widget replays its session to the last frame, marked as recorded', async ({ page }) => {
  test.setTimeout(240_000);
  const requests = watchRequests(page);
  await page.clock.install();
  await openDeck(page, 'transition=none&lang=en');
  expect(manifest.recordings.length).toBeGreaterThan(0);
  for (const recording of manifest.recordings) {
    const [slideId, index] = recording.key.split('/') as [string, string];
    await page.evaluate((id) => {
      const deck = (window as unknown as { ws101Reveal: Deck }).ws101Reveal;
      const slide = document.getElementById(id)!;
      const { h, v } = deck.getIndices(slide);
      deck.slide(h, v, 99);
    }, slideId);
    const placeholder = page.locator(`section#${slideId} [data-widget]`).nth(Number(index));
    const player = placeholder.locator(`[data-recording="${recording.key}"]`);
    await expect(player).toBeVisible();
    // Where the wire differs by browser, each browser's recording is offered.
    const chooser = player.locator('select.ws-recorded-browser');
    if ((await chooser.count()) > 0) await chooser.selectOption({ label: recording.browser });
    await expect(player).toHaveAttribute('data-browser', recording.browser);
    if (recording.widget === 'handshake') {
      // The handshake first: the browser's own upgrade request and the server's 101, as recorded.
      const request = player.locator('pre[data-side="client"]');
      await expect(request).toContainText(/^GET \/echo\?ticket=\S+ HTTP\/1\.1\n/);
      await expect(request).toContainText('Sec-WebSocket-Key: ');
      await expect(request).toContainText(recording.browser.startsWith('Firefox') ? 'Firefox/' : 'Chrome/');
      await expect(player.locator('pre[data-side="server"]')).toContainText(
        /^HTTP\/1\.1 101 Switching Protocols\n[\s\S]*Sec-WebSocket-Accept: /,
      );
    }
    // A widget with a second view (the handshake's heads, the lab's bit editor): to the frames.
    const toFrames = placeholder
      .locator('.ws-recorded-switch button')
      .filter({ hasText: /^(The frames that followed|The recorded demo)$/ });
    if ((await toFrames.count()) > 0) await toFrames.click();
    await expect(player.locator('.ws-recorded-note')).toContainText(recording.recordedAt.slice(0, 10));
    await expect(player.locator('.ws-recorded-note')).toContainText(`ws ${recording.ws}`);
    await expect(player.locator('.ws-recorded-note')).toContainText(recording.browser);
    // The capture opens on its first frame; its connections are the ones recorded.
    const position = player.locator('.ws-capture-position');
    await expect(position).toHaveText(/^frame 1 of \d+$/);
    const total = Number((await position.textContent())?.match(/of (\d+)/)?.[1]);
    expect(total).toBeGreaterThan(0);
    const options = await player.locator('select.ws-capture-connection option').count();
    expect(options).toBeGreaterThanOrEqual(recording.connections);
    // Played at the recorded pace (the page's clock jumped ahead, so the test waits for no silence).
    const play = player.getByRole('button', { name: 'Play at real pace' });
    await play.click();
    for (let i = 0; i < total + 2 && (await position.textContent()) !== `frame ${total} of ${total}`; i++)
      await page.clock.runFor(3_000);
    await expect(position).toHaveText(`frame ${total} of ${total}`);
    await expect(player.getByRole('button', { name: 'Play at real pace' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    // Step: back to the first frame, then one frame on.
    await player.getByRole('button', { name: 'Back to the first frame' }).click();
    await expect(position).toHaveText(`frame 1 of ${total}`);
    if (total > 1) {
      await player.getByRole('button', { name: 'Next frame' }).click();
      await expect(position).toHaveText(`frame 2 of ${total}`);
    }
  }
  expect(requests.problems).toEqual([]);
});

test('the pure widgets work with no server: paste-hex, accept key, exercise, bit editor', async ({
  page,
}) => {
  const requests = watchRequests(page);
  await openDeck(page, 'lang=en', '#/frame-live');
  const inspector = page.locator('section#frame-live .ws-inspector');
  await inspector.locator('textarea.ws-paste-input').fill('81 85 37 fa 21 3d 7f 9f 4d 51 58');
  await expect(inspector.locator('.ws-paste-message')).toContainText('11 B → 1 frame(s)');
  await expect(inspector).toContainText('Hello');

  await page.goto(`${site}?lang=en#/accept-try`);
  const key = 'c3RhdGljIHNpdGUga2V5IQ==';
  await page.locator('section#accept-try .ws-accept-input').fill(key);
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  await expect(page.locator('section#accept-try .ws-accept-value').last()).toHaveText(accept);

  await page.goto(`${site}?lang=en#/exercise`);
  const right = { fin: '1', opcode: '0x1', masked: 'yes', length: '128', key: 'a1 b2 c3 d4', text: 'Hi! ' };
  for (const [question, value] of Object.entries(right))
    await page.locator(`.ws-exercise input[data-question="${question}"]`).fill(value);
  await page.locator('.ws-exercise button[type="submit"]').click();
  await expect(page.locator('.ws-exercise-status')).toHaveText('6 of 6 right');

  await page.goto(`${site}?lang=en#/lab`);
  await page.locator('section#lab .ws-recorded-switch button').nth(1).click();
  const hex = page.locator('section#lab .ws-editor-hex code');
  const before = await hex.textContent();
  await page.locator('section#lab .ws-editor-grid button').first().click();
  await expect(hex).not.toHaveText(before ?? '');
  expect(requests.problems).toEqual([]);
});

test('the conformance slide shows its recorded run: per-endpoint results, a category, a case and its frames', async ({
  page,
}) => {
  const requests = watchRequests(page);
  await openDeck(page, 'lang=en', '#/conformance');
  const widget = page.locator('section#conformance .ws-conform');
  // Where Run was: when and with what the run was recorded, and how to run it live.
  const recorded = widget.locator('.ws-conform-recorded');
  await expect(recorded).toContainText(`Recorded ${conformRecording.recordedAt.slice(0, 10)}`);
  for (const [library, version] of Object.entries(conformRecording.versions))
    await expect(recorded).toContainText(`${library} ${version}`);
  await expect(recorded.locator('code')).toHaveText('npm start');
  await expect(widget.locator('.ws-conform-run')).toHaveCount(0);
  // On a 1280×720 projector the whole summary shows (every category, the legend, the cases where the
  // endpoints differ), nothing scrolled out of sight, and no category's name wraps onto a second line.
  await expect(widget.locator('.ws-conform-differ-case').first()).toBeVisible();
  await expectSummaryFits(widget);
  // Side by side, each endpoint's totals as recorded.
  const headers = widget.locator('.ws-conform-summary thead th');
  await expect(headers).toHaveCount(1 + conformEndpoints.length);
  const totals = widget.locator('.ws-conform-summary tfoot td');
  for (const [index, endpoint] of conformEndpoints.entries()) {
    await expect(headers.nth(index + 1)).toHaveText(`${endpoint.label} ${endpoint.path}`);
    const run = conformRecording.endpoints.find((r) => r.id === endpoint.id)!;
    expect(run.cases).toHaveLength(deckCaseTable.length);
    const chips = results.flatMap((result) => {
      const n = run.cases.filter((c) => c.result === result).length;
      return n > 0 ? [`${resultMarks[result]} ${n}`] : [];
    });
    await expect(totals.nth(index).locator('.ws-conform-chip')).toHaveText(chips);
  }
  // The picker filters the recorded run: category 6, UTF-8, lists its cases.
  await widget.locator('select.ws-conform-category').selectOption('6');
  const utf8 = deckCaseTable.filter((c) => c.category === 'utf8');
  await expect(widget.locator('[data-case]')).toHaveCount(utf8.length);
  await expect(widget.locator('.ws-conform-summary tbody tr.is-selected')).toContainText('UTF-8 handling');
  // A row of the table picks its category too, and the picker follows.
  await widget.locator('.ws-conform-pick', { hasText: 'Reserved bits' }).click();
  await expect(widget.locator('select.ws-conform-category')).toHaveValue('3');
  // A case opens with its frames, decoded in the page from the recorded bytes, on each endpoint.
  await widget.locator('[data-case="3.1"]').click();
  const caseView = widget.locator('.ws-conform-case');
  await expect(caseView).toBeVisible();
  await expect(caseView.locator('.ws-conform-title')).toContainText('3.1');
  for (const endpoint of conformEndpoints) {
    const outcome = conformRecording.endpoints
      .find((r) => r.id === endpoint.id)!
      .cases.find((c) => c.id === '3.1')!;
    await caseView.locator('.ws-conform-endpoints .ws-tab', { hasText: endpoint.label }).click();
    await expect(caseView.locator('.ws-frame-row')).toHaveCount(caseFrames(outcome.chunks).items.length);
    // The case’s own frame first: a text frame with a reserved bit set, client to server.
    await expect(caseView.locator('.ws-frame-row[data-seq="1"]')).toContainText(/C→S\s+text/);
    // RFC 6455 §5.2: the reserved bit the case set is named with the close code a peer would send.
    await expect(caseView).toContainText('1002');
  }
  await caseView.locator('.ws-conform-back').click();
  await expect(caseView).toBeHidden();
  await expect(widget.locator('[data-case]')).toHaveCount(
    deckCaseTable.filter((c) => c.category === 'reserved-bits').length,
  );
  // Its seven cases show whole at 1280×720 (the ids as wide as the longest, 3.1, the titles the rest).
  const list = widget.locator('.ws-conform-list');
  expect(await list.evaluate((element) => element.scrollHeight - element.clientHeight)).toBe(0);
  await page.goto(`${site}?lang=zh#/conformance`);
  await expect(page.locator('section#conformance .ws-conform-recorded')).toContainText(
    `录制于 ${conformRecording.recordedAt.slice(0, 10)}`,
  );
  await expect(widget.locator('.ws-conform-differ-case').first()).toBeVisible();
  await expectSummaryFits(widget);
  expect(requests.problems).toEqual([]);
});

/** The summary column shows all it holds, and every row of the table is one line high. */
async function expectSummaryFits(widget: Locator): Promise<void> {
  const { overflow, rowHeights } = await widget.locator('.ws-conform-left').evaluate((left) => ({
    overflow: left.scrollHeight - left.clientHeight,
    rowHeights: [...left.querySelectorAll('tbody tr, tfoot tr')].map(
      (row) => row.getBoundingClientRect().height,
    ),
  }));
  expect(overflow).toBe(0);
  // A wrapped name would make its row a whole line (about 25 px) taller; subpixel rounding differs by less.
  expect(Math.max(...rowHeights) - Math.min(...rowHeights)).toBeLessThan(2);
}

test('the room and the chat are hidden with one line saying they need a server', async ({ page }) => {
  await openDeck(page, 'lang=en', '#/chat');
  await expect(page.locator('section#chat [data-needs-server="room"]')).toContainText(
    'need a server: this copy of the deck has none',
  );
  await expect(page.locator('.room-bar, [data-page-widget]')).toHaveCount(0);
  await page.goto(`${site}?lang=en#/this-room`);
  await expect(page.locator('section#this-room [data-needs-server="room"]').first()).toBeVisible();
  await page.goto(`${site}?lang=en#/`);
  await expect(page.locator('section#title [data-server-field]')).toBeVisible();
  await expect(page.locator('section#title [data-static-note]')).toContainText('need a server');
});

test('axe finds no violation on the static site', async ({ page }) => {
  test.setTimeout(240_000);
  await openDeck(page, 'transition=none&lang=en');
  await page.addScriptTag({ path: axePath });
  // The title slide and every slide whose widgets the static site replaces (the pure ones are the live
  // deck's, which test/e2e/accessibility.spec.ts checks).
  const replaced = Object.entries(staticRoles)
    .filter(([, role]) => role !== 'pure')
    .map(([name]) => name);
  const problems = await page.evaluate(async (replacedWidgets) => {
    type AxeResult = { violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] };
    const deck = (window as unknown as { ws101Reveal: Deck }).ws101Reveal;
    const axe = (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const found: string[] = [];
    for (const slide of deck.getSlides()) {
      const widgets = [...slide.querySelectorAll<HTMLElement>('[data-widget]')];
      if (slide.id !== 'title' && !widgets.some((el) => replacedWidgets.includes(el.dataset.widget ?? '')))
        continue;
      const { h, v } = deck.getIndices(slide);
      deck.slide(h, v, 99);
      for (let i = 0; i < 200 && slide.querySelector('[data-widget-state="loading"]'); i++) await sleep(25);
      // A recording opens in a worker: wait for its first frame.
      for (let i = 0; i < 200 && slide.querySelector('.ws-recorded .ws-capture-position:empty'); i++)
        await sleep(25);
      await sleep(200);
      for (const violation of (await axe.run()).violations) {
        const where = violation.nodes.map((node) => node.target.join(' ')).slice(0, 3);
        found.push(`#${slide.id}: ${violation.id} (${violation.help}) at ${where.join(', ')}`);
      }
    }
    return found;
  }, replaced);
  expect(problems).toEqual([]);
});

test('a visitor with a server names it on the title slide, and the static deck goes live', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const serverPort = staticPort + 1;
  const server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--port',
      String(serverPort),
      '--allow-origin',
      origin,
      '--log',
      'quiet',
    ],
    { stdio: 'ignore' },
  );
  try {
    for (let i = 0; i < 200; i++) {
      const up = await fetch(`http://127.0.0.1:${serverPort}/`).then(
        () => true,
        () => false,
      );
      if (up) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await openDeck(page, 'lang=en');
    await page.locator('section#title .ws-server-input').fill(`http://127.0.0.1:${serverPort}`);
    await page.locator('section#title [data-server-field] button').click();
    await page.waitForURL(/server=ws%3A%2F%2F127\.0\.0\.1/);
    await page.waitForSelector('html.deck-ready');
    await page.waitForFunction(
      () =>
        (window as { ws101Session?: { status: { phase: string } } }).ws101Session?.status.phase === 'live',
    );
    // Live now: the composer runs its demo against that server, and its frames come from that server's tap.
    await page.evaluate(() => {
      const deck = (window as unknown as { ws101Reveal: Deck }).ws101Reveal;
      const { h, v } = deck.getIndices(document.getElementById('composer')!);
      deck.slide(h, v, 0);
    });
    await expect(page.locator('section#composer [data-recording]')).toHaveCount(0);
    await expect(page.locator('section#composer [data-demo="done"]')).toHaveCount(1, { timeout: 30_000 });
    const frames = await page.evaluate(
      () =>
        (window as unknown as { ws101Session: { store: { counts: { frames: number } } } }).ws101Session.store
          .counts.frames,
    );
    expect(frames).toBeGreaterThan(0);
  } finally {
    server.kill();
  }
});
