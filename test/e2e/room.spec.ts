import { type ChildProcess, spawn } from 'node:child_process';
import type { Browser, Page } from '@playwright/test';
import WebSocket from 'ws';
import { expect, test } from './fixtures.ts';

/** The presenter token the e2e server was started with (playwright.config.ts). */
const presenterToken = 'e2e-presenter-token';
const e2eBase = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3917)}`;

type Indices = { h: number; v: number; f: number };
type RevealLike = {
  getIndices(): { h: number; v?: number; f?: number };
  slide(h: number, v?: number, f?: number): void;
};

async function indices(page: Page): Promise<Indices> {
  const { h, v, f } = await page.evaluate(() =>
    (window as unknown as { ws101Reveal: RevealLike }).ws101Reveal.getIndices(),
  );
  return { h, v: v ?? 0, f: f ?? -1 };
}

/**
 * Where the deck, as built, has a horizontal slide with vertical slides under it, and the first one after
 * the title with fragments and no vertical slides: the deck's content moves, the test follows it.
 */
async function landmarks(page: Page): Promise<{ stack: number; fragments: number }> {
  return page.evaluate(() => {
    const top = [...document.querySelectorAll('.reveal .slides > section')];
    const stacked = (s: Element) => s.querySelector(':scope > section') !== null;
    return {
      stack: top.findIndex(stacked),
      fragments: top.findIndex((s, h) => h > 0 && !stacked(s) && s.querySelector('.fragment') !== null),
    };
  });
}

function roomState(page: Page) {
  return page.locator('.room-bar');
}

/** A page of the room in its own browser context (its own session, as on its own laptop). */
async function open(browser: Browser, path: string, state: string | RegExp, base = e2eBase): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, baseURL: base });
  const page = await context.newPage();
  await page.goto(path);
  // The first load on a busy 2-core machine takes seconds: the page must get there, however slowly.
  await expect(roomState(page)).toHaveAttribute('data-room-state', state, { timeout: 20_000 });
  return page;
}

async function waitAt(page: Page, at: Indices): Promise<void> {
  await expect.poll(() => indices(page)).toEqual(at);
}

async function closeAll(...pages: Page[]): Promise<void> {
  for (const page of pages) await page.context().close();
}

test.describe('the room: visitors follow the presenter on their own devices', () => {
  // Several browser contexts, each a whole deck: on 2 shared cores that takes longer than one page.
  test.describe.configure({ timeout: 90_000 });
  test('visitors follow slides, vertical slides and fragments; a late joiner lands where the presenter is', async ({
    browser,
  }) => {
    const presenter = await open(browser, `/?lang=en&presenter=${presenterToken}#/0`, 'presenter');
    const ana = await open(browser, '/?lang=en', /following|waiting/);
    const { stack, fragments } = await landmarks(presenter);
    expect(stack).toBeGreaterThan(0);
    expect(fragments).toBeGreaterThan(0);
    await presenter.evaluate(
      (h) => (window as unknown as { ws101Reveal: RevealLike }).ws101Reveal.slide(h, 0),
      stack,
    );
    await waitAt(ana, await indices(presenter));
    // A vertical slide, then its fragments, with the presenter's own keys.
    await presenter.keyboard.press('Alt+ArrowDown'); // down a slide, past its fragments
    const vertical = await indices(presenter);
    expect(vertical.v).toBe(1);
    await waitAt(ana, vertical);
    await presenter.evaluate(
      (h) => (window as unknown as { ws101Reveal: RevealLike }).ws101Reveal.slide(h, 0, -1),
      fragments,
    );
    await presenter.keyboard.press('ArrowRight');
    await expect.poll(() => indices(presenter)).toMatchObject({ h: fragments, f: 0 });
    const fragment = await indices(presenter);
    await waitAt(ana, fragment);
    await expect(roomState(ana)).toHaveAttribute('data-room-state', 'following');
    await expect(roomState(ana)).toContainText('Following the presenter');
    // The presenter sees who is there and following.
    await expect(roomState(presenter)).toContainText('Room: 1 connected · 1 following');

    const late = await open(browser, '/?lang=en', 'following');
    await waitAt(late, fragment);
    await expect(roomState(presenter)).toContainText('Room: 2 connected · 2 following');
    await closeAll(presenter, ana, late);
  });

  test('a visitor’s key press steps that page away and moves no one else; R and the button come back', async ({
    browser,
  }) => {
    const presenter = await open(browser, `/?lang=en&presenter=${presenterToken}#/0`, 'presenter');
    await presenter.evaluate(() =>
      (window as unknown as { ws101Reveal: RevealLike }).ws101Reveal.slide(2, 0, -1),
    );
    const ana = await open(browser, '/?lang=en', 'following');
    const bo = await open(browser, '/?lang=en', 'following');
    const there = await indices(presenter);
    await waitAt(ana, there);
    await waitAt(bo, there);

    await ana.keyboard.press('ArrowRight');
    await ana.keyboard.press('ArrowRight');
    await expect(roomState(ana)).toHaveAttribute('data-room-state', 'away');
    await expect(roomState(ana)).toContainText('Browsing on your own');
    await expect(roomState(presenter)).toContainText('Room: 2 connected · 1 following');
    expect(await indices(ana)).not.toEqual(there);
    expect(await indices(bo)).toEqual(there);
    expect(await indices(presenter)).toEqual(there);

    // While away, the presenter's moves do not pull the page back.
    await presenter.keyboard.press('ArrowRight');
    const next = await indices(presenter);
    await waitAt(bo, next);
    expect(await indices(ana)).not.toEqual(next);

    await ana.keyboard.press('r');
    await waitAt(ana, next);
    await expect(roomState(ana)).toHaveAttribute('data-room-state', 'following');
    await expect(roomState(presenter)).toContainText('Room: 2 connected · 2 following');

    await bo.keyboard.press('ArrowLeft');
    await expect(roomState(bo)).toHaveAttribute('data-room-state', 'away');
    await roomState(bo).getByRole('button', { name: 'Back to the presenter (R)' }).click();
    await waitAt(bo, next);
    await expect(roomState(bo)).toHaveAttribute('data-room-state', 'following');
    await closeAll(presenter, ana, bo);
  });

  test('a wrong presenter token is told in words; the page carries on as a visitor and cannot drive', async ({
    browser,
  }) => {
    const presenter = await open(browser, `/?lang=en&presenter=${presenterToken}#/0`, 'presenter');
    await presenter.evaluate(() =>
      (window as unknown as { ws101Reveal: RevealLike }).ws101Reveal.slide(1, 0, -1),
    );
    const ana = await open(browser, '/?lang=en', 'following');
    const there = await indices(presenter);
    await waitAt(ana, there);

    const impostor = await open(browser, '/?lang=en&presenter=not-the-token', 'following');
    await expect(impostor.getByRole('alert')).toContainText(
      'Presenter token refused (wrong presenter token): this page carries on as an ordinary visitor',
    );
    await expect(impostor.locator('#ws-event-panel')).toContainText('Live');
    await waitAt(impostor, there);
    await impostor.keyboard.press('ArrowRight');
    await impostor.keyboard.press('ArrowRight');
    await expect(roomState(impostor)).toHaveAttribute('data-room-state', 'away');
    // Even a hand-made "go" on its room socket is refused by the server.
    await impostor.waitForTimeout(300);
    expect(await indices(ana)).toEqual(there);
    expect(await indices(presenter)).toEqual(there);
    await closeAll(presenter, ana, impostor);
  });
});

test('the “this room” slide shows the very /room frame that moved the screen, decoded from the tap', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const presenter = await open(browser, `/?lang=en&presenter=${presenterToken}#/0`, 'presenter');
  // A presenter's page joins where the room is (an earlier test may have left it on this slide): to the
  // title first, so that the move onto the slide is a frame of its own.
  await presenter.evaluate(() =>
    (window as unknown as { ws101Reveal: RevealLike }).ws101Reveal.slide(0, 0, -1),
  );
  const ana = await open(browser, '/?lang=en', /following|waiting/);
  await waitAt(ana, { h: 0, v: 0, f: -1 });
  await presenter.evaluate(() =>
    (window as unknown as { ws101Reveal: RevealLike }).ws101Reveal.slide(1, 0, -1),
  );
  await expect(ana.locator('#this-room')).toHaveClass(/present/);
  const seq = await ana.evaluate(
    () =>
      (window as unknown as { ws101Deck: { room: { client: { view: { seq: number } } } } }).ws101Deck.room
        .client.view.seq,
  );
  const frame = ana.locator('#this-room .room-frame');
  await expect(frame.locator('.room-frame-payload')).toHaveText(
    `{"type":"move","seq":${seq},"h":1,"v":0,"f":-1}`,
  );
  await expect(frame.locator('.room-frame-meta')).toContainText(`frame ${seq} on /room`);
  // A text frame (0x81), unmasked, its length byte the payload's.
  const hex = await frame.locator('.room-frame-hex').textContent();
  expect(hex).toMatch(/^81 2[0-9a-f] 7b 22/);
  await expect(frame.locator('.field-mask strong')).toHaveText('0');

  // Down to "Reading the room's frame": the frame that moved the screen there says h:1 v:1 (counted from 0),
  // beside the glossary of its fields, every word readable from the back of the room (≥ 14 px at 1280x720).
  await presenter.keyboard.press('ArrowDown');
  await expect(ana.locator('#this-room-explained')).toHaveClass(/present/);
  const explained = ana.locator('#this-room-explained');
  await expect(explained.locator('.room-frame-payload')).toContainText('"h":1,"v":1,"f":-1}');
  for (const word of ['h', 'v', 'f', 'seq', 'epoch', 'role'])
    await expect(
      explained.locator('.room-glossary dt code', { hasText: new RegExp(`^${word}$`) }),
    ).toHaveCount(1);
  await expect(explained.locator('.room-rules')).toContainText('Waiting for the presenter');
  const smallest = await ana.evaluate(() => {
    const scale = (window as unknown as { ws101Reveal: { getScale(): number } }).ws101Reveal.getScale();
    const sizes = [...document.querySelectorAll('#this-room-explained *')]
      .filter(
        (el) =>
          !el.closest('aside') && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()),
      )
      .map((el) => Number.parseFloat(getComputedStyle(el).fontSize) * scale);
    return Math.min(...sizes);
  });
  expect(smallest).toBeGreaterThanOrEqual(14);
  // Measured where the slide comes to rest: reveal.js slides it up from below (its 'slide' transition), and
  // on a busy machine a box read mid-way is still hundreds of pixels low.
  await ana.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation instanceof CSSTransition)
        .map((animation) => animation.finished),
    ),
  );
  const bottom = await explained.locator('.room-rules li').last().boundingBox();
  expect(bottom!.y + bottom!.height).toBeLessThanOrEqual(720);
  await closeAll(presenter, ana);
});

test('on a phone in portrait the slide has the screen: the panel opens as a sheet, nothing overlaps', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    baseURL: e2eBase,
  });
  const page = await context.newPage();
  await page.goto('/?lang=en');
  await expect(roomState(page)).toHaveAttribute('data-room-state', /following|waiting|presenter-away/, {
    timeout: 20_000,
  });
  const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
  const apart = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
    a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
  // Closed at first: the slide is as wide as the phone, not squeezed beside a panel.
  await expect(page.locator('#ws-event-panel')).toBeHidden();
  const slideWidth = await page.evaluate(
    () =>
      (window as unknown as { ws101Reveal: { getCurrentSlide(): Element } }).ws101Reveal
        .getCurrentSlide()
        .getBoundingClientRect().width,
  );
  expect(slideWidth).toBeGreaterThan(340);
  for (const [a, b] of [
    ['.deck-toolbar', '.ws-side-tab'],
    ['.deck-toolbar', '.room-bar'],
    ['.room-bar', '.ws-side-tab'],
  ] as const) {
    expect(apart(await box(a), await box(b)), `${a} and ${b} apart`).toBe(true);
  }
  // Opened, it covers the whole screen, and its own buttons are on top (nothing of the deck over them).
  await page.locator('.ws-side-tab').click();
  await expect(page.locator('#ws-event-panel')).toBeVisible();
  expect((await box('#ws-event-panel')).width).toBe(390);
  const foot = await box('.ws-side-reopen');
  const onTop = await page.evaluate(
    ({ x, y }) => document.elementFromPoint(x, y)?.closest('.ws-side-reopen') !== null,
    { x: foot.x + foot.width / 2, y: foot.y + foot.height / 2 },
  );
  expect(onTop).toBe(true);
  await page.locator('.ws-side-collapse').click();
  await expect(page.locator('#ws-event-panel')).toBeHidden();
  await context.close();
});

test.describe('the room after a server restart', () => {
  const port = Number(process.env.E2E_PORT ?? 3917) + 2;
  let server: ChildProcess | null = null;

  async function startServer(): Promise<void> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--presenter-token', presenterToken],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    server = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('listening')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
  }

  async function stopServer(): Promise<void> {
    const child = server;
    server = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  test.afterEach(stopServer);

  test('pages reconnect and re-sync without a reload', async ({ browser }) => {
    test.setTimeout(120_000);
    await startServer();
    const base = `http://127.0.0.1:${port}`;
    const presenter = await open(browser, `/?lang=en&presenter=${presenterToken}#/0`, 'presenter', base);
    await presenter.evaluate(() =>
      (window as unknown as { ws101Reveal: RevealLike }).ws101Reveal.slide(3, 1),
    );
    const ana = await open(browser, '/?lang=en', 'following', base);
    await waitAt(ana, await indices(presenter));
    await ana.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    await stopServer();
    await expect(roomState(ana)).toHaveAttribute('data-room-state', 'reconnecting');
    await startServer();
    // The presenter moves on once both are back: the visitor follows on the same page, never reloaded.
    await expect(roomState(presenter)).toHaveAttribute('data-room-state', 'presenter', { timeout: 15_000 });
    await expect(roomState(ana)).toHaveAttribute('data-room-state', 'following', { timeout: 15_000 });
    await presenter.evaluate(() =>
      (window as unknown as { ws101Reveal: RevealLike }).ws101Reveal.slide(5, 2),
    );
    await waitAt(ana, await indices(presenter));
    expect(await ana.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await closeAll(presenter, ana);
  });

  test('after too many wrong tokens from its address, even the right one is refused: the page says so and follows', async ({
    browser,
  }) => {
    await startServer();
    const base = `http://127.0.0.1:${port}`;
    // Someone on this address guessed five times (the server lets five mistakes through, then 5 a minute).
    for (let guess = 0; guess < 5; guess++) {
      const inspector = new WebSocket(`ws://127.0.0.1:${port}/inspect`);
      await new Promise((resolve, reject) => inspector.once('open', resolve).once('error', reject));
      const reply = new Promise<string>((resolve) =>
        inspector.once('message', (data) => resolve(JSON.parse(data.toString()).code)),
      );
      inspector.send(
        JSON.stringify({ type: 'hello', v: 1, id: 'hello', presenterToken: `guess-${guess}-xxxxxxxxxxxx` }),
      );
      expect(await reply).toBe('bad-presenter-token');
      inspector.close();
    }
    // Opened as the printed presenter URL is, on no slide in particular: as a visitor, it follows the room.
    const throttled = await open(browser, `/?lang=en&presenter=${presenterToken}`, /following|waiting/, base);
    await expect(throttled.getByRole('alert')).toContainText(
      'Presenter token refused (too many wrong presenter tokens: try again in a minute): this page carries on as an ordinary visitor',
    );
    await expect(throttled.locator('#ws-event-panel')).toContainText('Live');
    // In the room, an ordinary visitor: the server said so, and this page cannot drive.
    const role = await throttled.evaluate(
      () =>
        (window as unknown as { ws101Deck: { room: { client: { view: { role: string } } } } }).ws101Deck.room
          .client.view.role,
    );
    expect(role).toBe('visitor');
    await expect(roomState(throttled)).not.toContainText('following ·');
    await expect(roomState(throttled)).not.toContainText('connected ·');
    await closeAll(throttled);
  });
});
