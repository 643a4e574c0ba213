import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchRows, firstBatchRows } from '../../src/capture/frameIndex.ts';
import { sessionPcapng } from '../../src/capture/index.ts';
import { concatBytes, encodeFrame, Opcode } from '../../src/protocol/index.ts';
import { echoSession } from '../helpers/captureSession.ts';
import { captureDirectory } from '../helpers/liveCapture.ts';
import { expect, test } from './fixtures.ts';
import { openLive } from './inspectorHelpers.ts';

const frames = 20_000;

/** A server feed of `frames` text frames, sixteen to a segment: the same bytes every run. */
function feedCapture(): string {
  const all = Array.from({ length: frames }, (_, i) =>
    encodeFrame({ opcode: Opcode.text, payload: `{"tick":${i}}` }),
  );
  const segments = Array.from({ length: Math.ceil(frames / 16) }, (_, i) =>
    concatBytes(all.slice(i * 16, i * 16 + 16)),
  );
  const file = join(captureDirectory(), 'feed-20000.pcapng');
  writeFileSync(file, sessionPcapng([echoSession(undefined, undefined, { client: [], server: segments })]));
  return file;
}

type Received = { kind: string; rows?: number; from?: number; frameObjects?: boolean };

test('a 20,000-frame capture reaches the page in batches of rows, none holding every frame', async ({
  page,
}) => {
  const file = feedCapture();
  // Every message the page's workers send to the main thread, as the page receives it.
  await page.addInitScript(() => {
    const received: Received[] = [];
    (window as unknown as { captureReplies: Received[] }).captureReplies = received;
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (event: MessageEvent) => {
          const data = event.data as { kind?: string; rows?: { count: number }; from?: number };
          if (typeof data?.kind !== 'string') return;
          received.push({
            kind: data.kind,
            rows: data.rows?.count,
            from: data.from,
            // A frame object has headerBytes; rows are typed-array columns only.
            frameObjects: JSON.stringify(Object.keys(data.rows ?? {})).includes('headerBytes'),
          });
        });
      }
    };
  });
  await openLive(page, 'frame-live');
  const inspector = page.locator('.ws-inspector');
  await inspector.getByRole('button', { name: 'Open a capture' }).click();
  await inspector.locator('input.ws-capture-file').setInputFiles(file);
  await expect(inspector.locator('.ws-capture-status')).toContainText(
    `1 WebSocket connections, ${frames} frames`,
  );
  await expect(inspector.locator('.ws-capture-position')).toHaveText(`frame ${frames} of ${frames}`);
  // The last frame's detail was fetched from the worker and decoded in full: its payload is there.
  await expect(inspector.locator('.ws-frame-summary')).toContainText(`#${frames} · server → client · text`);
  await expect(inspector.locator('.ws-payload')).toContainText(`{"tick":${frames - 1}}`);

  const replies = await page.evaluate(
    () => (window as unknown as { captureReplies: Received[] }).captureReplies,
  );
  const rows = replies.filter((reply) => reply.kind === 'rows');
  const expected = [firstBatchRows];
  for (let left = frames - firstBatchRows; left > 0; left -= batchRows)
    expected.push(Math.min(left, batchRows));
  expect(rows.map((reply) => reply.rows)).toEqual(expected);
  expect(rows.map((reply) => reply.from)).toEqual(
    expected.map((_, i) => expected.slice(0, i).reduce((a, b) => a + b, 0)),
  );
  expect(rows.some((reply) => reply.frameObjects)).toBe(false);
  expect(replies.filter((reply) => reply.kind === 'done')).toHaveLength(1);
  // The list draws only what is in view: a screenful of rows, not 20,000 elements.
  expect(await inspector.locator('.ws-frame-row').count()).toBeLessThan(60);
});

test('a file chosen while another is still being read replaces it: its frames only, its name, nothing of the first', async ({
  page,
}) => {
  const large = feedCapture();
  const small = join(captureDirectory(), 'echo-after-feed.pcapng');
  writeFileSync(small, sessionPcapng([echoSession()]));
  await openLive(page, 'frame-live');
  const inspector = page.locator('.ws-inspector');
  await inspector.getByRole('button', { name: 'Open a capture' }).click();
  const input = inspector.locator('input.ws-capture-file');
  await input.setInputFiles(large);
  // The second file as soon as the first one's rows are on screen: the first is still being read (or, on
  // a fast machine, just done). The list then holds rows of a file that is going away.
  await expect(inspector.locator('.ws-capture-status')).toContainText('feed-20000.pcapng');
  await expect(inspector.locator('.ws-frame-row').first()).toBeVisible();
  await input.setInputFiles(small);
  const status = inspector.locator('.ws-capture-status');
  await expect(status).toContainText('echo-after-feed.pcapng: pcapng');
  await expect(status).toContainText('1 WebSocket connections, 13 frames');
  await expect(inspector.locator('.ws-capture-position')).toHaveText('frame 13 of 13');
  await expect(inspector.locator('.ws-capture-connection option')).toHaveCount(1);
  await expect(inspector.locator('.ws-frame-summary')).toContainText('#13 · client → server · close');
  // Back to its first frame: the echo session's first, not the feed's `{"tick":0}`.
  await inspector.getByRole('button', { name: 'Back to the first frame' }).click();
  await expect(inspector.locator('.ws-capture-position')).toHaveText('frame 1 of 13');
  await expect(inspector.locator('.ws-frame-summary')).toContainText('#1 · client → server · text');
});
