import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openLive } from './inspectorHelpers.ts';

/**
 * Issue 16: the frame lab tells the RFC apart from the browser. A run shows the RFC's rule, this browser as
 * measured, and this run with what crossed the wire; plus the bugs found on the way.
 */

type Run = {
  experiment: string;
  receiver: string;
  matches: boolean;
  rfc: string | null;
  seen: {
    delivers: boolean;
    closeFrame: number | null | 'none';
    closeReason?: string;
    page?: unknown;
  } | null;
};

async function runExperiment(page: Page, name: string, direction: 'to-browser' | 'to-server'): Promise<Run> {
  const lab = page.locator('.ws-lab');
  await lab.locator(`[data-experiment="${name}"]`).click();
  await lab.locator(`[data-direction="${direction}"]`).click();
  await lab.locator('.ws-lab-run').click();
  const outcome = lab.locator('.ws-lab-outcome[data-run]');
  await expect(outcome).toBeVisible({ timeout: 10_000 });
  return JSON.parse((await outcome.getAttribute('data-run')) ?? 'null') as Run;
}

test.describe('a lab run reads RFC, this browser, this run and the wire side by side', () => {
  test('Chromium: the browser is detected, its close frame read from the tap, the run matches the table', async ({
    page,
  }) => {
    await openLive(page, 'lab');
    const lab = page.locator('.ws-lab');
    await expect(lab.locator('.ws-lab-experiments')).toHaveAttribute('data-browser', 'chromium');
    const run = await runExperiment(page, 'masked-server-frame', 'to-browser');
    expect(run.receiver).toMatch(/^Chromium \d+/);
    expect(run.matches).toBe(true);
    expect(run.rfc).toBe('follows');
    expect(run.seen).toMatchObject({ delivers: false, closeFrame: 1002, page: { code: 1006, clean: false } });
    await expect(lab.locator('.ws-lab-rfc')).toContainText('RFC 6455 §5.1');
    await expect(lab.locator('.ws-lab-known')).toContainText('Chromium');
    await expect(lab.locator('.ws-lab-known')).toContainText('on the wire: close 1002');
    await expect(lab.locator('.ws-lab-run-column')).toContainText(
      `on the wire: close 1002 "${run.seen?.closeReason}"`,
    );
    await expect(lab.locator('.ws-lab-outcome')).toContainText('✓ as measured for Chromium');
    // Where the RFC leaves a choice, the run says it is allowed, not that it failed.
    const utf8 = await runExperiment(page, 'invalid-utf8', 'to-browser');
    expect(utf8).toMatchObject({ matches: true, rfc: 'allowed' });
    await expect(lab.locator('.ws-lab-known .ws-lab-verdict.allowed')).toContainText('1007');
    await expect(lab.locator('.ws-lab-outcome .differs')).toHaveCount(0);
  });

  test('the server side: ws’s close frame from the tap, against ws as measured', async ({ page }) => {
    await openLive(page, 'lab');
    const run = await runExperiment(page, 'invalid-utf8', 'to-server');
    expect(run).toMatchObject({ receiver: 'ws', matches: true, rfc: 'follows', seen: { closeFrame: 1007 } });
  });

  test('a lab-made violation reads as expected in the event panel, and a 1006 end is not called clean', async ({
    page,
  }) => {
    await openLive(page, 'lab');
    await runExperiment(page, 'reserved-opcode', 'to-browser');
    await runExperiment(page, 'reserved-opcode', 'to-server');
    await page.locator('.ws-side-tab').click(); // the event panel starts closed
    const panel = page.locator('.ws-ev-item.kind-violation');
    await expect(panel.first()).toBeVisible();
    await expect(page.locator('.ws-ev-item.kind-violation.tone-bad')).toHaveCount(0);
    await expect(page.locator('.ws-ev-item.kind-violation.tone-expected').first()).toContainText(
      'made by the lab, expected',
    );
    // ws failed the lab connection and stopped reading: the lab client's answering close crossed the wire
    // unread and ws reported 1006. That is not a clean close.
    const closed = await page.evaluate(() =>
      window.ws101Session.timeline
        .list()
        .filter((entry) => entry.kind === 'closed' && entry.code === 1006)
        .map((entry) => (entry.kind === 'closed' ? entry.clean : null)),
    );
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((clean) => clean === false)).toBe(true);
  });
});

test.describe('a browser the table has not measured', () => {
  test.use({
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  });

  test('is "not yet measured", never assumed; its run is held to the RFC alone', async ({ page }) => {
    await openLive(page, 'lab');
    const lab = page.locator('.ws-lab');
    await expect(lab.locator('.ws-lab-experiments')).toHaveAttribute('data-browser', 'unknown');
    await expect(lab.locator('.ws-lab-known')).toContainText('Safari 17');
    await expect(lab.locator('.ws-lab-known')).toContainText('not yet measured');
    const run = await runExperiment(page, 'reserved-opcode', 'to-browser');
    expect(run).toMatchObject({ receiver: 'Safari 17', rfc: 'follows', matches: true });
  });
});

test.describe('a browser that departs from the RFC', () => {
  test.use({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0' });

  test('its known departure is said plainly; a run unlike its measurement is a ✗', async ({ page }) => {
    // Chromium under Firefox's name: the table's Firefox column is shown, and Chromium's real behaviour
    // (it fails the connection) differs from Firefox's measured one (it delivers the message).
    await openLive(page, 'lab');
    const lab = page.locator('.ws-lab');
    // The viewer picks the experiment (the slide's demo may have picked its own by now).
    await lab.locator('[data-experiment="masked-server-frame"]').click();
    await expect(lab.locator('.ws-lab-known .ws-lab-verdict.departs')).toContainText(
      'Firefox 153 departs from RFC 6455 §5.1',
    );
    await expect(lab.locator('.ws-lab-known')).toContainText('message delivered');
    const run = await runExperiment(page, 'masked-server-frame', 'to-browser');
    expect(run.matches).toBe(false);
    await expect(lab.locator('.ws-lab-outcome .ws-lab-verdict.differs')).toContainText(
      'differs from what was measured for Firefox 153',
    );
  });
});

test.describe('the bit editor checks the direction it sends in', () => {
  test('a masked frame sent to the browser is a violation there; the killed echo socket reopens', async ({
    page,
  }) => {
    await openLive(page, 'lab');
    const lab = page.locator('.ws-lab');
    await lab.locator('[data-tab="editor"]').click();
    await expect(lab.locator('.ws-editor-fine')).toBeVisible();
    await lab.locator('[data-edit="sender"]').selectOption('server');
    await expect(lab.locator('.ws-editor-problem')).toContainText('§5.1');
    await expect(lab.locator('.ws-editor-send')).toHaveText('Send to the browser');
    const before = await page.evaluate(() => window.ws101Session.echoConnection);
    await lab.locator('.ws-editor-send').click();
    await expect(lab.locator('.ws-composer-status')).toContainText('on the wire: close 1002', {
      timeout: 10_000,
    });
    await expect(lab.locator('.ws-composer-status')).toContainText('page: close 1006');
    await page.waitForFunction(
      (old) => window.ws101Session.echoState === 'open' && window.ws101Session.echoConnection !== old,
      before,
    );
  });
});

test.describe('closing with a reason', () => {
  test('42 Chinese characters fit the field but not 123 bytes: said in words, nothing thrown or sent', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openLive(page, 'close-handshake');
    const composer = page.locator('.ws-composer-close');
    await composer.locator('input[type="number"]').fill('1000');
    const reason = composer.locator('input[type="text"]');
    await reason.fill('再'.repeat(42));
    await expect(composer.locator('.ws-reason-bytes')).toHaveText('126/123 B');
    const before = await page.evaluate(() => window.ws101Session.echoConnection);
    await composer.getByRole('button', { name: 'Close' }).click();
    await expect(composer.locator('.ws-composer-status')).toContainText('126 bytes');
    await expect(composer.locator('.ws-composer-status')).toContainText('a Chinese character takes 3 bytes');
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => [window.ws101Session.echoState, window.ws101Session.echoConnection]),
    ).toEqual(['open', before]);
    expect(errors).toEqual([]);
  });
});

test.describe('layout fixes', () => {
  test('with the event panel hidden, the inspector’s status line is clear of the deck’s buttons', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openLive(page, 'frame-live');
    if (await page.locator('#ws-event-panel').isVisible()) await page.keyboard.press('e');
    await expect(page.locator('#ws-event-panel')).toBeHidden();
    await page.waitForTimeout(500);
    const status = await page.locator('.ws-inspector .ws-statusline').boundingBox();
    const buttons = await page.locator('.deck-toolbar').boundingBox();
    expect(status && buttons).toBeTruthy();
    const overlaps =
      status!.x < buttons!.x + buttons!.width &&
      buttons!.x < status!.x + status!.width &&
      status!.y < buttons!.y + buttons!.height &&
      buttons!.y < status!.y + status!.height;
    expect(overlaps).toBe(false);
  });

  test('the handshake explorer shows every line of a long request, none clipped', async ({ page }) => {
    // Four more headers than Chromium sends, as long as Firefox's extra ones: 18 lines and the blank one.
    await page.context().setExtraHTTPHeaders({
      'X-Extra-One': 'empty',
      'X-Extra-Two': 'websocket',
      'X-Extra-Three': 'same-origin',
      'X-Extra-Four': '*/*',
    });
    await openLive(page, 'handshake-live');
    const lines = page.locator('.ws-hs-line');
    await expect(page.locator('.ws-hs-line[data-header="x-extra-four"]')).toBeVisible();
    expect(await lines.count()).toBeGreaterThanOrEqual(18);
    const box = await page.locator('.ws-hs-lines').evaluate((el) => ({
      clipped: el.scrollHeight > el.clientHeight + 1,
      bottom: el.getBoundingClientRect().bottom,
      slideBottom: document.querySelector('.reveal .slides')!.getBoundingClientRect().bottom,
    }));
    expect(box.clipped).toBe(false);
    expect(box.bottom).toBeLessThanOrEqual(box.slideBottom + 1);
    await page.locator('.ws-hs-line[data-header="sec-websocket-extensions"]').click();
    await expect(page.locator('.ws-hs-note')).toContainText('client_max_window_bits');
  });
});
