import { expect, test } from './fixtures.ts';
import { openLive, pickFrame, revealIndices, revealOverview, waitForFrame } from './inspectorHelpers.ts';

/**
 * The frame inspector against the real server: every frame checked here was decoded in the page from the
 * server's tap records (never from a `message` event).
 */
test.describe('RFC 6455 §5.3: a text frame from the page, masked, and its unmasked echo', () => {
  test('shows MASK=1 with the key that is in the bytes, then the server echo with MASK=0', async ({
    page,
  }) => {
    await openLive(page, 'frame-live');
    const inspector = page.locator('.ws-inspector');
    await inspector.locator('.ws-send-text').fill('Hello WebSocket');
    await inspector.locator('.ws-send').click();
    const clientSeq = await waitForFrame(page, { direction: 'client', opcode: 1 });
    const serverSeq = await waitForFrame(page, { direction: 'server', opcode: 1, after: clientSeq });

    await pickFrame(page, clientSeq);
    const grid = inspector.locator('.ws-grid');
    await expect(grid.locator('[data-field="MASK"] .b')).toHaveText('1');
    // The key in the grid is the key in the header bytes the tap recorded.
    const wireKey = await page.evaluate((seq) => {
      const frame = window.ws101Session.store.find(seq)!.frame;
      return [...frame.headerBytes.subarray(2, 6)].map((b) => b.toString(2).padStart(8, '0')).join('');
    }, clientSeq);
    const keyBits = (await grid.locator('[data-field="maskingKey"] .b').allTextContents()).join('');
    expect(keyBits).toBe(wireKey);
    // Byte by byte: wire ⊕ key = "H", "e", …
    const table = inspector.locator('table.ws-unmask');
    await expect(table.locator('tr.ws-char-row td').first()).toHaveText('H');
    const firstWire = await table.locator('tbody tr').nth(0).locator('td').first().textContent();
    const firstKey = await table.locator('tbody tr').nth(1).locator('td').first().textContent();
    expect(Number.parseInt(firstWire!, 16) ^ Number.parseInt(firstKey!, 16)).toBe('H'.charCodeAt(0));
    await expect(inspector.locator('pre.ws-text')).toHaveText('Hello WebSocket');

    await pickFrame(page, serverSeq);
    await expect(grid.locator('[data-field="MASK"] .b')).toHaveText('0');
    await expect(grid.locator('[data-field="maskingKey"]')).toHaveCount(0);
    await expect(table).toHaveCount(0);
    await expect(inspector.locator('pre.ws-text')).toHaveText('Hello WebSocket');
  });

  test('a CJK text shows its UTF-8 bytes', async ({ page }) => {
    await openLive(page, 'frame-live');
    await page.evaluate(() => window.ws101Session.send('你好'));
    const seq = await waitForFrame(page, { direction: 'server', opcode: 1 });
    await pickFrame(page, seq);
    const chips = page.locator('.ws-inspector .ws-chip');
    await expect(chips.nth(0)).toContainText('你');
    await expect(chips.nth(0).locator('.ws-chip-bytes')).toHaveText('e4 bd a0');
    await expect(chips.nth(1).locator('.ws-chip-bytes')).toHaveText('e5 a5 bd');
    await expect(page.locator('.ws-grid [data-field="payloadLength"] .b')).toHaveText([
      '0',
      '0',
      '0',
      '0',
      '1',
      '1',
      '0',
    ]);
  });

  test('a 70,000-byte binary message shows a 64-bit length, and its payload renders lazily', async ({
    page,
  }) => {
    await openLive(page, 'frame-live');
    await page.evaluate(() => window.ws101Session.send(new Uint8Array(70_000).map((_, i) => i & 0xff)));
    const seq = await waitForFrame(page, { direction: 'server', opcode: 2, minLength: 70_000 });
    await pickFrame(page, seq);
    const grid = page.locator('.ws-grid');
    await expect(grid.locator('[data-field="payloadLength"] .b')).toHaveText([
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
    ]);
    await expect(grid.locator('[data-field="extendedPayloadLength"] .b')).toHaveCount(64);
    const bits = (await grid.locator('[data-field="extendedPayloadLength"] .b').allTextContents()).join('');
    expect(Number.parseInt(bits, 2)).toBe(70_000);
    await page.locator('.ws-inspector .ws-show-all button').last().click();
    // 4,375 rows of 16 bytes, but only a screenful is in the DOM.
    const rows = await page.locator('.ws-inspector .ws-all-bytes .ws-hex-row').count();
    expect(rows).toBeGreaterThan(4);
    expect(rows).toBeLessThan(60);
  });

  test('RFC 7692: a deflate connection shows RSV1 and the inflated text, with context takeover', async ({
    page,
  }) => {
    await openLive(page, 'frame-live');
    const before = await page.evaluate(() => window.ws101Session.echoConnection);
    await page.evaluate(() => window.ws101Session.reopenEcho({ deflate: true }));
    await page.waitForFunction(
      (old) => window.ws101Session.echoConnection !== old && window.ws101Session.echoState === 'open',
      before,
    );
    const text = 'compress me, compress me, compress me';
    await page.evaluate((t) => window.ws101Session.send(t), text);
    const first = await waitForFrame(page, { direction: 'server', opcode: 1 });
    await page.evaluate((t) => window.ws101Session.send(t), text);
    const clientSecond = await waitForFrame(page, { direction: 'client', opcode: 1, after: first });
    await pickFrame(page, clientSecond);
    await expect(page.locator('.ws-grid [data-field="RSV1"] .b')).toHaveText('1');
    await expect(page.locator('.ws-inspector .ws-inflated pre.ws-text')).toHaveText(text);
    // Context takeover: the second copy refers back to the first and is far smaller than the text.
    const compressedLength = await page.evaluate(
      (seq) => window.ws101Session.store.find(seq)!.frame.payloadLength,
      clientSecond,
    );
    expect(compressedLength).toBeLessThan(text.length / 2);
    await expect(page.locator('.ws-inspector .ws-violations')).toHaveCount(0);
  });

  test('pasted hex with a violation highlights the bits that break the rule, with no server', async ({
    page,
  }) => {
    await page.goto('/?lang=en#/frame-live');
    const inspector = page.locator('.ws-inspector');
    await inspector.getByRole('button', { name: 'Paste hex' }).click();
    await inspector.locator('textarea.ws-paste-input').fill('83 01 41');
    const opcode = inspector.locator('.ws-grid [data-field="opcode"]');
    await expect(opcode).toHaveClass(/has-violation/);
    await expect(opcode.locator('.b.bad')).toHaveCount(4);
    await expect(inspector.locator('.ws-violations li')).toContainText('1002');
    await expect(inspector.locator('.ws-violations li')).toContainText('opcode is reserved');
    // Bad hex is an error to read, not a crash.
    await inspector.locator('textarea.ws-paste-input').fill('81 0');
    await expect(inspector.locator('.ws-paste-message')).toContainText('odd number of hex digits');
  });
});

test.describe('the keyboard belongs to the widget while it has focus', () => {
  test('typing in the inspector never moves the slides; Esc gives the keyboard back', async ({ page }) => {
    await openLive(page, 'frame-live');
    const before = await revealIndices(page);
    const input = page.locator('.ws-inspector .ws-send-text');
    await input.click();
    await page.keyboard.type('n p hjkl space ');
    for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'Space', 'PageDown', 'End', 'e', 'o', 'f']) {
      await page.keyboard.press(key);
    }
    await page.locator('.ws-inspector .ws-frame-list').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await revealIndices(page)).toEqual(before);
    // The E typed into the widget did not open the (closed) event panel.
    await expect(page.locator('#ws-event-panel')).toBeHidden();
    await page.keyboard.press('Escape');
    expect(await revealOverview(page)).toBe(false);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    // Back with reveal.js: the next arrow moves the deck.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => revealIndices(page)).not.toEqual(before);
  });

  test('the bit grid is navigable with the arrow keys and shows each field on focus', async ({ page }) => {
    await page.goto('/?lang=en#/frame-live');
    const inspector = page.locator('.ws-inspector');
    await inspector.getByRole('button', { name: 'Paste hex' }).click();
    await inspector.locator('textarea.ws-paste-input').fill('81 85 37 fa 21 3d 7f 9f 4d 51 58');
    await expect(inspector.locator('.ws-paste-message')).toContainText('11 B → 1 frame(s)');
    await inspector.locator('.ws-grid [data-field="FIN"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.ws-grid [data-field="opcode"]')).toBeFocused();
    await expect(inspector.locator('.ws-grid-detail')).toContainText('1 = 0x1 = 0b0001');
    await expect(inspector.locator('.ws-grid-detail')).toContainText('text');
    await page.keyboard.press('End');
    await expect(inspector.locator('.ws-grid-detail')).toContainText('5 bytes');
  });
});
