import type { Page } from '@playwright/test';
import { caseTable } from '../../src/conform/cases/index.ts';
import { conformEndpoints } from '../../src/conform/endpoints.ts';
import { expect, test } from './fixtures.ts';

/** Sizes of the visible text on the current slide, in screen pixels after reveal.js scaling. */
function textSizes(page: Page) {
  return page.evaluate(() => {
    const slide = document.querySelector('.reveal .slides section.present section.present')!;
    const transform = (document.querySelector('.reveal .slides') as HTMLElement).style.transform;
    const scale = Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? 1);
    const sizes: { px: number; text: string }[] = [];
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement!;
      if (!node.textContent!.trim() || !element.checkVisibility()) continue;
      if (element.getBoundingClientRect().width === 0) continue;
      sizes.push({
        px: Number.parseFloat(getComputedStyle(element).fontSize) * scale,
        text: node.textContent!.slice(0, 30),
      });
    }
    return sizes.sort((a, b) => a.px - b.px);
  });
}

async function expectProjectorType(page: Page): Promise<void> {
  const sizes = await textSizes(page);
  expect(sizes.length).toBeGreaterThan(10);
  expect(sizes.filter((s) => s.px < 14)).toEqual([]);
  expect(sizes[Math.floor(sizes.length / 2)]!.px).toBeGreaterThanOrEqual(20);
}

for (const lang of ['en', 'zh'] as const) {
  test(`the conformance slide (${lang}) runs one category on the server's own endpoints, side by side`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?lang=${lang}#/conformance`);
    await page.waitForFunction(() => window.ws101Session?.status.phase === 'live');
    const widget = page.locator('.ws-conform');
    await expect(widget).toBeVisible();
    await expect(widget.locator('.ws-conform-summary thead th')).toHaveCount(1 + conformEndpoints.length);
    await expectProjectorType(page);
    // The legend names both marks of a case: the behaviour, then the closing handshake, all on screen.
    const legend = widget.locator('.ws-conform-legend p');
    await expect(legend).toHaveCount(2);
    await expect(legend.nth(0).locator('span')).toHaveCount(1 + 5);
    await expect(legend.nth(1).locator('span')).toHaveCount(1 + 6);
    await expect(legend.nth(1)).toContainText(lang === 'en' ? 'closing handshake' : '关闭握手');
    // The demo's run redraws the summary as its cases come back: a legend replaced while measured is
    // measured again (seen once: boundingBox null).
    await expect
      .poll(async () => {
        const box = await legend.nth(1).boundingBox();
        return box ? box.y + box.height : Number.POSITIVE_INFINITY;
      })
      .toBeLessThanOrEqual(720);

    await widget.locator('.ws-conform-category').selectOption('3');
    await widget.locator('.ws-conform-run').click();
    await expect(widget.locator('.ws-conform-run')).toBeEnabled({ timeout: 30_000 });
    const reserved = caseTable.filter((c) => c.category === 'reserved-bits');
    await expect(widget.locator('[data-case]')).toHaveCount(reserved.length);
    // Category 3 ran on both, side by side: each fails every reserved bit, as it must: seven passes.
    const reservedRow = widget.locator('.ws-conform-summary tbody tr').nth(2).locator('td');
    await expect(reservedRow).toHaveCount(conformEndpoints.length);
    for (let column = 0; column < conformEndpoints.length; column++)
      await expect(reservedRow.nth(column)).toHaveText('✓ 7');
    await expectProjectorType(page);

    // A case opens with its frames decoded from the bytes that crossed the wire.
    await widget.locator('[data-case="3.1"]').click();
    const def = caseTable.find((c) => c.id === '3.1')!;
    await expect(widget.locator('.ws-conform-title')).toHaveText(`3.1 · ${def.title[lang]}`);
    await expect(widget.locator('.ws-conform-facts')).toContainText(
      lang === 'en' ? 'the server fails the connection' : '服务端让连接失败',
    );
    const rows = widget.locator('.ws-conform-frame-list [role="option"]');
    await expect(rows).toHaveCount(3); // our text with RSV = 1, the server's close, our close
    await expect(widget.locator('.ws-violations')).toContainText('1002');
    await expect(widget.locator('.ws-conform-facts')).toContainText('§5.2');
    await expectProjectorType(page);
    await widget.locator('.ws-conform-back').click();
    await expect(widget.locator('.ws-conform-summary')).toBeVisible();
  });
}

for (const lang of ['en', 'zh'] as const) {
  test(`the conformance slide (${lang}) shows where ws and WebSocket-Node differ, and opens the case on both`, async ({
    page,
  }) => {
    expect(conformEndpoints.map((e) => e.id)).toEqual(['ws', 'wsnode']);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?lang=${lang}#/conformance`);
    await page.waitForFunction(() => window.ws101Session?.status.phase === 'live');
    const widget = page.locator('.ws-conform');
    await expect(widget.locator('.ws-conform-summary thead th').nth(2)).toHaveText(
      'WebSocket-Node /wsnode/echo',
    );
    await widget.locator('.ws-conform-category').selectOption('1');
    await widget.locator('.ws-conform-run').click();
    await expect(widget.locator('.ws-conform-run')).toBeEnabled({ timeout: 45_000 });
    // Framing, both columns filled: they agree on every case but WebSocket-Node's unmasked echo.
    const framing = widget.locator('.ws-conform-summary tbody tr').first().locator('td');
    await expect(framing.nth(0)).toHaveText('✓ 18i 1');
    await expect(framing.nth(1)).toHaveText('✓ 17i 1✗ 1');
    const total = widget.locator('.ws-conform-summary tfoot td');
    await expect(total.nth(0)).not.toContainText('✗');
    await expect(total.nth(1)).toContainText('✗ 1');
    await expect(widget.locator('.ws-conform-differ')).toHaveText(
      `${lang === 'en' ? 'Where they differ:' : '结果不同的用例：'} ws101.1.1`,
    );
    // The case list puts where they differ first, marked.
    const first = widget.locator('[data-case]').first();
    await expect(first).toHaveAttribute('data-case', 'ws101.1.1');
    await expect(first).toHaveClass(/is-different/);
    // Per endpoint, two marks as in Autobahn's report: the behaviour, then the closing handshake. ws: OK, a
    // clean close; WebSocket-Node: FAILED, and the client had to drop TCP (the server kept it open).
    await expect(first.locator('.ws-conform-badge')).toHaveText(['✓', '✓', '✗', '↯']);
    await expectProjectorType(page);

    // Opened from the difference: WebSocket-Node's side first, its echo of our unmasked frame decoded.
    await widget.locator('[data-differs="ws101.1.1"]').click();
    const tabs = widget.locator('.ws-conform-endpoints .ws-tab');
    await expect(tabs.nth(1)).toHaveAttribute('aria-pressed', 'true');
    await expect(tabs.nth(1)).toContainText('WebSocket-Node');
    await expect(tabs.nth(1).locator('.ws-conform-badge').first()).toHaveClass(/is-fail/);
    await expect(widget.locator('.ws-conform-facts')).toContainText(
      lang === 'en' ? 'client had to close' : '只好由客户端断开',
    );
    const rows = widget.locator('.ws-conform-frame-list [role="option"]');
    await expect(rows).toHaveCount(2); // our unmasked text, and its echo
    await expect(widget.locator('.ws-violations')).toContainText('§5.1');
    await expect(widget.locator('.ws-conform-facts')).toContainText('Hello, world!');
    await expectProjectorType(page);
    // ws's side of the same case: it failed the connection with 1002.
    await tabs.nth(0).click();
    await expect(tabs.nth(0)).toHaveAttribute('aria-pressed', 'true');
    await expect(tabs.nth(0).locator('.ws-conform-badge').first()).toHaveClass(/is-pass/);
    await expect(rows).toHaveCount(3); // our unmasked text, ws's close 1002, our close
    await expect(widget.locator('.ws-conform-facts')).toContainText('1002');
  });
}

test('the page can name only an endpoint id, never an address', async ({ page }) => {
  await page.goto('/?lang=en#/conformance');
  await page.waitForFunction(() => window.ws101Session?.status.phase === 'live');
  // The slide's demo runs first (the server answers a page's second run at once with "busy").
  await expect(page.locator('.ws-conform')).toHaveAttribute('data-demo', 'done', { timeout: 30_000 });
  const reply = await page.evaluate(() =>
    window.ws101Session.command({ type: 'conform.run', endpoint: 'ws://127.0.0.1:9/echo' }),
  );
  expect(reply).toMatchObject({ ok: false, code: 'unknown-endpoint' });
});
