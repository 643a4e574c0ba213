// npm run type-report [-- URL]: the smallest and median text of every slide, as a projector shows it, at
// 1280×720 and 1920×1080 in both languages, against a running deck (default http://127.0.0.1:8080/).
// The e2e test (projector.spec.ts) asserts the goal; this prints the figures behind it as a Markdown table.

import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../helpers/chromium.ts';
import { measureDeck, perSlide } from './projectorType.ts';

const base = process.argv[2] ?? 'http://127.0.0.1:8080/';
const sizes = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];
const languages = ['en', 'zh'] as const;

const browser = await chromium.launch(chromiumLaunchOptions());
const columns: string[] = [];
const table = new Map<string, string[]>();
try {
  for (const size of sizes) {
    for (const lang of languages) {
      const page = await browser.newPage({ viewport: size });
      await page.goto(new URL(`?transition=none&lang=${lang}`, base).href);
      await page.waitForSelector('html.deck-ready');
      await page.waitForTimeout(500);
      const scale = await page.evaluate(() => window.ws101Reveal.getScale());
      columns.push(`${size.width}×${size.height} ${lang} (scale ${scale.toFixed(2)})`);
      for (const [slide, { smallest, median }] of perSlide(await measureDeck(page, { minSize: 14 }))) {
        const row = table.get(slide) ?? [];
        row.push(`${smallest?.size ?? '-'} / ${median}`);
        table.set(slide, row);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`| slide | ${columns.join(' | ')} |`);
console.log(`|---|${columns.map(() => '---').join('|')}|`);
for (const [slide, row] of table) console.log(`| ${slide} | ${row.join(' | ')} |`);
console.log(
  "\nEach cell: smallest / median text in screen px (median: the lowest over the slide's fragment steps).",
);
