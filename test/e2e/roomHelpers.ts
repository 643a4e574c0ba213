import { type Browser, expect, type Page } from '@playwright/test';
import './inspectorHelpers.ts';

/** The token playwright.config.ts starts the server with. */
export const presenterToken = 'e2e-presenter-token';

/**
 * One person of the room, in a browser context of their own (own session, own storage), on a slide,
 * once the page's session is live. `presenter` opens it with the presenter's token.
 */
export async function person(
  browser: Browser,
  slide: string,
  options: { lang?: 'en' | 'zh'; presenter?: boolean; eventPanel?: 'open' } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  // The event panel starts closed (the presenting layout); a test of what is in it opens it, as a person would.
  if (options.eventPanel) await page.addInitScript(() => localStorage.setItem('ws101.eventPanel', 'open'));
  const presenter = options.presenter ? `&presenter=${presenterToken}` : '';
  await page.goto(`/?lang=${options.lang ?? 'en'}${presenter}#/${slide}`);
  // The machine is shared: a page may take seconds to load and connect.
  await page.waitForFunction(() => window.ws101Session?.status.phase === 'live', null, { timeout: 30_000 });
  if (options.presenter)
    expect(await page.evaluate(() => window.ws101Session.welcome?.role)).toBe('presenter');
  return page;
}
