import type { Page } from '@playwright/test';
import { labExperiments } from '../../src/shared/labExperiments.ts';
import { expect, test } from './fixtures.ts';
import { openLive, revealIndices } from './inspectorHelpers.ts';

/** Frames in the page's store (decoded from the tap) as hex of their wire bytes, newest last. */
function framesAfter(page: Page, after: number) {
  return page.evaluate((seq) => {
    const store = window.ws101Session.store;
    const out: {
      seq: number;
      connection: number;
      direction: string;
      opcode: number;
      hex: string;
      payload: string;
    }[] = [];
    for (let i = 0; i < store.size; i++) {
      const stored = store.at(i)!;
      if (stored.seq <= seq) continue;
      const f = stored.frame;
      const toHex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
      // In the page: the wire payload is one view, or a masked payload's pieces as it arrived.
      const wireHex = (wire: Uint8Array | readonly Uint8Array[]) =>
        (Array.isArray(wire) ? wire : [wire as Uint8Array]).map(toHex).join('');
      out.push({
        seq: stored.seq,
        connection: stored.connection,
        direction: stored.direction,
        opcode: f.opcode,
        hex: toHex(f.headerBytes) + wireHex(f.wire),
        payload: new TextDecoder().decode(f.payload),
      });
    }
    return out;
  }, after);
}

function latestSeq(page: Page): Promise<number> {
  return page.evaluate(() => window.ws101Session.store.latest()?.seq ?? 0);
}

test.describe('the frame lab: each named experiment gets its expected reaction', () => {
  test.describe.configure({ timeout: 120_000 });

  test('every experiment, in every direction it is meant for', async ({ page }) => {
    await openLive(page, 'lab');
    const lab = page.locator('.ws-lab');
    await expect(lab).toBeVisible();
    const results: string[] = [];
    for (const experiment of labExperiments) {
      for (const direction of experiment.directions) {
        await lab.locator(`[data-experiment="${experiment.name}"]`).click();
        await lab.locator(`[data-direction="${direction}"]`).click();
        await lab.locator('.ws-lab-run').click();
        const outcome = lab.locator('.ws-lab-outcome[data-matches]');
        await expect(outcome).toBeVisible({ timeout: 10_000 });
        const text = (await lab.locator('.ws-lab-run-column').textContent()) ?? '';
        results.push(
          `${experiment.name} ${direction}: ${await outcome.getAttribute('data-matches')} ${text}`,
        );
        // The bytes the page says it sent are the bytes the tap saw.
        const sent = (await lab.locator('.ws-lab-bytes').getAttribute('data-hex')) ?? '';
        const seen = await page.evaluate(
          ({ hex, fromServer }) => {
            const store = window.ws101Session.store;
            const toHex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
            const wireHex = (wire: Uint8Array | readonly Uint8Array[]) =>
              (Array.isArray(wire) ? wire : [wire as Uint8Array]).map(toHex).join('');
            let joined = '';
            for (let i = 0; i < store.size; i++) {
              const s = store.at(i)!;
              if ((s.direction === 'server') === fromServer)
                joined += toHex(s.frame.headerBytes) + wireHex(s.frame.wire);
            }
            return joined.includes(hex.slice(0, 200));
          },
          { hex: sent, fromServer: direction === 'to-browser' },
        );
        if (experiment.name !== 'oversize' && experiment.name !== 'masked-server-frame') {
          expect(seen, `${experiment.name} ${direction}: sent bytes in the tap`).toBe(true);
        }
      }
    }
    expect(
      results.filter((line) => !line.includes(': true ')),
      results.join('\n'),
    ).toEqual([]);
    // Server → browser failures are what Chromium does: close 1002 on the wire, 1006 for the page.
    expect(results.find((line) => line.startsWith('masked-server-frame to-browser'))).toContain(
      'on the wire: close 1002',
    );
    expect(results.find((line) => line.startsWith('masked-server-frame to-browser'))).toContain(
      'page: close 1006',
    );
    expect(results.find((line) => line.startsWith('invalid-utf8 to-server'))).toContain('close 1007');
    expect(results.find((line) => line.startsWith('oversize to-server'))).toContain('close 1009');
    expect(results.find((line) => line.startsWith('unmasked-client-frame to-server'))).toContain(
      'close 1002',
    );
  });
});

test.describe('the bit editor', () => {
  test('flipping RSV1 shows the violation live, and the bytes sent are the bytes the tap saw', async ({
    page,
  }) => {
    await openLive(page, 'lab');
    const lab = page.locator('.ws-lab');
    await lab.locator('[data-tab="editor"]').click();
    await expect(lab.locator('.ws-editor-fine')).toBeVisible();
    await lab.locator('[data-bit="1"]').click();
    await expect(lab.locator('.ws-editor-problem')).toContainText('1002');
    await expect(lab.locator('.ws-editor-problem')).toContainText('RSV');
    const hex = ((await lab.locator('.ws-editor-hex code').textContent()) ?? '').replaceAll(' ', '');
    expect(hex.slice(0, 2)).toBe('c1');
    const before = await latestSeq(page);
    await lab.getByRole('button', { name: 'Send to the server' }).click();
    await expect
      .poll(async () =>
        (await framesAfter(page, before)).filter((f) => f.direction === 'client').map((f) => f.hex),
      )
      .toContain(hex);
    // ws answers RSV1 without an extension with close 1002, decoded from the tap.
    await expect
      .poll(async () =>
        (await framesAfter(page, before)).some(
          (f) => f.direction === 'server' && f.opcode === 8 && f.hex.startsWith('880203ea'),
        ),
      )
      .toBe(true);
  });

  test('typing a payload re-encodes the frame with its length', async ({ page }) => {
    await openLive(page, 'lab');
    const lab = page.locator('.ws-lab');
    await lab.locator('[data-tab="editor"]').click();
    await lab.locator('[data-edit="text"]').fill('x'.repeat(130));
    await expect(lab.locator('.ws-editor-hex code')).toContainText(/^81 fe 00 82/);
    await expect(lab.locator('.ws-editor-fine')).toBeVisible();
  });
});

test.describe('the terminal', () => {
  test('xterm is not in the first slide’s JavaScript', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto('/?lang=en');
    await page.waitForFunction(() => window.ws101Session?.status.phase === 'live');
    await page.waitForTimeout(300);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((url) => /terminal|xterm/i.test(url))).toEqual([]);
    await page.goto('/?lang=en#/terminal');
    await expect(page.locator('.ws-terminal .xterm')).toBeVisible();
    expect(scripts.filter((url) => /terminal/i.test(url)).length).toBeGreaterThan(0);
  });

  test('each command produces the frame it names, checked on the tap; typing never moves the slides', async ({
    page,
  }) => {
    await openLive(page, 'terminal');
    await expect(page.locator('.ws-terminal .xterm')).toBeVisible();
    const slide = await revealIndices(page);
    await page.locator('.ws-terminal').click();
    const run = async (line: string) => {
      const before = await latestSeq(page);
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
      return before;
    };
    const expectFrame = async (
      before: number,
      test: { direction: string; opcode: number; payload?: string; count?: number },
    ) => {
      await expect
        .poll(
          async () =>
            (await framesAfter(page, before)).filter(
              (f) =>
                f.direction === test.direction &&
                f.opcode === test.opcode &&
                (test.payload === undefined || f.payload === test.payload),
            ).length,
          { message: JSON.stringify(test) },
        )
        .toBeGreaterThanOrEqual(test.count ?? 1);
    };
    let before = await run('hello terminal f j k n p'); // letters that are reveal.js shortcuts
    await expectFrame(before, { direction: 'client', opcode: 1, payload: 'hello terminal f j k n p' });
    await expectFrame(before, { direction: 'server', opcode: 1, payload: 'hello terminal f j k n p' });
    before = await run('/binary 01 02 ff');
    await expectFrame(before, { direction: 'client', opcode: 2 });
    before = await run('/ping are you there');
    await expectFrame(before, { direction: 'server', opcode: 9, payload: 'are you there' });
    await expectFrame(before, { direction: 'client', opcode: 10, payload: 'are you there' });
    before = await run('/frag abcdefghi 3');
    await expectFrame(before, { direction: 'server', opcode: 0, count: 2 });
    await expectFrame(before, { direction: 'server', opcode: 1, payload: 'abc' });
    before = await run('/raw 89 02 68 69');
    await expectFrame(before, { direction: 'server', opcode: 9, payload: 'hi' });
    before = await run('/send-raw 81 82 01 02 03 04 69 6b');
    await expectFrame(before, { direction: 'client', opcode: 1, payload: 'hi' });
    before = await run('/close 4000 bye');
    await expectFrame(before, { direction: 'client', opcode: 8 });
    await expectFrame(before, { direction: 'server', opcode: 8 });
    before = await run('/deflate on');
    await page.waitForFunction(() => window.ws101Session.deflate && window.ws101Session.echoState === 'open');
    before = await run('squeeze me');
    await expect
      .poll(async () =>
        (await framesAfter(page, before)).some((f) => f.direction === 'client' && f.hex.startsWith('c1')),
      )
      .toBe(true);
    expect(await revealIndices(page)).toEqual(slide);
    await expect(page.locator('.ws-terminal .xterm-rows')).toContainText('squeeze me');
  });
});

test.describe('the composer', () => {
  test('sizes across the length edges give 7-, 16- and 64-bit lengths on the wire', async ({ page }) => {
    await openLive(page, 'composer');
    const composer = page.locator('.ws-composer');
    const before = await latestSeq(page);
    for (const size of ['125 B', '126 B', '65535 B', '65536 B']) {
      await composer.getByRole('button', { name: size, exact: true }).click();
    }
    // Masked binary frames: 7-bit 125 (0xfd with MASK), 126 → 16-bit, 65535 → 16-bit, 65536 → 64-bit.
    await expect
      .poll(async () =>
        (await framesAfter(page, before))
          .filter((f) => f.direction === 'client' && f.opcode === 2)
          .map((f) => f.hex.slice(0, 4 + 16)),
      )
      .toEqual([
        expect.stringMatching(/^82fd/),
        expect.stringMatching(/^82fe007e/),
        expect.stringMatching(/^82feffff/),
        expect.stringMatching(/^82ff0000000000010000/),
      ]);
  });

  test('ping now and close 4000 "bye"', async ({ page }) => {
    await openLive(page, 'composer');
    const composer = page.locator('.ws-composer');
    let before = await latestSeq(page);
    await composer.getByRole('button', { name: 'Server, ping now' }).click();
    await expect
      .poll(async () =>
        (await framesAfter(page, before))
          // The composer's ping carries "ws101"; the server's heartbeat ("hb N") may cross at any moment.
          .filter((f) => (f.opcode === 9 || f.opcode === 10) && f.payload === 'ws101')
          .map((f) => f.direction),
      )
      .toEqual(['server', 'client']);
    before = await latestSeq(page);
    await composer.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(composer.locator('.ws-composer-status')).toContainText('4000 "bye" · wasClean true');
  });
});

test.describe('the presenter', () => {
  test('?presenter=TOKEN: the token leaves the address bar; a visitor’s frames only with consent', async ({
    browser,
  }) => {
    const presenter = await browser.newPage();
    await presenter.goto('/?lang=en&presenter=e2e-presenter-token#/frame-live');
    await presenter.waitForFunction(() => window.ws101Session?.welcome?.role === 'presenter');
    expect(presenter.url()).not.toContain('e2e-presenter-token');
    await expect(presenter.locator('#ws-event-panel')).toContainText('presenter: yours + shared');
    const visitor = await browser.newPage();
    await openLive(visitor, 'frame-live');
    const holds = (page: typeof presenter, text: string) =>
      page.evaluate(
        (wanted) =>
          window.ws101Session.store
            .list()
            .some((s) => s.direction === 'client' && new TextDecoder().decode(s.frame.payload) === wanted),
        text,
      );
    await visitor.evaluate(() => window.ws101Session.send('from a visitor'));
    await expect.poll(() => holds(visitor, 'from a visitor')).toBe(true);
    // Without the visitor's consent the presenter holds none of their bytes (see consent.spec.ts for sharing).
    expect(await holds(presenter, 'from a visitor')).toBe(false);
    const visitorEcho = await visitor.evaluate(() => window.ws101Session.echoConnection);
    expect(await presenter.evaluate(() => [...window.ws101Session.connections.keys()])).not.toContain(
      visitorEcho,
    );
    // The visitor sees only its own connections: not the presenter's.
    const visitorSees = await visitor.evaluate(() => [...window.ws101Session.connections.keys()]);
    const presenterEcho = await presenter.evaluate(() => window.ws101Session.echoConnection);
    expect(visitorSees).not.toContain(presenterEcho);
    // Pages of the browser (not of the test's context) outlive the test: close them, or they stay in the
    // room for every later test (a presenter driving it, a visitor counted).
    await presenter.close();
    await visitor.close();
  });
});
