import { expect, type Page } from '@playwright/test';
import type { LiveSession } from '../../src/session/index.ts';

declare global {
  interface Window {
    ws101Session: LiveSession;
  }
}

type RevealApi = { getIndices(): { h: number; v?: number; f?: number }; isOverview(): boolean };

/** reveal.js as the deck exposes it (typed here, not globally: the deck's own spec declares it too). */
export function revealIndices(page: Page): Promise<{ h: number; v?: number; f?: number }> {
  return page.evaluate(() => (window as unknown as { ws101Reveal: RevealApi }).ws101Reveal.getIndices());
}

export function revealOverview(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { ws101Reveal: RevealApi }).ws101Reveal.isOverview());
}

/** Opens a slide in English and waits until the page's session is live and its echo socket is known. */
export async function openLive(page: Page, slide: string): Promise<void> {
  await page.goto(`/?lang=en#/${slide}`);
  await page.waitForFunction(
    () => window.ws101Session?.status.phase === 'live' && window.ws101Session.echoConnection !== null,
  );
}

/**
 * Waits for a frame of the page's echo socket in the session's store matching the test, and returns its seq.
 * Only the echo socket's: the page's other sockets (its /room, say) carry text frames of their own.
 */
export async function waitForFrame(
  page: Page,
  test: { direction: 'client' | 'server'; opcode: number; minLength?: number; after?: number },
): Promise<number> {
  const handle = await page.waitForFunction((wanted) => {
    const { store, echoConnection } = window.ws101Session;
    for (let i = store.size - 1; i >= 0; i--) {
      const stored = store.at(i)!;
      if (stored.seq <= (wanted.after ?? 0)) break;
      if (
        stored.connection === echoConnection &&
        stored.direction === wanted.direction &&
        stored.frame.opcode === wanted.opcode &&
        stored.frame.payloadLength >= (wanted.minLength ?? 0)
      ) {
        return stored.seq;
      }
    }
    return 0;
  }, test);
  return (await handle.jsonValue()) as number;
}

/** Picks a frame in the inspector's list (scrolling it into view through the keyboard-free path). */
export async function pickFrame(page: Page, seq: number): Promise<void> {
  await page.evaluate((s) => window.ws101Session.focusFrame(s), seq);
  await expect(page.locator('.ws-frame-summary')).toContainText(`#${seq} `);
}
