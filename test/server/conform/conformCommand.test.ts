import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server.ts';
import { conformEndpoints } from '../../../src/conform/endpoints.ts';
import { openWs, startTestServer, TestInspector, waitFor, wsUrl } from '../helpers.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ presenterToken: 'presenter-secret' });
});
afterAll(() => server.close());

/** Sends without waiting, so two commands can be in flight at once (ids above the helper's own). */
function send(inspector: TestInspector, id: number, command: Record<string, unknown>) {
  inspector.ws.send(JSON.stringify({ ...command, id }));
  return waitFor(() => inspector.replies.find((r) => r.id === id), `reply ${id}`, 20_000);
}

describe('conform.run on /inspect', () => {
  it('runs the chosen cases against the server’s own /echo and returns every case with its bytes', async () => {
    const inspector = await TestInspector.open(server);
    const reply = await send(inspector, 100, { type: 'conform.run', endpoint: 'ws', cases: '1.1.*,3.1' });
    expect(reply).toMatchObject({ type: 'result', ok: true, endpoint: 'ws', path: '/echo' });
    const cases = reply.cases as {
      id: string;
      result: string;
      chunks: { d: string; hex: string }[];
      sentBytes: number;
    }[];
    expect(cases.map((c) => [c.id, c.result])).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`1.1.${n}`, 'pass']),
      ['3.1', 'pass'],
    ]);
    const rsv = cases.find((c) => c.id === '3.1')!;
    expect(rsv.chunks[0]).toMatchObject({ d: 's' });
    expect(rsv.chunks[0]!.hex.slice(0, 2)).toBe('91'); // FIN + RSV3 + text, as the case wrote it
    expect(rsv.chunks.find((c) => c.d === 'r')!.hex.slice(0, 4)).toBe('8802'); // the server's close…
    expect(rsv.chunks.find((c) => c.d === 'r')!.hex.slice(4, 8)).toBe('03ea'); // …with 1002
    // A 65536-byte case is cut for the page, the totals say how much crossed the wire.
    const big = cases.find((c) => c.id === '1.1.7')!;
    expect(big.sentBytes).toBeGreaterThan(65536);
    expect(
      big.chunks.filter((c) => c.d === 's').reduce((n, c) => n + c.hex.length / 2, 0),
    ).toBeLessThanOrEqual(2048);
    inspector.close();
  });

  it('targets only the server’s own endpoints: an id from the list, never a URL', async () => {
    expect(conformEndpoints.map((e) => e.path)).toContain('/echo');
    const inspector = await TestInspector.open(server);
    for (const endpoint of ['ws://example.com/echo', '/echo', 'chat']) {
      const reply = await inspector.request({ type: 'conform.run', endpoint });
      expect(reply).toMatchObject({ type: 'error', code: 'unknown-endpoint' });
    }
    expect(await inspector.request({ type: 'conform.run', endpoint: 'ws', cases: '42.*' })).toMatchObject({
      type: 'error',
      code: 'bad-cases',
    });
    expect(await inspector.request({ type: 'conform.run' })).toMatchObject({
      type: 'error',
      code: 'bad-command',
    });
    inspector.close();
  });

  it('allows one run per session at a time, and two on the whole server', async () => {
    const [a, b, c] = await Promise.all([
      TestInspector.open(server),
      TestInspector.open(server),
      TestInspector.open(server),
    ]);
    const slow = { type: 'conform.run', endpoint: 'ws', cases: '6.4.*' }; // each waits 1 s by design
    const first = send(a, 101, slow);
    const again = await send(a, 102, slow);
    expect(again).toMatchObject({ type: 'error', code: 'busy' });
    const second = send(b, 101, slow);
    const third = await send(c, 101, slow);
    expect(third).toMatchObject({ type: 'error', code: 'server-busy' });
    expect(await first).toMatchObject({ ok: true });
    expect(await second).toMatchObject({ ok: true });
    // Once they are done, the next run goes ahead.
    expect(await send(c, 102, { type: 'conform.run', endpoint: 'ws', cases: '2.1' })).toMatchObject({
      ok: true,
    });
    for (const inspector of [a, b, c]) inspector.close();
  });

  it('keeps the suite’s own connections out of every inspector, even the presenter’s', async () => {
    const presenter = await TestInspector.open(server, { presenterToken: 'presenter-secret' });
    const visitor = await TestInspector.open(server);
    const reply = await send(visitor, 101, { type: 'conform.run', endpoint: 'ws', cases: '1.1.1,1.1.2,2.*' });
    expect(reply).toMatchObject({ ok: true });
    const listed = await presenter.request({ type: 'list' });
    const paths = (listed.connections as { path: string }[]).map((c) => c.path);
    expect(paths).not.toContain('/echo');
    expect(presenter.records.filter((r) => r.kind === 'open')).toEqual([]);
    presenter.close();
    visitor.close();
  });

  it('refuses a connection that claims to be the suite’s with a ticket it made up', async () => {
    await expect(openWs(wsUrl(server, '/echo?conform=guess'))).rejects.toThrow('403');
  });
});
