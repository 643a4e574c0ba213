import { expect, test } from './fixtures.ts';
import { openLive } from './inspectorHelpers.ts';

test.describe('the server libraries, side by side', () => {
  test('one message goes through ws, WebSocket-Node and socket.io; each column shows its frames from the tap', async ({
    page,
  }) => {
    await openLive(page, 'library-wire');
    const widget = page.locator('section#library-wire .ws-lib-compare');
    await expect(widget.locator('.ws-lib-column[data-library="socket.io"] .ws-lib-state')).toHaveText(/open/);
    await expect(widget.locator('.ws-lib-column[data-library="wsnode"] .ws-lib-state')).toHaveText(/open/);
    await widget.locator('input').fill('howdy');
    await widget.getByRole('button').click();

    // ws and WebSocket-Node: the same bytes, a masked 11-byte frame up and a 7-byte frame back.
    for (const library of ['ws', 'wsnode']) {
      const column = widget.locator(`.ws-lib-column[data-library="${library}"]`);
      await expect(column.locator('.ws-lib-client').last()).toContainText('11 B');
      await expect(column.locator('.ws-lib-server').last()).toContainText('7 B');
      await expect(column.locator('.ws-lib-server .ws-lib-payload').last()).toHaveText('howdy');
    }
    // socket.io: its two layers decoded on top of the text frame.
    const socketIo = widget.locator('.ws-lib-column[data-library="socket.io"]');
    await expect(socketIo.locator('.ws-lib-server .ws-lib-payload').last()).toHaveText('42["echo","howdy"]');
    await expect(socketIo.locator('.ws-lib-server .ws-lib-layers').last()).toContainText(
      'EIO 4 message › SIO 2 event "echo" ["howdy"]',
    );

    // A polling request answered is HTTP: the event panel does not call it an unclean WebSocket close.
    await page.locator('.ws-side-tab').click(); // the event panel starts closed
    await expect(page.getByText(/HTTP request answered/).first()).toBeVisible();

    // The table, measured from the decoded frames, not typed.
    const cells = (library: string) => widget.locator(`.ws-lib-table tr[data-library="${library}"] td`);
    await expect(cells('ws').nth(0)).toHaveText('11 B (5 B)');
    await expect(cells('ws').nth(1)).toHaveText('7 B (5 B)');
    await expect(cells('wsnode').nth(0)).toHaveText('11 B (5 B)');
    await expect(cells('socket.io').nth(0)).toHaveText('24 B (18 B)');
    await expect(cells('socket.io').nth(1)).toHaveText('20 B (18 B)');
    // Every figure comes from frames the page decoded from the tap's bytes.
    const decoded = await page.evaluate(() => {
      const out: string[] = [];
      const store = window.ws101Session.store;
      for (let i = 0; i < store.size; i++) {
        const stored = store.at(i)!;
        const text = new TextDecoder().decode(stored.frame.payload);
        if (text.includes('howdy')) out.push(`${stored.direction} ${text}`);
      }
      return out;
    });
    expect(decoded).toEqual(
      expect.arrayContaining([
        'client howdy',
        'server howdy',
        'client 42["echo","howdy"]',
        'server 42["echo","howdy"]',
      ]),
    );
  });

  test('the handshakes, header by header: WebSocket-Node answers with Origin, socket.io names EIO and sid', async ({
    page,
  }) => {
    await openLive(page, 'library-handshakes');
    const widget = page.locator('section#library-handshakes .ws-lib-handshakes');
    const wsnode = widget.locator('.ws-lib-column[data-library="wsnode"]');
    await expect(wsnode.locator('.ws-lib-odd')).toContainText('Origin: http://127.0.0.1');
    const socketIo = widget.locator('.ws-lib-column[data-library="socket.io"]');
    await expect(socketIo.locator('.ws-lib-odd').first()).toHaveText('EIO=4');
    await expect(socketIo).toContainText('transport=websocket');
    await expect(socketIo).toContainText('sid=');
  });

  test('the seed’s code runs beside it: its reply and its console.log lines', async ({ page }) => {
    await openLive(page, 'server-code-live');
    const widget = page.locator('section#server-code-live .ws-seed');
    await expect(widget).toContainText('(open)');
    await widget.getByRole('button').click();
    await expect(widget.locator('.ws-lib-server .ws-lib-payload').last()).toHaveText('some message');
    await expect(widget.locator('.ws-seed-log')).toContainText('Connection accepted.');
  });
});
