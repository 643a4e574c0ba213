import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { person } from './roomHelpers.ts';

/**
 * Consent (issue 11): a visitor's frames reach the presenter's screen only while the visitor shares them.
 * Three contexts: the presenter, Ana (who shares, then stops) and Bo (who never shares).
 */

const shotDir = process.env.CONSENT_SHOTS;

/** Whether this page holds a decoded frame with this text, from another session's connection. */
function holdsText(page: Page, text: string): Promise<boolean> {
  return page.evaluate(
    (wanted) =>
      window.ws101Session.store.list().some((s) => new TextDecoder().decode(s.frame.payload) === wanted),
    text,
  );
}

async function echoId(page: Page): Promise<number> {
  await expect.poll(() => page.evaluate(() => window.ws101Session.echoConnection)).not.toBeNull();
  return (await page.evaluate(() => window.ws101Session.echoConnection)) as number;
}

async function labelOf(page: Page): Promise<string> {
  return (await page.evaluate(() => window.ws101Session.welcome?.label)) as string;
}

test('the presenter sees a visitor’s frames only after the visitor shares, and not after they stop', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const presenter = await person(browser, 'frame-live', { presenter: true, eventPanel: 'open' });
  const ana = await person(browser, 'frame-live', { eventPanel: 'open' });
  const bo = await person(browser, 'frame-live', { eventPanel: 'open' });
  const anaEcho = await echoId(ana);
  await echoId(bo);
  const anaLabel = await labelOf(ana);
  const boLabel = await labelOf(bo);
  const anaGroup = presenter.locator(`.ws-visitor[data-label="${anaLabel}"]`);
  const boGroup = presenter.locator(`.ws-visitor[data-label="${boLabel}"]`);

  // The visitor's control is there, in words, and off.
  const share = ana.getByRole('checkbox', { name: 'Share my connection with the presenter’s screen' });
  await expect(share).toBeVisible();
  await expect(share).not.toBeChecked();
  await expect(presenter.locator('.ws-share')).toBeHidden();

  // Before consent: the presenter lists both visitors with counts, and nothing of their bytes.
  await expect(presenter.locator('.ws-visitors-title')).toHaveText('Visitors (2)');
  await expect(anaGroup).toContainText('not sharing');
  await expect(anaGroup).toContainText('2 × echo, room'); // its echo socket and its /room socket
  await expect(anaGroup.locator('.ws-visitor-show')).toHaveCount(0);
  await ana.evaluate(() => window.ws101Session.send('before consent'));
  await expect.poll(() => holdsText(ana, 'before consent')).toBe(true);
  expect(await holdsText(presenter, 'before consent')).toBe(false);
  // Not even by asking the server directly: another's connection is answered like one that does not exist.
  const refused = await presenter.evaluate(
    (id) => window.ws101Session.command({ type: 'watch', connection: id }),
    anaEcho,
  );
  expect(refused).toMatchObject({ ok: false, code: 'not-found' });

  // The filter narrows the groups by name.
  const filter = presenter.getByRole('searchbox', { name: 'Filter by name' });
  await filter.fill(anaLabel);
  await expect(boGroup).toHaveCount(0);
  await expect(anaGroup).toHaveCount(1);
  await filter.fill('nobody-by-this-name');
  await expect(presenter.locator('.ws-visitors-empty')).toHaveText('Nobody matches.');
  await filter.fill('');

  // Ana shares: the presenter's list says so at once and offers her connection; showing it brings her frames.
  await share.check();
  await expect(ana.locator('.ws-share-note')).toContainText('Shared: the presenter may put your frames');
  await expect(anaGroup).toHaveAttribute('data-sharing', 'true');
  const show = anaGroup.locator(`.ws-visitor-show[data-connection="${anaEcho}"]`);
  await expect(show).toHaveText(`Show #${anaEcho} echo`);
  await expect(boGroup).toContainText('not sharing');
  if (shotDir) await shots(presenter, ana, 'shared');
  await show.click();
  await expect(show).toHaveAttribute('aria-pressed', 'true');
  await ana.evaluate(() => window.ws101Session.send('hello from Ana, shared'));
  await expect.poll(() => holdsText(presenter, 'hello from Ana, shared')).toBe(true);
  // Her handshake came too (the inspector shows the connection from its first byte), and the panel names her.
  await expect
    .poll(() =>
      presenter.evaluate(
        (id) => window.ws101Session.connection(id)?.handshake.client.head?.startLine ?? '',
        anaEcho,
      ),
    )
    .toMatch(/^GET \/echo/);
  await expect(
    presenter.locator('#ws-event-panel .ws-ev-text', { hasText: 'hello from Ana, shared' }).first(),
  ).toContainText(`conn ${anaEcho} ${anaLabel} ·`);
  if (shotDir) await shots(presenter, ana, 'shown');
  // Bo, never asked, still shows nothing.
  await bo.evaluate(() => window.ws101Session.send('Bo keeps this to himself'));
  await expect.poll(() => holdsText(bo, 'Bo keeps this to himself')).toBe(true);
  expect(await holdsText(presenter, 'Bo keeps this to himself')).toBe(false);

  // Ana stops: her frames leave the presenter's screen at once, and no new one arrives.
  await share.uncheck();
  await expect(anaGroup).toHaveAttribute('data-sharing', 'false');
  await expect.poll(() => holdsText(presenter, 'hello from Ana, shared')).toBe(false);
  expect(await presenter.evaluate((id) => window.ws101Session.connection(id) === undefined, anaEcho)).toBe(
    true,
  );
  await expect(presenter.locator('#ws-event-panel')).not.toContainText('hello from Ana, shared');
  await expect(anaGroup.locator('.ws-visitor-show')).toHaveCount(0);
  await ana.evaluate(() => window.ws101Session.send('after Ana stopped'));
  await expect.poll(() => holdsText(ana, 'after Ana stopped')).toBe(true);
  expect(await holdsText(presenter, 'after Ana stopped')).toBe(false);
  // Her own page still has all of it: stopping hides her from others, not from herself.
  expect(await holdsText(ana, 'hello from Ana, shared')).toBe(true);
  for (const page of [presenter, ana, bo]) await page.context().close();
});

test('the share control is in Chinese on a Chinese page, and the choice survives a reload', async ({
  browser,
}) => {
  const visitor = await person(browser, 'frame-live', { lang: 'zh', eventPanel: 'open' });
  const share = visitor.getByRole('checkbox', { name: '把我的连接共享到演讲者的屏幕' });
  await share.check();
  await expect(visitor.locator('.ws-share-note')).toContainText('已共享');
  await visitor.reload();
  await visitor.waitForFunction(() => window.ws101Session?.status.phase === 'live');
  await expect(visitor.getByRole('checkbox', { name: '把我的连接共享到演讲者的屏幕' })).toBeChecked();
  await visitor.getByRole('checkbox', { name: '把我的连接共享到演讲者的屏幕' }).uncheck();
  await expect(visitor.locator('.ws-share-note')).toContainText('未共享');
  await visitor.context().close();
});

/** For looking at (CONSENT_SHOTS=folder): both screens, and the smallest text in the room panel. */
async function shots(presenter: Page, visitor: Page, name: string): Promise<void> {
  for (const [who, page] of [
    ['presenter', presenter],
    ['visitor', visitor],
  ] as const) {
    await page.screenshot({ path: `${shotDir}/${name}-${who}.png` });
    const smallest = await page.evaluate(() => {
      const sizes = [...document.querySelectorAll<HTMLElement>('.ws-room *')]
        .filter((el) => el.offsetParent !== null && el.textContent?.trim())
        .map((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      return Math.min(...sizes);
    });
    console.log(`${name} ${who}: smallest room text ${smallest}px`);
  }
}
