import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../../server/server.ts';
import { openWs, startTestServer, TestInspector } from '../helpers.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function statusOf(url: string, from: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { localAddress: from });
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('error', () => {});
  });
}

describe('a page ticket is bound to the address that asked for it', () => {
  it('refuses it from another address, and spends it there', async () => {
    server = await startTestServer();
    const page = await TestInspector.open(server); // from 127.0.0.1
    const url = await page.echoUrl();
    expect(await statusOf(url, '127.0.0.2')).toBe(403);
    // Seen elsewhere, it is spent: it opens nothing for its own page either, which asks for another.
    expect(await statusOf(url, '127.0.0.1')).toBe(403);
    const fresh = await openWs(await page.echoUrl());
    expect(fresh.readyState).toBe(WebSocket.OPEN);
    const own = [...server.context.registry.connections.values()].filter((c) => c.path === '/echo');
    expect(own.map((c) => [c.remote, c.session !== null])).toEqual([['127.0.0.1', true]]);
    fresh.close();
    page.close();
  });

  it('refuses a socket.io ticket from another address on its first polling request', async () => {
    server = await startTestServer();
    const page = await TestInspector.open(server);
    const ticket = await page.ticket('socket.io');
    const status = await statusOf(
      `ws://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=websocket&ticket=${ticket}`,
      '127.0.0.2',
    );
    expect(status).toBe(403);
    page.close();
  });
});
