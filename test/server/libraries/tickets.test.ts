import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../../server/server.ts';
import { nextMessage, openWs, startTestServer, TestInspector, waitFor, wsUrl } from '../helpers.ts';
import { opens, socketIoClient } from './socketIoHelpers.ts';

/**
 * The libraries' sockets join a page's session the way the page's own do (issue 15, item 9): with a
 * single-use ticket asked for on /inspect for exactly that endpoint. socket.io's later requests (same
 * `sid`) belong to whoever its first request's ticket belonged to, and only from the same address.
 */
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function statusOf(url: string, protocols: string[] = []): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('open', () => reject(new Error('it opened')));
    ws.once('error', () => {});
  });
}

/** A GET from a chosen loopback address (Linux routes all of 127/8 to lo): another visitor's machine. */
function getFrom(localAddress: string, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('WebSocket-Node’s sockets join a page only by a ticket for their endpoint', () => {
  it('a join key or tab in the URL joins nothing; a ticket opens its own endpoint once', async () => {
    server = await startTestServer();
    const page = await TestInspector.open(server, { page: 'tab-a' });
    const stranger = await openWs(wsUrl(server, '/wsnode/echo?join=x&tab=tab-a&compare=1'), 'echo-protocol');
    stranger.send('not theirs');
    await nextMessage(stranger);
    expect(page.records.filter((r) => r.kind === 'open')).toEqual([]);

    const url = await page.socketUrl('wsnode-echo');
    const ticket = new URL(url).searchParams.get('ticket');
    // Asked for /wsnode/echo: refused at /wsnode/seed and /echo, and spent by that refusal.
    expect(await statusOf(wsUrl(server, `/wsnode/seed?ticket=${ticket}`), ['echo-protocol'])).toBe(403);
    expect(await statusOf(url, ['echo-protocol'])).toBe(403);
    const seedUrl = await page.socketUrl('wsnode-seed');
    const seed = await openWs(seedUrl, 'echo-protocol');
    expect(await statusOf(seedUrl, ['echo-protocol'])).toBe(403);
    const open = await page.find((r) => r.kind === 'open' && r.path === '/wsnode/seed', 'open');
    expect(open.pageSocket).toBe('seed');
    seed.close();
    stranger.close();
  });
});

describe('socket.io: the first request of an Engine.IO session claims the ticket', () => {
  it('a second client with the same (spent) ticket is refused', async () => {
    server = await startTestServer();
    const page = await TestInspector.open(server);
    const ticket = await page.ticket('socket.io');
    const base = `http://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=polling&ticket=${ticket}`;
    const first = await fetch(base);
    expect(first.status).toBe(200);
    const replay = await fetch(base);
    expect(replay.status).toBe(403);
    expect(await replay.text()).toContain('unknown, expired or used ticket');
    const echoTicket = await page.ticket('echo');
    const wrong = await fetch(
      `http://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=polling&ticket=${echoTicket}`,
    );
    expect(wrong.status).toBe(403);
  });

  it('its later requests inherit the session by sid, from the same address only', async () => {
    server = await startTestServer();
    const page = await TestInspector.open(server);
    const socket = await socketIoClient(server, page, ['polling']);
    await waitFor(() => (opens(page, 'socket.io-polling').length >= 2 ? true : undefined), 'polls');
    const sid = socket.io.engine.id;
    // Another machine that read the sid off the projector gets nothing of the page's session.
    const seen = page.records.length;
    const stolen = await getFrom(
      '127.0.0.2',
      `http://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=polling&sid=${sid}`,
    );
    expect(stolen.status).toBe(403);
    expect(stolen.body).toContain('another address');
    expect(page.records.slice(seen).filter((r) => r.kind === 'open' && r.remote !== '127.0.0.1')).toEqual([]);
    // Nor does an upgrade of that session from there.
    const upgrade = new WebSocket(
      `ws://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=websocket&sid=${sid}`,
      { localAddress: '127.0.0.2' },
    );
    const status = await new Promise<number>((resolve) => {
      upgrade.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      upgrade.once('error', () => {});
    });
    expect(status).toBe(403);
    socket.close();
  });

  it('counts Engine.IO sessions (which hold no socket between polls) against the per-address cap', async () => {
    server = await startTestServer({ maxConnectionsPerIp: 2 });
    const handshake = () => fetch(`http://127.0.0.1:${server!.port}/socket.io/?EIO=4&transport=polling`);
    expect((await handshake()).status).toBe(200);
    expect((await handshake()).status).toBe(200);
    const third = await handshake();
    expect(third.status).toBe(503);
    expect(await third.text()).toContain('too many connections from your address');
    expect(
      (await getFrom('127.0.0.2', `http://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=polling`))
        .status,
    ).toBe(200);
  });
});
