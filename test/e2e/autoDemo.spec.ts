import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openLive } from './inspectorHelpers.ts';

/**
 * No live slide is ever empty: untouched, each widget runs a real exchange with the server by itself,
 * marked "demo", and the viewer's first touch stops it. What each asserts is what crossed the wire: rows
 * drawn from the tap's records, and the same frames found in the session's store.
 */

/** Text frames of one of this page's sockets (by its `pageSocket` name) whose payload contains `text`. */
function tappedTextFrames(page: Page, socket: string, direction: 'client' | 'server', text: string) {
  return page.evaluate(
    ({ socket, direction, text }) => {
      const session = window.ws101Session;
      const decoder = new TextDecoder();
      return session.store
        .list('all')
        .filter(
          (stored) =>
            session.connection(stored.connection)?.info?.pageSocket === socket &&
            stored.direction === direction &&
            stored.frame.opcode === 1 &&
            decoder.decode(stored.frame.payload).includes(text),
        ).length;
    },
    { socket, direction, text },
  );
}

async function expectDemoMarked(widget: Locator): Promise<void> {
  await expect(widget).toHaveAttribute('data-demo', /running|done/);
  await expect(widget.locator('.ws-demo-badge')).toBeVisible();
}

async function expectStoppedByTouch(widget: Locator, touch: Locator): Promise<void> {
  await touch.click();
  await expect(widget).toHaveAttribute('data-demo', 'stopped');
  await expect(widget.locator('.ws-demo-badge')).toHaveCount(0);
}

test.describe('every live slide shows a real exchange by itself, marked as a demo', () => {
  test('"Send anything": its text sent and echoed, the two frames from the tap', async ({ page }) => {
    await openLive(page, 'composer');
    const widget = page.locator('.ws-composer-full');
    await expectDemoMarked(widget);
    const tail = widget.locator('.ws-wire-tail');
    await expect(tail.locator('.ws-lib-client .ws-lib-payload')).toHaveText('Hello, 你好');
    await expect(tail.locator('.ws-lib-server .ws-lib-payload')).toHaveText('Hello, 你好');
    expect(await tappedTextFrames(page, 'echo', 'client', 'Hello, 你好')).toBe(1);
    expect(await tappedTextFrames(page, 'echo', 'server', 'Hello, 你好')).toBe(1);
    await expectStoppedByTouch(widget, widget.locator('input[type="text"]').first());
  });

  test('"One message, three libraries": "hello" through ws, WebSocket-Node and socket.io', async ({
    page,
  }) => {
    await openLive(page, 'library-wire');
    const widget = page.locator('.ws-lib-compare');
    await expectDemoMarked(widget);
    // The echoed "hello" of each library, from the tap; on screen, socket.io's layers name it (the demo
    // waits for socket.io's upgrade, so the message crosses its WebSocket and is not pushed off the newest
    // rows by the upgrade's polling exchanges; the ws and WebSocket-Node columns keep their newest rows,
    // where the server's heartbeat may already sit).
    await expect(widget.locator('.ws-lib-column[data-library="socket.io"] .ws-lib-sio')).toContainText([
      '"hello"',
    ]);
    await expect.poll(() => tappedTextFrames(page, 'socket.io', 'server', '42["echo","hello"]')).toBe(1);
    await expect(widget.locator('.ws-lib-column[data-library="socket.io"] h3')).toHaveText(
      'socket.io (open · WebSocket)',
    );
    // Both ways on screen, the sent frame above its echo: the column's height holds two of socket.io's rows.
    await expect(widget.locator('.ws-lib-column[data-library="socket.io"] .ws-lib-payload')).toHaveText([
      '42["echo","hello"]',
      '42["echo","hello"]',
    ]);
    await expect(
      widget.locator('.ws-lib-column[data-library="socket.io"] .ws-lib-client .ws-lib-payload'),
    ).toHaveText('42["echo","hello"]');
    await expect.poll(() => tappedTextFrames(page, 'ws', 'server', 'hello')).toBe(1);
    await expect.poll(() => tappedTextFrames(page, 'wsnode', 'server', 'hello')).toBe(1);
    await expectStoppedByTouch(widget, widget.locator('.ws-lib-input'));
  });

  test('the seed server’s live slide: its reply "some message" and its log lines', async ({ page }) => {
    await openLive(page, 'server-code-live');
    const widget = page.locator('.ws-seed');
    await expectDemoMarked(widget);
    await expect(widget.locator('.ws-lib-server .ws-lib-payload').last()).toHaveText('some message');
    await expect(widget.locator('.ws-seed-log li').first()).toBeVisible();
    expect(await tappedTextFrames(page, 'seed', 'server', 'some message')).toBe(1);
    await expectStoppedByTouch(widget, widget.locator('.ws-lib-input'));
  });

  test('the conformance slide runs one quick category on both endpoints', async ({ page }) => {
    await openLive(page, 'conformance');
    const widget = page.locator('.ws-conform');
    await expectDemoMarked(widget);
    await expect(widget.locator('.ws-conform-category')).toHaveValue('3');
    const cases = widget.locator('.ws-conform-case-button');
    await expect(cases.first()).toBeVisible();
    const count = await cases.count();
    expect(count).toBeGreaterThan(0);
    // Every case of the category gets a result from each endpoint (no "·" left once the run is done).
    await expect(widget).toHaveAttribute('data-demo', 'done', { timeout: 30_000 });
    await expect(widget.locator('.ws-conform-case-button .ws-conform-badge', { hasText: '·' })).toHaveCount(
      0,
    );
    await expectStoppedByTouch(widget, widget.locator('.ws-conform-category'));
  });

  test('the frame lab runs one experiment: the bytes, and what the receiver did', async ({ page }) => {
    await openLive(page, 'lab');
    const widget = page.locator('.ws-lab');
    await expectDemoMarked(widget);
    const outcome = widget.locator('.ws-lab-outcome');
    await expect(outcome).toHaveCount(1);
    // A ping between the fragments of a message: one message delivered, no close, as Chromium was measured.
    const run = JSON.parse((await outcome.getAttribute('data-run')) ?? '{}') as {
      experiment: string;
      seen: { delivers: boolean; closeFrame: unknown } | null;
    };
    expect(run.experiment).toBe('ping-between-fragments');
    expect(run.seen).toMatchObject({ delivers: true, closeFrame: 'none' });
    await expect(outcome).toHaveAttribute('data-matches', 'true');
    await expectStoppedByTouch(widget, widget.locator('.ws-lab-item').nth(1));
  });

  test('the terminal types a command and shows its frames', async ({ page }) => {
    await openLive(page, 'terminal');
    const widget = page.locator('.ws-terminal');
    await expectDemoMarked(widget);
    await expect(widget.locator('.xterm-rows')).toContainText('ws101> hello');
    await expect.poll(() => tappedTextFrames(page, 'echo', 'server', 'hello')).toBe(1);
    await expect(widget.locator('.xterm-rows')).toContainText('← text');
    await expectStoppedByTouch(widget, widget);
    await page.keyboard.type('mine');
    await expect(widget.locator('.xterm-rows')).toContainText('ws101> mine');
  });

  test('the chat shows its own socket’s exchange, and posts nothing to the room', async ({ page }) => {
    await page.goto('/?lang=en#/chat');
    const widget = page.locator('.ws-chat');
    await expect(widget).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
    await expectDemoMarked(widget);
    await expect(widget.locator('.ws-chat-wire .ws-lib-server .ws-lib-payload')).toContainText([
      '"type":"history"',
    ]);
    expect(await tappedTextFrames(page, 'chat', 'client', '"message"')).toBe(0);
    await expectStoppedByTouch(widget, widget.locator('.ws-chat-text'));
  });
});

test('with no server (a static copy), a live slide shows its captured example and runs no demo', async ({
  page,
}) => {
  // The page's /inspect socket never opens: the session never connects, as in a copy with no server.
  await page.routeWebSocket(/\/inspect/, (socket) => socket.close());
  await page.goto('/?lang=en#/composer');
  await page.waitForFunction(() => window.ws101Session?.status.phase === 'offline');
  const placeholder = page.locator('#composer [data-widget="composer"]');
  await expect(placeholder).toHaveClass(/widget-offline/);
  await expect(placeholder.locator('pre')).toBeVisible();
  await expect(placeholder.locator('pre')).toContainText('Hello, 你好');
  await expect(placeholder.locator('.widget-host')).toBeHidden();
  await expect(page.locator('.ws-demo-badge')).toHaveCount(0);
});
