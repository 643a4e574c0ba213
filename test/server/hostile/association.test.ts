import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../../server/server.ts';
import { openWs, startTestServer, TestInspector, waitFor, wsUrl } from '../helpers.ts';

/**
 * Issue 15, items 9 and 10: a connection joins a session only with a single-use ticket its page asked
 * for on /inspect. Nothing in a URL that a tapped connection or the projector shows is proof.
 */
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function refusedWith(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('open', () => reject(new Error('it opened')));
    ws.once('error', () => {});
  });
}

/** The request target of a connection as the presenter's view shows it (tapped request bytes). */
async function shownTarget(presenter: TestInspector, connection: number): Promise<string> {
  const read = await waitFor(() => {
    const bytes = presenter.bytes(connection, 'read');
    return bytes.includes('\r\n\r\n') ? bytes : undefined;
  }, 'request bytes');
  return read.toString('latin1').split(' ')[1]!;
}

async function openRecord(inspector: TestInspector, before: Set<unknown>): Promise<number> {
  return waitFor(
    () => inspector.records.find((r) => r.kind === 'open' && !before.has(r.connection))?.connection,
    'open record',
  );
}

describe('item 9: what the projector shows of a page’s socket lets nobody into that page', () => {
  it('visitor B replaying A’s request target is refused, and A never sees B’s frames', async () => {
    server = await startTestServer({ presenterToken: 'presenter-token-long-enough' });
    const presenter = await TestInspector.open(server, { presenterToken: 'presenter-token-long-enough' });
    const a = await TestInspector.open(server);
    const aEcho = await openWs(await a.echoUrl());
    const aId = await openRecord(a, new Set());
    // The projector shows A's bytes only once A shares them and the presenter puts them on screen.
    expect(await a.request({ type: 'share', on: true })).toMatchObject({ ok: true });
    expect(await presenter.request({ type: 'watch', connection: aId })).toMatchObject({ ok: true });
    const target = await shownTarget(presenter, aId);
    expect(target).toMatch(/^\/echo\?ticket=/);

    const seenByA = new Set(a.records.map((r) => r.connection));
    expect(await refusedWith(wsUrl(server, target))).toBe(403);
    // A join key and a tab id, as the old URLs had them, are no proof of anything either.
    const b = await openWs(wsUrl(server, `/echo?join=${target.split('=')[1]}&tab=abc`));
    b.send('B writes into A’s view?');
    await new Promise((resolve) => b.once('message', resolve));
    expect(a.records.filter((r) => !seenByA.has(r.connection) && r.connection !== undefined)).toEqual([]);
    expect(server.context.registry.connections.size).toBe(4);
    b.close();
    aEcho.close();
  });

  it('a ticket is single-use, unguessable, and only for the page’s own kind of socket', async () => {
    server = await startTestServer();
    const a = await TestInspector.open(server);
    const url = await a.echoUrl();
    const ticket = new URL(url).searchParams.get('ticket')!;
    expect(Buffer.from(ticket, 'base64url')).toHaveLength(16);
    expect(await refusedWith(wsUrl(server, `/inspect?ticket=${ticket}`))).toBe(403);
    // Refused for /inspect, and spent all the same.
    expect(await refusedWith(url)).toBe(403);
    const fresh = await a.echoUrl();
    (await openWs(fresh)).close();
    expect(await refusedWith(fresh)).toBe(403);
    expect(await refusedWith(wsUrl(server, '/echo?ticket=made-up'))).toBe(403);
  });
});

describe('item 10: no session secret in a socket URL', () => {
  it('/echo?session=SECRET joins nothing: the session’s inspector never sees the connection', async () => {
    server = await startTestServer();
    const a = await TestInspector.open(server);
    expect(a.welcome).not.toHaveProperty('join');
    const echo = await openWs(wsUrl(server, `/echo?session=${a.welcome.session}`));
    echo.send('hello');
    await new Promise((resolve) => echo.once('message', resolve));
    const list = await a.request({ type: 'list' });
    expect(list.connections).toEqual([]);
    expect(a.records.filter((r) => r.kind === 'open')).toEqual([]);
    echo.close();
  });
});
