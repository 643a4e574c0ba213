import type { Browser, Page } from '@playwright/test';
import { type DelayProxy, startDelayProxy } from './delayProxy.ts';
import { expect, test } from './fixtures.ts';
import { presenterToken } from './roomHelpers.ts';

/**
 * The room on a classroom's network: every test runs twice, on loopback and through a proxy that delays
 * every TCP segment 60 ms ± 20 ms each way (HTTP and every WebSocket of the page alike). Each room has a
 * desktop and a phone in portrait (390×844) in it.
 */
type Indices = { h: number; v: number; f: number };
type RevealLike = {
  getIndices(): { h: number; v?: number; f?: number };
  slide(h: number, v?: number, f?: number): void;
  on(type: string, listener: () => void): void;
};
type PageWindow = { ws101Reveal: RevealLike; roomTrail?: Indices[] };

const e2ePort = Number(process.env.E2E_PORT ?? 3917);
const desktop = { viewport: { width: 1280, height: 720 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
type Device = typeof desktop | typeof phone;

let proxy: DelayProxy | null = null;
test.beforeAll(async () => {
  proxy = await startDelayProxy(e2ePort);
});
test.afterAll(async () => {
  await proxy?.close();
});

const networks = [
  { name: 'loopback', base: () => `http://127.0.0.1:${e2ePort}` },
  { name: 'Wi-Fi (60 ms ± 20 ms each way)', base: () => proxy!.url },
] as const;

async function indices(page: Page): Promise<Indices> {
  const { h, v, f } = await page.evaluate(() => (window as unknown as PageWindow).ws101Reveal.getIndices());
  return { h, v: v ?? 0, f: f ?? -1 };
}

function bar(page: Page) {
  return page.locator('.room-bar');
}

/** A person of the room on a device of their own (own context, own session), once the bar says `state`. */
async function open(
  browser: Browser,
  base: string,
  path: string,
  state: string | RegExp,
  device: Device,
): Promise<Page> {
  const context = await browser.newContext({ ...device, baseURL: base });
  const page = await context.newPage();
  await page.goto(path);
  await expect(bar(page)).toHaveAttribute('data-room-state', state, { timeout: 30_000 });
  return page;
}

/** The presenter's page, opened on the title with the presenter token. */
function openPresenter(browser: Browser, base: string, device: Device): Promise<Page> {
  return open(browser, base, `/?lang=en&presenter=${presenterToken}#/0`, 'presenter', device);
}

const visitorStates = /following|waiting|presenter-away/;

async function slideTo(page: Page, at: Indices): Promise<void> {
  await page.evaluate(({ h, v, f }) => (window as unknown as PageWindow).ws101Reveal.slide(h, v, f), at);
}

async function waitAt(page: Page, at: Indices): Promise<void> {
  await expect.poll(() => indices(page), { timeout: 20_000 }).toEqual(at);
}

/** Every place the page's deck goes from now on, in order (reveal.js's own events). */
async function recordTrail(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as PageWindow;
    w.roomTrail = [];
    const note = () => {
      const { h, v, f } = w.ws101Reveal.getIndices();
      w.roomTrail!.push({ h, v: v ?? 0, f: f ?? -1 });
    };
    for (const type of ['slidechanged', 'fragmentshown', 'fragmenthidden']) w.ws101Reveal.on(type, note);
  });
}

function trail(page: Page): Promise<Indices[]> {
  return page.evaluate(() => (window as unknown as PageWindow).roomTrail ?? []);
}

const isAhead = (a: Indices, b: Indices) =>
  b.h > a.h || (b.h === a.h && (b.v > a.v || (b.v === a.v && b.f > a.f)));

/** Where the deck is, if the room (as this page knows it) is there too; null while moves are in flight. */
function settledAt(page: Page): Promise<Indices | null> {
  return page.evaluate(() => {
    const w = window as unknown as PageWindow & {
      ws101Deck: { room: { client: { view: { position: Indices | null } } } };
    };
    const { h, v, f } = w.ws101Reveal.getIndices();
    const room = w.ws101Deck.room.client.view.position;
    return room !== null && room.h === h && room.v === (v ?? 0) && room.f === (f ?? -1) ? room : null;
  });
}

/** The presenter's page has no move of its own in flight: the room's place is the deck's. */
async function settled(page: Page): Promise<Indices> {
  await expect.poll(() => settledAt(page), { timeout: 20_000 }).not.toBeNull();
  return indices(page);
}

/** The first horizontal slide with vertical slides under it, and the exercise's index. */
async function landmarks(page: Page): Promise<{ stack: number; exercise: number }> {
  return page.evaluate(() => {
    const top = [...document.querySelectorAll('.reveal .slides > section')];
    return {
      stack: top.findIndex((s) => s.querySelector(':scope > section') !== null),
      exercise: top.findIndex((s) => s.id === 'exercise'),
    };
  });
}

async function closeAll(...pages: Page[]): Promise<void> {
  for (const page of pages) await page.context().close();
}

test.describe('the room on a slow network: no bounce, every device follows', () => {
  test.describe.configure({ timeout: 150_000 });

  for (const network of networks) {
    test(`${network.name}: eight presses in 300 ms go strictly forward on the presenter's page, and everyone ends where it ends`, async ({
      browser,
    }) => {
      const base = network.base();
      const presenter = await openPresenter(browser, base, desktop);
      const ana = await open(browser, base, '/?lang=en', visitorStates, desktop);
      const mobile = await open(browser, base, '/?lang=en', visitorStates, phone);
      const { stack } = await landmarks(presenter);
      const start = { h: stack, v: 0, f: -1 };
      await slideTo(presenter, start);
      await waitAt(ana, start);
      await waitAt(mobile, start);
      await recordTrail(presenter);

      // Space is reveal.js's "next": fragments, then the vertical slides, then the next slide.
      for (let press = 0; press < 8; press++) {
        await presenter.keyboard.press('Space');
        await presenter.waitForTimeout(35);
      }
      await expect
        .poll(async () => (await trail(presenter)).length, { timeout: 20_000 })
        .toBeGreaterThanOrEqual(8);
      const end = await settled(presenter);
      await waitAt(ana, end);
      await waitAt(mobile, end);
      // Eight presses, eight steps, each after the last: nothing lost, never a step back.
      const steps = await trail(presenter);
      expect(steps).toHaveLength(8);
      for (let i = 1; i < steps.length; i++)
        expect(isAhead(steps[i - 1]!, steps[i]!), JSON.stringify(steps)).toBe(true);
      expect(isAhead(start, steps[0]!)).toBe(true);
      expect(steps.at(-1)).toEqual(end);
      expect(await indices(presenter)).toEqual(end);
      // The phone is where the presenter is, and the bar and the count say so; no one claims it wrongly.
      await expect(bar(mobile)).toHaveAttribute('data-room-state', 'following');
      await expect(bar(ana)).toHaveAttribute('data-room-state', 'following');
      await expect(bar(presenter)).toContainText('Room: 2 connected · 2 following');
      await closeAll(presenter, ana, mobile);
    });

    test(`${network.name}: a laptop and a phone as a remote, both presenting, converge on the last move without ping-pong`, async ({
      browser,
    }) => {
      const base = network.base();
      const laptop = await openPresenter(browser, base, desktop);
      const { stack } = await landmarks(laptop);
      const start = { h: stack, v: 0, f: -1 };
      await slideTo(laptop, start);
      await settled(laptop);
      // The remote joins where the room is, not on its own slide 1.
      const remote = await openPresenter(browser, base, phone);
      await waitAt(remote, start);
      const ana = await open(browser, base, '/?lang=en', visitorStates, phone);
      await waitAt(ana, start);
      await recordTrail(laptop);
      await recordTrail(remote);

      const press = async (page: Page, times: number) => {
        for (let i = 0; i < times; i++) {
          await page.keyboard.press('Space');
          await page.waitForTimeout(35);
        }
      };
      await Promise.all([press(laptop, 4), press(remote, 3)]);
      // Both settle (their own moves acknowledged) on one place, and the visitor is there too.
      await expect
        .poll(
          async () => {
            const [a, b] = [await settledAt(laptop), await settledAt(remote)];
            return a !== null && b !== null && a.h === b.h && a.v === b.v && a.f === b.f;
          },
          { timeout: 20_000 },
        )
        .toBe(true);
      const end = await indices(laptop);
      expect(await indices(remote)).toEqual(end);
      await waitAt(ana, end);
      // No ping-pong: once converged, a few more round trips move neither page.
      const laptopSteps = (await trail(laptop)).length;
      const remoteSteps = (await trail(remote)).length;
      await laptop.waitForTimeout(1000);
      expect((await trail(laptop)).length).toBe(laptopSteps);
      expect((await trail(remote)).length).toBe(remoteSteps);
      expect(await indices(laptop)).toEqual(end);
      expect(await indices(remote)).toEqual(end);
      await closeAll(laptop, remote, ana);
    });

    test(`${network.name}: the presenter leaves and comes back in a fresh tab: the class is told, and stays where the room is`, async ({
      browser,
    }) => {
      const base = network.base();
      const presenter = await openPresenter(browser, base, desktop);
      const there = { h: 3, v: 0, f: -1 };
      await slideTo(presenter, there);
      await settled(presenter);
      const ana = await open(browser, base, '/?lang=en', 'following', desktop);
      const mobile = await open(browser, base, '/?lang=en', 'following', phone);
      await waitAt(ana, there);
      await waitAt(mobile, there);

      await closeAll(presenter);
      await expect(bar(ana)).toHaveAttribute('data-room-state', 'presenter-away');
      await expect(bar(mobile)).toContainText('The presenter is away');
      // While the presenter is away, a visitor's own arrow key is browsing on their own.
      await mobile.keyboard.press('ArrowRight');
      await expect(bar(mobile)).toHaveAttribute('data-room-state', 'away');

      // The presenter URL again, in a fresh tab on slide 1: it joins where the room is and moves no one.
      const back = await openPresenter(browser, base, desktop);
      await waitAt(back, there);
      await expect(bar(ana)).toHaveAttribute('data-room-state', 'following');
      expect(await indices(ana)).toEqual(there);
      // Only a presenter's key press moves the room.
      await back.keyboard.press('ArrowRight');
      const next = await settled(back);
      expect(isAhead(there, next)).toBe(true);
      await waitAt(ana, next);
      await expect(bar(mobile)).toHaveAttribute('data-room-state', 'away');
      await slideTo(mobile, { h: 1, v: 0, f: -1 });
      await mobile.keyboard.press('r');
      await waitAt(mobile, next);
      await expect(bar(mobile)).toHaveAttribute('data-room-state', 'following');
      await closeAll(back, ana, mobile);
    });

    test(`${network.name}: jumping back to the exercise does not reveal its answer; stepping forward does`, async ({
      browser,
    }) => {
      const base = network.base();
      const presenter = await openPresenter(browser, base, desktop);
      const { exercise } = await landmarks(presenter);
      expect(exercise).toBeGreaterThan(0);
      const ana = await open(browser, base, '/?lang=en', visitorStates, desktop);
      const mobile = await open(browser, base, '/?lang=en', visitorStates, phone);
      await slideTo(presenter, { h: exercise + 1, v: 0, f: -1 });
      await settled(presenter);
      await waitAt(mobile, { h: exercise + 1, v: 0, f: -1 });

      await presenter.keyboard.press('ArrowLeft');
      const back = await settled(presenter);
      expect(back).toEqual({ h: exercise, v: 0, f: -1 });
      for (const page of [presenter, ana, mobile]) {
        await waitAt(page, back);
        await expect(page.locator('#exercise .fragment[data-solution].visible')).toHaveCount(0);
      }
      await presenter.keyboard.press('ArrowRight');
      const revealed = await settled(presenter);
      expect(revealed).toEqual({ h: exercise, v: 0, f: 0 });
      for (const page of [ana, mobile]) {
        await waitAt(page, revealed);
        await expect(page.locator('#exercise .fragment[data-solution].visible')).toHaveCount(1);
      }
      await closeAll(presenter, ana, mobile);
    });
  }
});
