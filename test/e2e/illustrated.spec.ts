import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { IllustratedSession } from '../../src/illustrated/annotate.ts';
import { downloadName } from '../../src/illustrated/render.ts';
import { illustrateRecording, loadRecording } from '../../src/illustrated/vitePlugin.ts';
import { type Language, toHex } from '../../src/protocol/index.ts';
import { expect, test } from './fixtures.ts';

/**
 * "The Illustrated WebSocket Connection" as built by Vite and served by the bundled server: the page's
 * annotations are the decoders' output for every byte, it is whole with JavaScript off (and printed), axe
 * finds nothing, and its download is the recording.
 */

type AxeResult = { violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] };
type DomField = {
  offset: number;
  length: number;
  kind: string;
  hex: string;
  label: string;
  value: string;
  meaning: string;
  bits: string[];
};
type DomRecord = { id: string; hex: string; fields: DomField[] };

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const root = new URL('../../', import.meta.url).pathname;
const recording = loadRecording(root).pcapng;
const pagePath = (lang: Language) => (lang === 'en' ? '/illustrated/' : '/illustrated/zh/');

let session: IllustratedSession;
test.beforeAll(async () => {
  session = await illustrateRecording(recording);
});

/** Every record of the page as its DOM shows it: the summary's hex and each field's bytes and words. */
function readRecords(page: Page): Promise<DomRecord[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLDetailsElement>('details.record:not(.computation)')].map((record) => ({
      id: record.id,
      hex: record.querySelector('summary .record-hex')!.textContent!,
      fields: [...record.querySelectorAll<HTMLElement>('li.field')].map((field) => ({
        offset: Number(field.dataset.offset),
        length: Number(field.dataset.length),
        kind: field.dataset.kind!,
        hex: field.querySelector('.field-hex')!.textContent!,
        label: field.querySelector('.field-label')!.textContent!,
        value: field.querySelector('.field-value')!.textContent!,
        meaning: field.querySelector('.field-meaning')!.textContent!,
        bits: [...field.querySelectorAll('.bits tr')].map((row) =>
          [...row.children].map((cell) => cell.textContent).join('|'),
        ),
      })),
    })),
  );
}

/** What the page must show, from the decoders run here, in the test's own process. */
function expectedRecords(lang: Language): DomRecord[] {
  return session.records.map((record) => ({
    id: record.id,
    hex: toHex(record.bytes, ' '),
    fields: record.groups.flatMap((group) =>
      group.fields.map((field) => ({
        offset: field.offset,
        length: field.length,
        kind: field.kind,
        hex: toHex(record.bytes.subarray(field.offset, field.offset + field.length), ' '),
        label: field.label[lang],
        value: field.value,
        meaning: field.meaning[lang],
        bits: (field.bits ?? []).map((bit) => `${bit.bits}|${bit.name}|${bit.meaning[lang]}`),
      })),
    ),
  }));
}

for (const lang of ['en', 'zh'] as const) {
  test(`the page's annotations are the decoder's, every byte exactly once (${lang})`, async ({ page }) => {
    await page.goto(pagePath(lang));
    const records = await readRecords(page);
    expect(records).toEqual(expectedRecords(lang));
    for (const record of records) {
      const fields = [...record.fields].sort((a, b) => a.offset - b.offset);
      let next = 0;
      for (const field of fields) {
        expect(field.offset, `${record.id}: a byte left out or shown twice`).toBe(next);
        next += field.length;
      }
      expect(next).toBe(record.hex.split(' ').length);
      expect(fields.map((field) => field.hex).join(' ')).toBe(record.hex);
    }
    // Every byte of the recording: the synthesized packets whole, and every byte the sockets read and wrote.
    const total = session.records.reduce((sum, record) => sum + record.bytes.length, 0);
    expect(records.reduce((sum, record) => sum + record.hex.split(' ').length, 0)).toBe(total);
  });

  test(`with JavaScript off every byte and annotation is there, and printed every record is open (${lang})`, async ({
    browser,
  }) => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 720 },
    });
    const page = await context.newPage();
    await page.goto(pagePath(lang));
    // No script ran: the toolbar's buttons are script's only.
    await expect(page.locator('[data-toolbar] button')).toHaveCount(0);
    expect(await readRecords(page)).toEqual(expectedRecords(lang));
    const hexes = page.locator('details.record:not(.computation) > summary .record-hex');
    await expect(hexes).toHaveCount(session.records.length);
    for (const hex of await hexes.all()) await expect(hex).toBeVisible();
    const fields = page.locator('li.field');
    const fieldCount = session.records.reduce(
      (sum, record) => sum + record.groups.reduce((n, group) => n + group.fields.length, 0),
      0,
    );
    await expect(fields).toHaveCount(fieldCount);
    // Closed on screen; each opens in place with no script (a native <details>).
    await expect(fields.first()).toBeHidden();
    await page.locator('#packet-6 > summary').click();
    await expect(page.locator('#packet-6 li.field .field-meaning').first()).toBeVisible();
    // Printed, every record is open: every field's meaning is on paper.
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate(
      () =>
        [...document.querySelectorAll<HTMLElement>('li.field .field-meaning')].filter(
          (meaning) => meaning.getClientRects().length === 0 || meaning.checkVisibility() === false,
        ).length,
    );
    expect(hidden).toBe(0);
    await context.close();
  });

  test(`axe finds no violation, every record open (${lang})`, async ({ browser }) => {
    // The server's policy forbids inline scripts, and axe is injected as one.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(pagePath(lang));
    await page.getByRole('button', { name: lang === 'en' ? 'Open all' : '全部展开' }).click();
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
      return (await axe.run()).violations.map(
        (violation) =>
          `${violation.id} (${violation.help}) at ${violation.nodes.map((n) => n.target.join(' ')).slice(0, 3)}`,
      );
    });
    expect(violations).toEqual([]);
    await context.close();
  });

  test(`the download is the recorded session, linked from the page and from the title slide (${lang})`, async ({
    page,
    request,
  }) => {
    // On the title slide by name: the shared test server's room may be on another slide by now.
    await page.goto(`/?transition=none&lang=${lang}#/title`);
    await page.waitForSelector('html.deck-ready');
    const link = page.locator('#title a[href^="illustrated/"]');
    await expect(link).toBeVisible();
    await link.click();
    await expect(page.locator('h1')).toHaveText(
      lang === 'en' ? 'The Illustrated WebSocket Connection' : '图解 WebSocket 连接',
    );
    expect(new URL(page.url()).pathname).toBe(pagePath(lang));
    const href = await page.locator('a.download').getAttribute('href');
    const url = new URL(href!, page.url());
    expect(url.pathname).toBe(`/illustrated/${downloadName}`);
    const response = await request.get(url.pathname);
    expect(response.status()).toBe(200);
    expect(toHex(new Uint8Array(await response.body()))).toBe(toHex(recording));
    // Each step links to its slide in the deck, named by the slide's own title, in the page's language.
    const deckLink = page.locator('#handshake .deck-link a');
    await expect(deckLink).toHaveText(lang === 'en' ? 'The connection process' : '连接过程');
    await deckLink.click();
    await page.waitForSelector('html.deck-ready');
    await expect(page.locator('section#handshake-request.present')).toBeVisible();
  });
}

test('script opens and closes every record and copies a record as hex', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(pagePath('en'));
  const records = page.locator('details.record');
  const count = await records.count();
  await page.getByRole('button', { name: 'Open all' }).click();
  expect(await page.locator('details.record[open]').count()).toBe(count);
  await page.getByRole('button', { name: 'Close all' }).click();
  expect(await page.locator('details.record[open]').count()).toBe(0);
  await page.locator('#packet-6 > summary').click();
  await page.locator('#packet-6').getByRole('button', { name: 'Copy as hex' }).click();
  await expect(page.locator('#packet-6').getByRole('button', { name: 'Copied' })).toBeVisible();
  // RFC 6455 §5.7's masked "Hello", as the client of the recording sent it.
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('81 85 37 fa 21 3d 7f 9f 4d 51 58');
  await context.close();
});
