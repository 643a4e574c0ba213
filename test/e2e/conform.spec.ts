import { expect, type Page, test } from '@playwright/test';
import { caseTable } from '../../src/conform/cases/index.ts';
import { conformEndpoints } from '../../src/conform/endpoints.ts';

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
    await page.click('.ws-side-collapse'); // the event panel aside, the slide gets the whole width
    const widget = page.locator('.ws-conform');
    await expect(widget).toBeVisible();
    await expect(widget.locator('.ws-conform-summary thead th')).toHaveCount(1 + conformEndpoints.length);
    await expectProjectorType(page);

    await widget.locator('.ws-conform-category').selectOption('3');
    await widget.locator('.ws-conform-run').click();
    await expect(widget.locator('.ws-conform-run')).toBeEnabled({ timeout: 30_000 });
    const reserved = caseTable.filter((c) => c.category === 'reserved-bits');
    await expect(widget.locator('[data-case]')).toHaveCount(reserved.length);
    // Category 3 ran; ws fails every reserved bit, as it must: seven passes in its column.
    await expect(widget.locator('.ws-conform-summary tbody tr').nth(2)).toContainText('✓ 7');
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

test('the page can name only an endpoint id, never an address', async ({ page }) => {
  await page.goto('/?lang=en#/conformance');
  await page.waitForFunction(() => window.ws101Session?.status.phase === 'live');
  const reply = await page.evaluate(() =>
    window.ws101Session.command({ type: 'conform.run', endpoint: 'ws://127.0.0.1:9/echo' }),
  );
  expect(reply).toMatchObject({ ok: false, code: 'unknown-endpoint' });
});
