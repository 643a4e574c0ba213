import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openLive, revealIndices, revealOverview, waitForFrame } from './inspectorHelpers.ts';

/** The server pings the page's echo connection now (a heartbeat on demand). */
async function serverPing(page: Page, text: string): Promise<void> {
  const reply = await page.evaluate(
    (payload) =>
      window.ws101Session.command({
        type: 'lab.ping',
        connection: window.ws101Session.echoConnection!,
        text: payload,
      }),
    text,
  );
  expect(reply.ok).toBe(true);
}

test.describe('"A real frame" shows the frame its slide promises', () => {
  test('the RFC’s masked "Hello" first, even when pongs cross the wire; ▶ switches to the live frames', async ({
    page,
  }) => {
    await openLive(page, 'frame-live');
    const inspector = page.locator('.ws-inspector');
    await expect(inspector.locator('.ws-frame-summary')).toContainText('RFC 6455 §5.7 example');
    await serverPing(page, 'heartbeat');
    await waitForFrame(page, { direction: 'client', opcode: 0xa });
    await page.waitForTimeout(300);
    const summary = inspector.locator('.ws-frame-summary');
    await expect(summary).toContainText('RFC 6455 §5.7 example');
    await expect(summary).toContainText('client → server');
    await expect(inspector.locator('pre.ws-text')).toHaveText('Hello');
    const keyBits = (await inspector.locator('.ws-grid [data-field="maskingKey"] .b').allTextContents()).join(
      '',
    );
    expect(keyBits).toBe([0x37, 0xfa, 0x21, 0x3d].map((b) => b.toString(2).padStart(8, '0')).join(''));

    await inspector.locator('.ws-send-text').fill('live one');
    await inspector.locator('.ws-send').click();
    await waitForFrame(page, { direction: 'server', opcode: 1 });
    await expect(summary).not.toContainText('RFC 6455 §5.7 example');
    await expect(inspector.locator('pre.ws-text')).toHaveText('live one');
  });
});

test.describe('RFC 6455 §5.4: one message in three fragments, a ping between them', () => {
  test('the server writes the slide’s bytes; the page gets one message, and answers the ping at once', async ({
    page,
  }) => {
    await openLive(page, 'three-fragments');
    const composer = page.locator('.ws-composer');
    await composer.getByRole('button', { name: 'Server, send these frames' }).click();
    await expect(composer.locator('.ws-composer-status')).toHaveText(
      'this page’s onmessage ran: 1 × "WebSocket"',
    );
    const panel = page.locator('#ws-event-panel');
    const message = panel.locator('.ws-ev-item.kind-message', { hasText: '“WebSocket”' });
    await expect(message).toContainText('3 frames');
    await expect(panel.locator('.ws-ev-item.kind-pong', { hasText: '“hi”' })).toContainText(
      'client → server',
    );
  });
});

test.describe('RFC 6455 §7.4.1: 1005 and 1006 are reported by the API, never sent', () => {
  test('an empty close frame reads as 1005; a frame the browser rejects ends as 1006, not clean', async ({
    page,
  }) => {
    await openLive(page, 'close-api');
    const [empty, reserved] = [page.locator('.ws-composer').nth(0), page.locator('.ws-composer').nth(1)];
    // Clicked as a script or a room replay clicks: no focus moves, the click alone says which box asked.
    await empty.getByRole('button', { name: 'Server sends 88 00' }).dispatchEvent('click');
    await expect(empty.locator('.ws-composer-status')).toContainText('1005 "" · wasClean true');
    await page.waitForFunction(() => window.ws101Session.echoState === 'open');
    await reserved.getByRole('button', { name: 'Server sends opcode 0x3' }).dispatchEvent('click');
    await expect(reserved.locator('.ws-composer-status')).toContainText('1006 "" · wasClean false');
    // Each box keeps the close its own button caused.
    await expect(empty.locator('.ws-composer-status')).toContainText('1005 "" · wasClean true');
  });
});

test.describe('a frame cut short says what its header and payload still need', () => {
  test('pasted "81 85 37": the header needs 3 more bytes and the payload 5, in both languages', async ({
    page,
  }) => {
    for (const [lang, expected] of [
      ['en', '3 bytes left over, a frame cut short: the header needs 3 bytes more, the payload 5 bytes more'],
      ['zh', '剩余 3 字节，是一个不完整的帧：帧头还差 3 字节，负载还差 5 字节'],
    ] as const) {
      await page.goto(`/?lang=${lang}#/frame-live`);
      const inspector = page.locator('.ws-inspector');
      await inspector.locator('.ws-tabs button').nth(1).click();
      await inspector.locator('.ws-paste-input').fill('81 85 37');
      await expect(inspector.locator('.ws-paste-message')).toContainText(expected);
    }
  });
});

test.describe('the closing handshake slide', () => {
  test('its widget starts with the code and reason of its diagram, and closes with them', async ({
    page,
  }) => {
    await page.goto('/?lang=zh#/close-handshake');
    const zhComposer = page.locator('.ws-composer');
    // The widget mounts once the deck's code has loaded: seconds on a loaded 2-core machine.
    await expect(zhComposer.locator('input[type="number"]')).toHaveValue('1000', { timeout: 30_000 });
    await expect(zhComposer.locator('input[type="text"]')).toHaveValue('再见');
    await expect(page.locator('#close-handshake svg.sequence')).toContainText('1000 "再见"');

    await openLive(page, 'close-handshake');
    const composer = page.locator('.ws-composer');
    await expect(composer.locator('input[type="number"]')).toHaveValue('1000');
    await expect(composer.locator('input[type="text"]')).toHaveValue('bye');
    await expect(page.locator('#close-handshake svg.sequence')).toContainText('1000 "bye"');
    await composer.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(composer.locator('.ws-composer-status')).toContainText('1000 "bye" · wasClean true');
  });
});

test.describe('the event panel says who sent what, and whether the close was clean', () => {
  test('a server ping reads "server → client"; a closed connection says which close frames went', async ({
    page,
  }) => {
    await openLive(page, 'frame-live');
    await serverPing(page, 'who');
    const panel = page.locator('#ws-event-panel');
    await expect(panel.locator('.ws-ev-item.kind-ping', { hasText: '“who”' })).toContainText(
      'server → client',
    );
    await expect(panel.locator('.ws-ev-item.kind-pong', { hasText: '“who”' })).toContainText(
      'client → server',
    );
    await page.evaluate(() => window.ws101Session.closeEcho(1000, 'done'));
    const closed = panel.locator('.ws-ev-item.kind-closed', { hasText: '“done”' });
    await expect(closed).toContainText('close frames both ways: a clean close');
    await expect(closed).toContainText('started by client');
    await expect(closed).toContainText('the server’s code 1000');
  });
});

test.describe('the terminal gives the keyboard back', () => {
  test('untouched, it types a short session of real commands; a click stops it', async ({ page }) => {
    await openLive(page, 'terminal');
    const terminal = page.locator('.ws-terminal');
    await expect(terminal).toHaveAttribute('data-demo', 'running');
    // The demonstration's "hello" is a real frame, sent and echoed.
    await waitForFrame(page, { direction: 'client', opcode: 1 });
    await waitForFrame(page, { direction: 'server', opcode: 1 });
    await expect(terminal.locator('.xterm-rows')).toContainText('ws101> hello');
    await terminal.click();
    await expect(terminal).toHaveAttribute('data-demo', 'stopped');
    await page.keyboard.type('mine');
    await expect(terminal.locator('.xterm-rows')).toContainText('ws101> mine');
  });

  test('Esc leaves it; then n, Space and the clicker’s PageDown/PageUp drive the deck', async ({ page }) => {
    await openLive(page, 'terminal');
    const terminal = page.locator('.ws-terminal');
    await expect(terminal.locator('.xterm')).toBeVisible();
    await terminal.click();
    const start = await revealIndices(page);
    await page.keyboard.type('n p ');
    expect(await revealIndices(page)).toEqual(start);
    await page.keyboard.press('Escape');
    expect(await revealOverview(page)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.closest('.ws-terminal') ?? null)).toBeNull();
    // Through reveal.js itself: a hash written now could race with the one reveal.js writes after a move.
    const backToTerminal = async () => {
      await page.evaluate(
        ({ h, v }) =>
          (window as unknown as { ws101Reveal: { slide(h: number, v?: number): void } }).ws101Reveal.slide(
            h,
            v,
          ),
        start,
      );
      await expect(terminal.locator('.xterm')).toBeVisible();
    };
    for (const key of ['n', 'Space', 'PageDown']) {
      await backToTerminal();
      const before = await revealIndices(page);
      await page.keyboard.press(key);
      await expect.poll(() => revealIndices(page), { message: key }).not.toEqual(before);
    }
    // A clicker has no Esc: PageUp/PageDown move the deck even while the terminal has the keyboard.
    await backToTerminal();
    await terminal.click();
    const focused = await revealIndices(page);
    await page.keyboard.press('PageUp');
    await expect.poll(() => revealIndices(page)).not.toEqual(focused);
  });
});
