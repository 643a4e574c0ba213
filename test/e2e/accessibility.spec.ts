import { createRequire } from 'node:module';
import { expect, test } from './fixtures.ts';

/**
 * axe-core on the deck as presented (issue 12): every slide in English, and every slide with a live widget
 * in Chinese, with its widgets mounted and the event panel open. Landmarks, the page's h1, heading order and
 * names that match visible labels (the inspector's frame list) included: all of axe's default rules.
 */

type AxeResult = { violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] };
type Deck = {
  getSlides(): HTMLElement[];
  getIndices(slide: HTMLElement): { h: number; v: number };
  slide(h: number, v: number, f: number): void;
};

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// The server's Content-Security-Policy forbids inline scripts, and axe is injected as one: the test's
// browser alone sets it aside (what axe checks does not depend on it).
test.use({ bypassCSP: true });

for (const lang of ['en', 'zh'] as const) {
  test(`axe finds no violation on the deck (${lang})`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.addInitScript(() => localStorage.setItem('ws101.eventPanel', 'open'));
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?transition=none&lang=${lang}`);
    await page.waitForSelector('html.deck-ready');
    await page.addScriptTag({ path: axePath });
    const problems = await page.evaluate(async (onlyWidgets) => {
      const deck = (window as unknown as { ws101Reveal: Deck }).ws101Reveal;
      const axe = (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const found: string[] = [];
      for (const slide of deck.getSlides()) {
        const widget = slide.querySelector('[data-widget]');
        if (onlyWidgets && !widget) continue;
        const { h, v } = deck.getIndices(slide);
        deck.slide(h, v, 99);
        if (widget) {
          for (let i = 0; i < 100 && slide.querySelector('[data-widget-state="loading"]'); i++)
            await sleep(50);
          await sleep(200);
        }
        for (const violation of (await axe.run()).violations) {
          const where = violation.nodes.map((node) => node.target.join(' ')).slice(0, 3);
          found.push(`#${slide.id}: ${violation.id} (${violation.help}) at ${where.join(', ')}`);
        }
      }
      return found;
    }, lang === 'zh');
    expect(problems).toEqual([]);
  });
}
