import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCapture, sessionPcapng, type WebSocketConnection } from '../../src/capture/index.ts';
import { echoSession } from '../helpers/captureSession.ts';
import { captureDirectory } from '../helpers/liveCapture.ts';
import { expect, test } from './fixtures.ts';
import { openLive } from './inspectorHelpers.ts';

test('a capture replayed in the inspector shows its pings, pongs and closes in the event panel, in step', async ({
  page,
}) => {
  const file = join(captureDirectory(), 'replay.pcapng');
  writeFileSync(file, sessionPcapng([echoSession()]));
  // Where the control frames are in the capture, by the CLI's own decode: the panel must list exactly these.
  const connection = decodeCapture(sessionPcapng([echoSession()])).connections[0] as WebSocketConnection;
  const controls = connection.timeline.flatMap((captured, index) =>
    captured.frame.opcode >= 8 ? [{ seq: index + 1, opcode: captured.frame.opcode }] : [],
  );
  const kinds = { 8: 'close', 9: 'ping', 10: 'pong' } as Record<number, string>;
  expect(controls.map((c) => kinds[c.opcode]).sort()).toEqual(['close', 'close', 'ping', 'pong']);
  const total = connection.timeline.length;

  await openLive(page, 'frame-live');
  await page.keyboard.press('e');
  const panel = page.locator('#ws-event-panel');
  await expect(panel).toBeVisible();
  const replay = panel.locator('.ws-ev-replay');
  await expect(replay).toBeHidden();

  const inspector = page.locator('.ws-inspector');
  await inspector.getByRole('button', { name: 'Open a capture' }).click();
  await inspector.locator('input.ws-capture-file').setInputFiles(file);
  await expect(inspector.locator('.ws-capture-position')).toHaveText(`frame ${total} of ${total}`);
  // Marked as a replay, with the file and the position; the live timeline holds none of these events.
  await expect(replay).toBeVisible();
  await expect(replay.locator('.ws-ev-replay-head')).toHaveText(
    `⟲ Replay replay.pcapng · frame ${total} of ${total}`,
  );
  const rows = replay.locator('.ws-ev-item');
  await expect(rows).toHaveCount(4);
  await expect(panel.locator('.ws-ev-list')).not.toContainText('“between”');

  // Back to the first frame: no control frame yet. Then frame by frame: each appears on its own frame.
  await inspector.getByRole('button', { name: 'Back to the first frame' }).click();
  await expect(replay.locator('.ws-ev-replay-head')).toContainText(`frame 1 of ${total}`);
  await expect(rows).toHaveCount(0);
  await expect(replay).toContainText('No ping, pong or close yet');
  for (let at = 2; at <= total; at++) {
    await inspector.getByRole('button', { name: 'Next frame' }).click();
    await expect(replay.locator('.ws-ev-replay-head')).toContainText(`frame ${at} of ${total}`);
    const seen = controls.filter((c) => c.seq <= at);
    await expect(rows).toHaveCount(seen.length);
    if (seen.length > 0) {
      await expect(rows.last()).toHaveAttribute('data-seq', String(seen.at(-1)!.seq));
      await expect(rows.last()).toHaveAttribute('data-kind', kinds[seen.at(-1)!.opcode]!);
    }
  }
  const said = {
    ping: 'ping “between” · client → server',
    pong: 'pong “between” · server → client',
    close: 'close frame 1000 “bye”',
  } as Record<string, string>;
  for (const [index, control] of controls.entries()) {
    await expect(rows.nth(index)).toContainText(said[kinds[control.opcode]!]!);
  }
  // At real pace (the frames were captured a millisecond apart): from the start to the end on its own.
  await inspector.getByRole('button', { name: 'Back to the first frame' }).click();
  await expect(rows).toHaveCount(0);
  await inspector.getByRole('button', { name: 'Play at real pace' }).click();
  // Each step draws a frame in full (one holds 70,000 bytes): on a busy machine that, not the pace, is slow.
  await expect(inspector.locator('.ws-capture-position')).toHaveText(`frame ${total} of ${total}`, {
    timeout: 60_000,
  });
  await expect(rows).toHaveCount(4);
  await expect(inspector.getByRole('button', { name: 'Play at real pace' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
});
