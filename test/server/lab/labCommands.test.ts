import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { labPresets } from '../../../server/lab/presets.ts';
import type { RunningServer } from '../../../server/server.ts';
import { type Frame, FrameStreamDecoder } from '../../../src/protocol/index.ts';
import type { LabExperiment } from '../../../src/shared/labExperiments.ts';
import { closed, openWs, startTestServer, TestInspector, waitFor } from '../helpers.ts';

let server: RunningServer;
let inspector: TestInspector;
const maxPayload = 64 * 1024;

beforeAll(async () => {
  server = await startTestServer({ maxPayload, labGraceMs: 50 });
  inspector = await TestInspector.open(server);
});
afterAll(async () => {
  inspector.close();
  await server.close();
});

/** Frames on one side of a tapped connection, decoded by the protocol core (the handshake skipped). */
function tapFrames(connection: number, kind: 'read' | 'write'): Frame[] {
  const bytes = inspector.bytes(connection, kind);
  const start = bytes.indexOf('\r\n\r\n');
  if (start < 0) return [];
  return new FrameStreamDecoder({ sender: kind === 'read' ? 'client' : 'server', maxPayload: 1 << 30 }).push(
    bytes.subarray(start + 4),
  );
}

function closeCode(frame: Frame | undefined): number | undefined {
  if (frame?.opcode !== 8 || frame.payload.length < 2) return undefined;
  return (frame.payload[0]! << 8) | frame.payload[1]!;
}

async function openEchoAsBrowser(): Promise<{ ws: WebSocket; id: number }> {
  const before = new Set(inspector.records.filter((r) => r.kind === 'open').map((r) => r.connection));
  const ws = await openWs(await inspector.echoUrl(), [], { maxPayload });
  const id = await waitFor(
    () => inspector.records.find((r) => r.kind === 'open' && !before.has(r.connection))?.connection,
    'open record',
  );
  return { ws, id };
}

const messageOf: Record<string, string> = {
  hello: 'hello from the frame lab',
  'utf8-split': '1€2',
  'ping-between-fragments': 'fragmented',
};

/** The close code a conforming receiver puts in its close frame (Chromium then reports 1006 to the page). */
function rfcCloseCode(preset: LabExperiment): number {
  return preset.rfc.receiver.kind === 'accepts' ? 1002 : preset.rfc.receiver.code;
}

const toBrowser = labPresets.filter((p) => p.directions.includes('to-browser'));
const toServer = labPresets.filter((p) => p.directions.includes('to-server'));

describe('frame lab, server → browser: crafted bytes written raw on the page’s own /echo', () => {
  it.each(toBrowser.map((p) => [p.name, p] as const))(
    '%s gets the reaction RFC 6455 asks for',
    async (name, preset) => {
      const { ws, id } = await openEchoAsBrowser();
      const messages: string[] = [];
      ws.on('message', (data) => messages.push(data.toString()));
      ws.on('error', () => {});
      const done = closed(ws);
      const result = await inspector.request({ type: 'lab.serverWrite', connection: id, preset: name });
      expect(result).toMatchObject({ type: 'result', ok: true });
      if (preset.rfc.receiver.kind === 'accepts') {
        await waitFor(() => (messages.length > 0 ? true : undefined), 'message event');
        expect(messages[0]).toBe(messageOf[name]);
        if (name === 'ping-between-fragments') {
          await waitFor(
            () => tapFrames(id, 'read').find((f) => f.opcode === 0xa),
            'the browser’s pong, tapped',
          );
        }
        ws.close();
        return;
      }
      // The browser (here ws) fails the connection with its close frame; the tap shows it arrive. Like
      // Chromium, ws stops reading after a protocol error, so its own close event says 1006.
      const expected = rfcCloseCode(preset);
      const { code } = await done;
      expect(code).toBe(expected === 4000 ? 4000 : 1006);
      const clientClose = await waitFor(
        () => tapFrames(id, 'read').find((f) => f.opcode === 8),
        'browser close',
      );
      expect(closeCode(clientClose)).toBe(expected);
    },
  );
});

describe('frame lab, browser → server: the server’s own raw client sends crafted client frames', () => {
  it.each(toServer.map((p) => [p.name, p] as const))(
    '%s gets ws’s answer, decoded from the tap',
    async (name, preset) => {
      const opened = await inspector.request({ type: 'lab.clientOpen' });
      expect(opened).toMatchObject({ type: 'result', ok: true });
      const id = opened.connection as number;
      expect(inspector.records.find((r) => r.kind === 'open' && r.connection === id)).toMatchObject({
        lab: true,
      });
      await inspector.request({ type: 'lab.clientWrite', connection: id, preset: name });
      if (preset.rfc.receiver.kind === 'accepts') {
        const echo = await waitFor(() => tapFrames(id, 'write').find((f) => f.opcode === 1), 'echo');
        expect(Buffer.from(echo.payload).toString()).toBe(messageOf[name]);
        await inspector.request({ type: 'lab.close', connection: id, code: 1000, reason: 'done' });
        return;
      }
      const expected = rfcCloseCode(preset);
      const close = await waitFor(() => tapFrames(id, 'write').find((f) => f.opcode === 8), 'server close');
      expect(closeCode(close)).toBe(expected);
      if (expected !== 4000) {
        const error = await inspector.find((r) => r.kind === 'error' && r.connection === id, 'error record');
        expect(error.closeCode).toBe(expected);
        expect(String(error.message).length).toBeGreaterThan(0);
      }
      await inspector.find((r) => r.kind === 'close' && r.connection === id, 'close record');
    },
  );

  it('sends any bytes the page built, as hex or base64', async () => {
    const opened = await inspector.request({ type: 'lab.clientOpen' });
    const id = opened.connection as number;
    // A masked text frame "Hi" with key 37 fa 21 3d (RFC 6455 §5.7's masked "Hello", shortened).
    await inspector.request({ type: 'lab.clientWrite', connection: id, hex: '81 82 37 fa 21 3d 7f 93' });
    await inspector.request({ type: 'lab.clientWrite', connection: id, data: 'gYI3+iE9f5M=' });
    await waitFor(() => (tapFrames(id, 'write').length === 2 ? true : undefined), 'two echoes');
    expect(tapFrames(id, 'write').map((f) => Buffer.from(f.payload).toString())).toEqual(['Hi', 'Hi']);
    const bad = await inspector.request({ type: 'lab.clientWrite', connection: id, hex: 'zz' });
    expect(bad).toMatchObject({ type: 'error', code: 'bad-bytes' });
    const unknown = await inspector.request({ type: 'lab.clientWrite', connection: id, preset: 'nope' });
    expect(unknown).toMatchObject({ type: 'error', code: 'unknown-preset' });
    const notLab = await openEchoAsBrowser();
    expect(
      await inspector.request({ type: 'lab.clientWrite', connection: notLab.id, hex: '00' }),
    ).toMatchObject({
      type: 'error',
      code: 'not-lab',
    });
    notLab.ws.close();
  });
});

describe('frame lab: ping now and close with a code and reason', () => {
  it('pings with a payload and reports the pong with its round-trip time', async () => {
    const { ws, id } = await openEchoAsBrowser();
    const ping = new Promise<Buffer>((resolve) => ws.once('ping', resolve));
    await inspector.request({ type: 'lab.ping', connection: id, text: 'lab ping' });
    expect((await ping).toString()).toBe('lab ping');
    const pong = await inspector.find((r) => r.kind === 'pong' && r.connection === id, 'pong record');
    expect(Buffer.from(pong.payload as string, 'base64').toString()).toBe('lab ping');
    expect(pong.rttMs).toBeTypeOf('number');
    expect(pong.rttMs as number).toBeGreaterThanOrEqual(0);
    ws.close();
  });

  it('closes with 4000 "bye"', async () => {
    const { ws, id } = await openEchoAsBrowser();
    const done = closed(ws);
    expect(
      await inspector.request({ type: 'lab.close', connection: id, code: 4000, reason: 'bye' }),
    ).toMatchObject({
      ok: true,
    });
    expect(await done).toEqual({ code: 4000, reason: 'bye' });
    const record = await inspector.find((r) => r.kind === 'close' && r.connection === id, 'close record');
    expect(record).toMatchObject({ code: 4000, reason: 'bye' });
  });

  it('refuses a code that may not be sent (1005) as data, not by crashing', async () => {
    const { ws, id } = await openEchoAsBrowser();
    const reply = await inspector.request({ type: 'lab.close', connection: id, code: 1005 });
    expect(reply).toMatchObject({ type: 'error', code: 'bad-close' });
    ws.close();
  });
});

describe('frame lab: a lab connection lives as long as the page that opened it', () => {
  it('is closed soon after that page’s inspector closes, and counts against the page’s address', async () => {
    const page = await TestInspector.open(server);
    const opened = await page.request({ type: 'lab.clientOpen' });
    const id = opened.connection as number;
    // The page's address, not the loopback the server dials itself from (here both are 127.0.0.1).
    expect(server.context.registry.connections.get(id)?.address).toBe('127.0.0.1');
    expect(server.context.registry.connections.get(id)?.lab).toBe(true);
    page.close();
    await waitFor(
      () => (server.context.registry.connections.has(id) ? undefined : true),
      'lab connection gone',
    );
  });
});
