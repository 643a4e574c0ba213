import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { FrameStreamDecoder, Opcode } from '../../src/protocol/index.ts';
import { closed, openWs, startTestServer, TestInspector, waitFor, wsUrl } from './helpers.ts';

let server: RunningServer;

// A short beat keeps the test quick; nothing below depends on how long anything takes.
beforeAll(async () => {
  server = await startTestServer({ heartbeatMs: 40 });
});
afterAll(() => server.close());

describe('RFC 6455 §5.5.2: the server pings every connection on a beat', () => {
  it('tells the inspector each pong with its round-trip time', async () => {
    const inspector = await TestInspector.open(server);
    const ws = await openWs(await inspector.echoUrl());
    const ping = new Promise<Buffer>((resolve) => ws.once('ping', resolve));
    expect((await ping).toString()).toMatch(/^hb \d+ [0-9a-f]{8}$/);
    const pong = await inspector.find((r) => r.kind === 'pong', 'pong record');
    expect(pong.rttMs).toBeTypeOf('number');
    expect(Buffer.from(pong.payload as string, 'base64').toString()).toMatch(/^hb \d+ [0-9a-f]{8}$/);
    ws.close();
    inspector.close();
  });

  it('terminates a peer that misses two pongs, and keeps one that answers', async () => {
    const inspector = await TestInspector.open(server);
    const silent = await openWs(await inspector.echoUrl(), [], {
      autoPong: false,
    });
    const alive = await openWs(wsUrl(server, '/echo'));
    const { code } = await closed(silent);
    // terminate() sends no close frame: the peer sees the TCP connection end, 1006.
    expect(code).toBe(1006);
    const notice = await inspector.find(
      (r) => r.kind === 'notice' && r.name === 'heartbeat-timeout',
      'notice',
    );
    const written = inspector.bytes(notice.connection!, 'write');
    const frames = new FrameStreamDecoder({ sender: 'server' }).push(
      written.subarray(written.indexOf('\r\n\r\n') + 4),
    );
    expect(frames.map((f) => f.opcode)).toEqual([Opcode.ping, Opcode.ping]);
    expect(alive.readyState).toBe(alive.OPEN);
    alive.close();
    inspector.close();
  });
});

describe('the frame lab’s raw client behaves like a browser where the page did not craft bytes', () => {
  it('answers heartbeat pings, so the lab connection stays open', async () => {
    const inspector = await TestInspector.open(server);
    const opened = await inspector.request({ type: 'lab.clientOpen' });
    const id = opened.connection as number;
    await inspector.find((r) => r.kind === 'pong' && r.connection === id && r.rttMs !== null, 'lab pong');
    const pongs = () => inspector.records.filter((r) => r.kind === 'pong' && r.connection === id).length;
    await waitFor(() => (pongs() >= 3 ? true : undefined), 'three beats answered');
    expect(server.context.registry.connections.has(id)).toBe(true);
    inspector.close();
  });
});
