import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server.ts';
import { openWs, startTestServer, TestInspector, waitFor } from '../helpers.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the comparison’s sockets, told to their page by the server (pageSocket)', () => {
  it('names each library socket for the page that opened it, and for no other tab', async () => {
    server = await startTestServer();
    const page = await TestInspector.open(server, { page: 'tab-a' });
    const otherTab = await TestInspector.open(server, { session: page.welcome.session, page: 'tab-b' });
    const sockets = [
      await openWs(await page.socketUrl('echo')),
      await openWs(await page.socketUrl('echo', '&compare=1')),
      await openWs(await page.socketUrl('wsnode-echo'), 'echo-protocol'),
      await openWs(await page.socketUrl('wsnode-seed'), 'echo-protocol'),
    ];
    const socketIo = io(`http://127.0.0.1:${server.port}`, {
      transports: ['polling', 'websocket'],
      query: { ticket: await page.ticket('socket.io') },
      reconnection: false,
      forceNew: true,
    });
    await new Promise((resolve) => socketIo.once('connect', () => resolve(null)));
    await waitFor(() => (socketIo.io.engine.transport.name === 'websocket' ? true : undefined), 'upgrade');

    const opened = (inspector: TestInspector) =>
      inspector.records.filter((r) => r.kind === 'open' && r.endpoint !== 'inspect');
    const byEndpoint = () => {
      const seen = new Map<string, Set<unknown>>();
      for (const record of opened(page)) {
        const key = `${record.endpoint}`;
        seen.set(key, (seen.get(key) ?? new Set()).add(record.pageSocket));
      }
      return seen.has('socket.io') && seen.has('socket.io-polling') ? seen : undefined;
    };
    const seen = await waitFor(byEndpoint, 'open records');
    expect([...seen.get('echo')!].sort()).toEqual(['echo', 'ws']);
    expect([...seen.get('wsnode-echo')!]).toEqual(['wsnode']);
    expect([...seen.get('wsnode-seed')!]).toEqual(['seed']);
    // Every polling exchange of its Engine.IO session is the page's, not only the first (it names sid=).
    expect([...seen.get('socket.io-polling')!]).toEqual(['socket.io']);
    expect([...seen.get('socket.io')!]).toEqual(['socket.io']);
    await waitFor(() => (opened(otherTab).length >= opened(page).length ? true : undefined), 'other tab');
    expect(new Set(opened(otherTab).map((r) => r.pageSocket))).toEqual(new Set([null]));

    socketIo.close();
    for (const socket of sockets) socket.close();
  });
});
