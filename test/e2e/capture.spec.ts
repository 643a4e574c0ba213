import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeCapture, sessionPcapng, type WebSocketConnection } from '../../src/capture/index.ts';
import { echoSession } from '../helpers/captureSession.ts';
import { captureDirectory } from '../helpers/liveCapture.ts';
import { tsharkMalformedCount } from '../helpers/tshark.ts';
import { expect, test } from './fixtures.ts';
import { openLive, waitForFrame } from './inspectorHelpers.ts';

const run = promisify(execFile);

test.describe('Open a capture: a pcapng chosen in the page, decoded in a worker, replayed', () => {
  test('lists every frame of the capture, steps through them, shows the same frames as the CLI', async ({
    page,
  }) => {
    const file = join(captureDirectory(), 'echo.pcapng');
    writeFileSync(file, sessionPcapng([echoSession()]));
    await openLive(page, 'frame-live');
    const inspector = page.locator('.ws-inspector');
    await inspector.getByRole('button', { name: 'Open a capture' }).click();
    await inspector.locator('input.ws-capture-file').setInputFiles(file);
    await expect(inspector.locator('.ws-capture-status')).toContainText('1 WebSocket connections, 13 frames');
    await expect(inspector.locator('.ws-capture-position')).toHaveText('frame 13 of 13');
    // Replay from the first frame, one step at a time: each frame's summary is the CLI's frame, in order.
    const { stdout } = await run('node', ['bin/ws101.js', 'decode', '--pcap', file, '--json']);
    const cliFrames = JSON.parse(stdout).connections[0].frames as {
      sender: string;
      opcodeName: string;
      payloadLength: number;
    }[];
    expect(cliFrames).toHaveLength(13);
    await inspector.getByRole('button', { name: 'Back to the first frame' }).click();
    for (const [index, cli] of cliFrames.entries()) {
      await expect(inspector.locator('.ws-capture-position')).toHaveText(`frame ${index + 1} of 13`);
      const summary = inspector.locator('.ws-frame-summary');
      await expect(summary).toContainText(
        `#${index + 1} · ${cli.sender} → ${cli.sender === 'client' ? 'server' : 'client'} · ${cli.opcodeName} `,
      );
      await expect(summary).toContainText(
        `${cli.payloadLength.toLocaleString('en').replace(/,/g, ' ')} byte`,
      );
      if (index === 1) await page.screenshot({ path: join(captureDirectory(), 'capture-pane.png') });
      await inspector.getByRole('button', { name: 'Next frame' }).click();
    }
  });
});

test.describe('Save this session: the page’s own connections as a pcapng', () => {
  test('tshark opens it with zero malformed packets, and it holds the frames the page showed', async ({
    page,
  }) => {
    await openLive(page, 'frame-live');
    const inspector = page.locator('.ws-inspector');
    await inspector.locator('.ws-send-text').fill('saved for Wireshark');
    await inspector.locator('.ws-send').click();
    const clientSeq = await waitForFrame(page, { direction: 'client', opcode: 1 });
    await waitForFrame(page, { direction: 'server', opcode: 1, after: clientSeq });
    // The server's heartbeat may add frames while the file is made: what was kept before the click must be
    // in the file, and the file holds nothing that was not kept by the time it was downloaded.
    const keptFrames = () =>
      page.evaluate(() =>
        window.ws101Session.store
          .list('all')
          .map((s) => `${s.direction}:${s.frame.opcode}:${s.frame.payloadLength}`),
      );
    const before = await keptFrames();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      inspector.getByRole('button', { name: /Save \.pcapng/ }).click(),
    ]);
    const file = join(captureDirectory(), 'saved.pcapng');
    await download.saveAs(file);
    const after = await keptFrames();
    expect(await tsharkMalformedCount(file)).toBe(0);
    const decoded = decodeCapture(new Uint8Array(readFileSync(file)));
    const websockets = decoded.connections.filter((c): c is WebSocketConnection => c.kind === 'websocket');
    const reopened = websockets.flatMap((c) =>
      c.timeline.map((f) => `${f.sender}:${f.frame.opcode}:${f.frame.payloadLength}`),
    );
    const missing = (from: string[], within: string[]) => {
      const left = [...within];
      return from.filter((item) => {
        const at = left.indexOf(item);
        if (at < 0) return true;
        left.splice(at, 1);
        return false;
      });
    };
    expect(missing(before, reopened)).toEqual([]);
    expect(missing(reopened, after)).toEqual([]);
    expect(reopened).toContain('client:1:19');
    const { stdout } = await run('tshark', [
      '-r',
      file,
      '-Y',
      'websocket.payload.text == "saved for Wireshark"',
      '-T',
      'fields',
      '-e',
      'frame.number',
    ]);
    expect(stdout.trim().split('\n')).toHaveLength(2);
  });
});
