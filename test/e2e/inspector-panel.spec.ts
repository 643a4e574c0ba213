import { expect, test } from './fixtures.ts';
import { openLive, pickFrame, revealIndices, waitForFrame } from './inspectorHelpers.ts';

/** The event panel, the handshake explorer and the session's offline and reconnect behaviour. */
test.describe('the event panel beside the slides', () => {
  test('RFC 6455 §5.5.2: a server ping shows the browser’s pong and the round-trip time', async ({
    page,
  }) => {
    await openLive(page, 'ping-live');
    const reply = await page.evaluate(() =>
      window.ws101Session.command({
        type: 'lab.ping',
        connection: window.ws101Session.echoConnection!,
        text: 'ws101',
      }),
    );
    expect(reply.ok).toBe(true);
    const panel = page.locator('#ws-event-panel');
    await expect(panel.locator('.ws-ev-item.kind-ping').last()).toContainText('ws101');
    await expect(panel.locator('.ws-ev-item.kind-pong').last()).toContainText('ws101');
    await expect(panel.locator('.ws-ev-item.kind-rtt').last()).toContainText(/round trip \d+(\.\d)? ms/);
    // The pong is a client frame: masked, opcode 0xA, carrying the ping's payload back.
    const pong = await waitForFrame(page, { direction: 'client', opcode: 0xa });
    const masked = await page.evaluate((seq) => window.ws101Session.store.find(seq)!.frame.masked, pong);
    expect(masked).toBe(true);
  });

  test('RFC 6455 §7: a close with 4000 "bye" shows the code, the reason, who started and the clean flag', async ({
    page,
  }) => {
    await openLive(page, 'frame-live');
    const reply = await page.evaluate(() =>
      window.ws101Session.command({
        type: 'lab.close',
        connection: window.ws101Session.echoConnection!,
        code: 4000,
        reason: 'bye',
      }),
    );
    expect(reply.ok).toBe(true);
    const closed = page.locator('#ws-event-panel .ws-ev-item.kind-closed').last();
    await expect(closed).toContainText('4000');
    await expect(closed).toContainText('“bye”');
    await expect(closed).toContainText('clean');
    await expect(closed).toContainText('started by server');
    const seq = await waitForFrame(page, { direction: 'server', opcode: 8 });
    await pickFrame(page, seq);
    await expect(page.locator('.ws-inspector .ws-close-code')).toHaveText('4000');
    await expect(page.locator('.ws-inspector .ws-close-reason')).toHaveText('“bye”');
    // Clicking the close frame's entry in the panel opens that frame.
    await page.locator('.ws-side-tab').click();
    await page.locator('#ws-event-panel .ws-ev-item.kind-close-frame button').first().click();
    await expect(page.locator('.ws-inspector .ws-frame-summary')).toContainText('close (0x8)');
  });

  test('clicking an event opens its frame, in a dialog when the slide has no inspector', async ({ page }) => {
    await openLive(page, 'frames');
    await page.evaluate(() => window.ws101Session.send('open me'));
    const seq = await waitForFrame(page, { direction: 'server', opcode: 1 });
    // The list is newest first in the DOM (it is laid out bottom-up): the echo is the first message entry
    // that says "open me" (the page's /room socket has text frames of its own).
    await page.locator('.ws-side-tab').click();
    await page
      .locator('#ws-event-panel .ws-ev-item.kind-message', { hasText: 'open me' })
      .locator('button')
      .first()
      .click();
    const dialog = page.locator('dialog.ws-frame-dialog');
    await expect(dialog.locator('.ws-frame-summary')).toContainText(`#${seq} `);
    await expect(dialog.locator('pre.ws-text')).toHaveText('open me');
    const before = await revealIndices(page);
    await page.keyboard.press('ArrowRight');
    expect(await revealIndices(page)).toEqual(before);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });

  test('the panel starts closed, slides in over the slide with E or its tab, and stays toggled after a reload', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/?lang=en#/frames');
    const panel = page.locator('#ws-event-panel');
    const tab = page.locator('.ws-side-tab');
    const scale = () => page.evaluate(() => window.ws101Reveal.getScale());
    await expect(tab).toBeVisible();
    await expect(panel).toBeHidden();
    const closedScale = await scale();
    expect(closedScale).toBeGreaterThan(0.9);
    await page.keyboard.press('e');
    await expect(panel).toBeVisible();
    // The panel floats over the slide: the slide keeps its size.
    expect(await scale()).toBe(closedScale);
    await page.reload();
    await expect(panel).toBeVisible();
    await page.keyboard.press('e');
    await expect(panel).toBeHidden();
    await page.reload();
    await expect(panel).toBeHidden();
    await tab.click();
    await expect(panel).toBeVisible();
    // Blackout covers the panel and the toolbar too.
    await page.locator('body').click({ position: { x: 300, y: 300 } });
    await page.keyboard.press('b');
    await expect(panel).toBeHidden();
    await expect(page.locator('.deck-toolbar')).toBeHidden();
    await page.keyboard.press('b');
    await expect(panel).toBeVisible();
  });
});

test.describe('RFC 6455 §4: the handshake explorer', () => {
  test('shows the real request and 101, and computes the same accept value as the server’s bytes', async ({
    page,
  }) => {
    await openLive(page, 'handshake-live');
    const widget = page.locator('.ws-handshake');
    await expect(widget.locator('.ws-hs-line').first()).toContainText('GET /echo?ticket=');
    await expect(widget.locator('[data-header="sec-websocket-key"]')).toBeVisible();
    const serverAccept = await page.evaluate(() => {
      const session = window.ws101Session;
      const bytes = session.connection(session.echoConnection!)!.handshake.server.bytes;
      const head = new TextDecoder().decode(bytes);
      return /Sec-WebSocket-Accept: (\S+)\r\n/i.exec(head)?.[1] ?? null;
    });
    expect(serverAccept).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    await expect(widget.locator('.ws-accept-value')).toHaveText(serverAccept!);
    await expect(widget.locator('.ws-accept-check')).toContainText('matches');
    await widget.getByRole('button', { name: 'Response (server → browser)' }).click();
    await expect(widget.locator('.ws-hs-line').first()).toContainText('HTTP/1.1 101 Switching Protocols');
    await widget.locator('[data-header="sec-websocket-accept"]').click();
    await expect(widget.locator('.ws-hs-note')).toContainText('base64(SHA-1(key + GUID))');
  });
});

test.describe('without a server, and when it comes back', () => {
  test('no server: a clear banner; paste hex and the accept-key calculator still work', async ({ page }) => {
    await page.routeWebSocket(/\/(inspect|echo)/, (socket) => socket.close());
    await page.goto('/?lang=en#/accept-try');
    const banner = page.locator('.ws-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('No server');
    const calculator = page.locator('.ws-accept-widget');
    await calculator.locator('.ws-accept-input').fill('dGhlIHNhbXBsZSBub25jZQ==');
    await expect(calculator.locator('.ws-accept-value')).toHaveText('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    await page.goto('/?lang=en#/frame-live');
    const inspector = page.locator('.ws-inspector');
    await inspector.getByRole('button', { name: 'Paste hex' }).click();
    await expect(inspector.locator('pre.ws-text')).toHaveText('Hello');
  });

  test('the server goes away: the page says so, reconnects with backoff, and says that too', async ({
    page,
  }) => {
    let connections = 0;
    let drop: (() => void) | null = null;
    await page.routeWebSocket(/\/inspect/, (socket) => {
      connections++;
      const server = socket.connectToServer();
      drop = () => {
        server.close();
        socket.close();
      };
    });
    await openLive(page, 'frames');
    expect(connections).toBe(1);
    drop!();
    const banner = page.locator('.ws-banner');
    await expect(banner).toContainText('reconnecting');
    await expect(page.locator('#ws-event-panel .ws-ev-phase')).toHaveText(/reconnecting/);
    await expect(banner).toContainText('Reconnected', { timeout: 10_000 });
    expect(connections).toBe(2);
    await expect(page.locator('#ws-event-panel .ws-ev-phase')).toHaveText('Live');
  });
});
