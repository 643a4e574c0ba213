import { afterEach, describe, expect, it } from 'vitest';
import type { ServerOptions } from '../../../server/options.ts';
import type { RunningServer } from '../../../server/server.ts';
import { startTestServer, TestInspector, waitFor } from '../helpers.ts';

/**
 * Issue 15, items 1–4: the lab's raw clients are counted before anything is awaited, against the
 * requesting visitor's address and session, and live no longer than the session's last inspector.
 */
let server: RunningServer | undefined;
async function start(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  server = await startTestServer(options);
  return server;
}
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const labConnections = (s: RunningServer) =>
  [...s.context.registry.connections.values()].filter((c) => c.lab);

/** Sends commands without waiting for any reply, then collects one reply per id. */
async function burst(inspector: TestInspector, count: number, command: Record<string, unknown>) {
  const ids = Array.from({ length: count }, (_, i) => `burst-${i}`);
  for (const id of ids) inspector.ws.send(JSON.stringify({ ...command, id }));
  return Promise.all(
    ids.map((id) => waitFor(() => inspector.replies.find((r) => r.id === id), `reply ${id}`, 10_000)),
  );
}

describe('item 1: the per-session lab cap is counted before anything is awaited', () => {
  it('12 "open a lab client" sent at once give 4 lab connections and 8 refusals', async () => {
    const s = await start();
    const inspector = await TestInspector.open(s);
    const replies = await burst(inspector, 12, { type: 'lab.clientOpen' });
    expect(replies.filter((r) => r.type === 'result')).toHaveLength(4);
    expect(replies.filter((r) => r.code === 'too-many')).toHaveLength(8);
    expect(labConnections(s)).toHaveLength(4);
    inspector.close();
  });
});

describe('item 2: lab connections do not outlive the page that opened them', () => {
  it('closes them when the session has no inspector left, even those still opening', async () => {
    const s = await start({ labGraceMs: 50 });
    const inspector = await TestInspector.open(s);
    const opened = await inspector.request({ type: 'lab.clientOpen' });
    expect(opened).toMatchObject({ type: 'result', ok: true });
    // Three more asked for, and the page gone before they arrive.
    for (let i = 0; i < 3; i++)
      inspector.ws.send(JSON.stringify({ type: 'lab.clientOpen', id: `late-${i}` }));
    inspector.ws.terminate();
    await waitFor(() => (labConnections(s).length === 0 ? true : undefined), 'no lab connection left');
    await waitFor(() => (s.context.lab.clients.size === 0 ? true : undefined), 'no lab client left');
    expect(labConnections(s)).toHaveLength(0);
  });

  it('keeps them for a page that comes back within the grace (a reload)', async () => {
    const s = await start({ labGraceMs: 2_000 });
    const first = await TestInspector.open(s);
    expect(await first.request({ type: 'lab.clientOpen' })).toMatchObject({ ok: true });
    first.close();
    const again = await TestInspector.open(s, { session: first.welcome.session });
    expect(again.welcome.resumed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(labConnections(s)).toHaveLength(1);
    again.close();
  });
});

describe('item 3: lab connections count against the requesting visitor’s address', () => {
  it('with 3 connections per address, an inspector gets 2 lab connections, not 4', async () => {
    const s = await start({ maxConnectionsPerIp: 3 });
    const inspector = await TestInspector.open(s);
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await inspector.request({ type: 'lab.clientOpen' }));
    expect(replies.filter((r) => r.type === 'result')).toHaveLength(2);
    expect(replies.slice(2).map((r) => r.code)).toEqual(['too-many-from-address', 'too-many-from-address']);
    expect(s.context.registry.countFor('127.0.0.1')).toBe(3);
    inspector.close();
  });

  it('a burst counts pending lab connections too', async () => {
    const s = await start({ maxConnectionsPerIp: 3 });
    const inspector = await TestInspector.open(s);
    const replies = await burst(inspector, 4, { type: 'lab.clientOpen' });
    expect(replies.filter((r) => r.type === 'result')).toHaveLength(2);
    expect(labConnections(s)).toHaveLength(2);
    inspector.close();
  });
});

describe('item 4: no listener is left behind per lab command', () => {
  it('30 rounds of "open a lab client, close it" leave the inspector’s listeners as they were', async () => {
    const s = await start();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const inspector = await TestInspector.open(s);
    const serverSide = [...s.context.registry.connections.values()].find((c) => c.endpoint === 'inspect')!;
    const before = serverSide.ws.listenerCount('close');
    for (let i = 0; i < 30; i++) {
      const opened = await inspector.request({ type: 'lab.clientOpen' });
      const id = opened.connection as number;
      expect(await inspector.request({ type: 'lab.close', connection: id })).toMatchObject({ ok: true });
      await waitFor(() => (s.context.registry.connections.has(id) ? undefined : true), 'lab closed');
    }
    expect(serverSide.ws.listenerCount('close')).toBe(before);
    await waitFor(() => (s.context.lab.clients.size === 0 ? true : undefined), 'lab clients forgotten');
    process.off('warning', onWarning);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    inspector.close();
  });
});
