import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerOptions } from '../../server/options.ts';
import type { RunningServer } from '../../server/server.ts';
import { encodeFrame, Opcode } from '../../src/protocol/index.ts';
import {
  closed,
  headerEnd,
  nextMessage,
  openWs,
  RawClient,
  startTestServer,
  upgradeRequest,
  waitFor,
  wsUrl,
} from './helpers.ts';

let server: RunningServer | undefined;
async function start(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  server = await startTestServer(options);
  return server;
}
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The HTTP status a refused upgrade gets. */
function refusedWith(url: string, options: WebSocket.ClientOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('open', () => reject(new Error('it opened')));
    ws.once('error', () => {});
  });
}

async function stillServes(s: RunningServer): Promise<void> {
  const ws = await openWs(wsUrl(s, '/echo'));
  ws.send('still here');
  expect((await nextMessage(ws)).data.toString()).toBe('still here');
  ws.close();
}

describe('RFC 6455 §10.2: Origin must be our own unless allowed', () => {
  it('refuses a foreign origin with 403 and accepts our own, or none (not a browser)', async () => {
    const s = await start();
    expect(await refusedWith(wsUrl(s, '/echo'), { origin: 'http://evil.example' })).toBe(403);
    expect(await refusedWith(wsUrl(s, '/inspect'), { origin: `http://localhost:${s.port}` })).toBe(403);
    (await openWs(wsUrl(s, '/echo'), [], { origin: `http://127.0.0.1:${s.port}` })).close();
    (await openWs(wsUrl(s, '/echo'))).close();
  });

  it('accepts an origin given with --allow-origin', async () => {
    const s = await start({ allowOrigins: ['http://deck.example'] });
    (await openWs(wsUrl(s, '/echo'), [], { origin: 'http://deck.example' })).close();
    expect(await refusedWith(wsUrl(s, '/echo'), { origin: 'http://other.example' })).toBe(403);
  });

  it('answers an unknown path with 404', async () => {
    const s = await start();
    expect(await refusedWith(wsUrl(s, '/nope'))).toBe(404);
  });
});

describe('RFC 6455 §10.4: limits', () => {
  it('closes with 1009 a message over maxPayload', async () => {
    const s = await start({ maxPayload: 1024 });
    const ws = await openWs(wsUrl(s, '/echo'));
    const done = closed(ws);
    ws.send(Buffer.alloc(1025));
    expect((await done).code).toBe(1009);
    await stillServes(s);
  });

  it('caps connections per IP address and in total with 503', async () => {
    const s = await start({ maxConnectionsPerIp: 2 });
    const open = [await openWs(wsUrl(s, '/echo')), await openWs(wsUrl(s, '/echo'))];
    expect(await refusedWith(wsUrl(s, '/echo'))).toBe(503);
    open[0]!.close();
    await closed(open[0]!);
    await waitFor(() => (s.context.registry.countFor('127.0.0.1') === 1 ? true : undefined), 'count down');
    open.push(await openWs(wsUrl(s, '/echo')));
    for (const ws of open) ws.close();
  });

  it('caps the total number of connections', async () => {
    const s = await start({ maxConnections: 1 });
    const ws = await openWs(wsUrl(s, '/echo'));
    expect(await refusedWith(wsUrl(s, '/echo'))).toBe(503);
    ws.close();
  });

  it('closes with 1008 a connection that sends too many messages', async () => {
    const s = await start({ messagesPerSecond: 5 });
    const ws = await openWs(wsUrl(s, '/echo'));
    const done = closed(ws);
    for (let i = 0; i < 50; i++) ws.send(`flood ${i}`);
    expect(await done).toEqual({ code: 1008, reason: 'message rate limit' });
  });

  it('closes an idle connection with 1000 "idle timeout"', async () => {
    const s = await start({ idleTimeoutMs: 60 });
    const idle = await openWs(wsUrl(s, '/echo'));
    expect(await closed(idle)).toEqual({ code: 1000, reason: 'idle timeout' });
  });

  it('drops a client that opens TCP and sends half a request, or nothing', async () => {
    const s = await start({ handshakeTimeoutMs: 100 });
    const half = await RawClient.open(s.port);
    await half.write('GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: web');
    const silent = await RawClient.open(s.port);
    await Promise.all([half.untilClosed(), silent.untilClosed()]);
    await stillServes(s);
  });
});

describe('robustness: a bad peer never takes the server down', () => {
  it('answers garbage after the handshake with a close frame, then serves everyone else', async () => {
    const s = await start();
    const raw = await RawClient.open(s.port);
    await raw.write(upgradeRequest('/echo', s.port));
    await raw.untilReceived(headerEnd, '101');
    await raw.write(Buffer.from('this is not a frame at all'));
    await raw.untilClosed();
    const body = raw.received().subarray(raw.received().indexOf('\r\n\r\n') + 4);
    expect(body[0]).toBe(0x88);
    expect(body.readUInt16BE(2)).toBe(1002);
    await stillServes(s);
  });

  it('survives a reset in the middle of a frame and a half-closed socket', async () => {
    const s = await start();
    const reset = await RawClient.open(s.port);
    await reset.write(upgradeRequest('/echo', s.port));
    await reset.untilReceived(headerEnd, '101');
    await reset.write(
      Buffer.from(encodeFrame({ opcode: Opcode.binary, payload: Buffer.alloc(1000), mask: true })).subarray(
        0,
        300,
      ),
    );
    reset.socket.resetAndDestroy();
    const halfClosed = await RawClient.open(s.port);
    await halfClosed.write(upgradeRequest('/echo', s.port));
    await halfClosed.untilReceived(headerEnd, '101');
    halfClosed.socket.end();
    await halfClosed.untilClosed();
    await waitFor(() => (s.context.registry.connections.size === 0 ? true : undefined), 'both gone');
    await stillServes(s);
  });

  it('stops reading from a client that never reads, so its echoes cannot fill our memory', async () => {
    const s = await start();
    const raw = await RawClient.open(s.port);
    await raw.write(upgradeRequest('/echo', s.port));
    await raw.untilReceived(headerEnd, '101');
    raw.socket.pause();
    const frame = Buffer.from(
      encodeFrame({ opcode: Opcode.binary, payload: Buffer.alloc(64 * 1024), mask: true }),
    );
    // 25 MiB offered; the server must stop reading long before it has echoed them all into its memory.
    for (let i = 0; i < 400; i++) raw.socket.write(frame);
    const connection = [...s.context.registry.connections.values()][0]!;
    await waitFor(() => (connection.socket.isPaused() ? true : undefined), 'the server stops reading');
    expect(connection.ws.bufferedAmount).toBeLessThan(8 * 1024 * 1024);
    expect(connection.socket.bytesRead).toBeLessThan(400 * frame.length);
    await stillServes(s);
    raw.socket.destroy();
  });
});
