import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { conformCasesAtOnce } from '../../../server/conform/conformRuns.ts';
import type { RunningServer } from '../../../server/server.ts';
import { deckCaseTable as caseTable } from '../../../src/conform/cases/index.ts';
import { conformEndpoints } from '../../../src/conform/endpoints.ts';
import { closed, openWs, startTestServer, TestInspector, waitFor } from '../helpers.ts';

type CaseJson = {
  id: string;
  result: string;
  chunks: { d: string; hex: string }[];
  sentBytes: number;
};
type Run = { reply: Record<string, unknown>; parts: Record<string, unknown>[]; cases: CaseJson[] };

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ presenterToken: 'presenter-secret-123' });
});
afterAll(() => server.close());

/**
 * Sends `conform.run` without waiting (ids above the helper's own), then waits for its `result` or
 * `error`: the `conform.cases` parts that share its id come first.
 */
function start(inspector: TestInspector, id: number, command: Record<string, unknown>): Promise<Run> {
  inspector.ws.send(JSON.stringify({ type: 'conform.run', ...command, id }));
  return waitFor(
    () => {
      const mine = inspector.replies.filter((r) => r.id === id);
      const reply = mine.find((r) => r.type !== 'conform.cases');
      if (!reply) return undefined;
      const parts = mine.filter((r) => r.type === 'conform.cases');
      // Everything of this run arrived in order: no part after its result.
      expect(inspector.replies.lastIndexOf(parts.at(-1)!)).toBeLessThan(inspector.replies.indexOf(reply));
      return { reply, parts, cases: parts.flatMap((p) => p.cases as CaseJson[]) };
    },
    `run ${id}`,
    60_000,
  );
}

const conformConnections = (s: RunningServer) =>
  [...s.context.registry.connections.values()].filter((c) => c.conform);

describe('conform.run on /inspect', () => {
  it('runs the chosen cases against the server’s own /echo and sends every case, with its bytes, in parts', async () => {
    const inspector = await TestInspector.open(server);
    const { reply, parts, cases } = await start(inspector, 100, { endpoint: 'ws', cases: '1.1.*,3.1' });
    expect(reply).toMatchObject({ type: 'result', ok: true, endpoint: 'ws', path: '/echo', total: 9 });
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.map((p) => p.done)).toEqual(
      [...parts.map((p) => p.done)].sort((a, b) => Number(a) - Number(b)),
    );
    expect(parts.at(-1)).toMatchObject({ endpoint: 'ws', done: 9, total: 9 });
    // The cases come as they finish; the page sorts them by id.
    expect(cases.map((c) => [c.id, c.result]).sort()).toEqual(
      [...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`1.1.${n}`, 'pass']), ['3.1', 'pass']].sort(),
    );
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
    const slow = { endpoint: 'ws', cases: '6.4.*' }; // each waits 1 s by design
    const first = start(a, 101, slow);
    expect((await start(a, 102, slow)).reply).toMatchObject({ type: 'error', code: 'busy' });
    // Another page of the same session (a second tab) is the same session: still one at a time.
    const sameSession = await TestInspector.open(server, { session: a.welcome.session });
    expect((await start(sameSession, 101, slow)).reply).toMatchObject({ type: 'error', code: 'busy' });
    const second = start(b, 101, slow);
    expect((await start(c, 101, slow)).reply).toMatchObject({ type: 'error', code: 'server-busy' });
    expect((await first).reply).toMatchObject({ ok: true });
    expect((await second).reply).toMatchObject({ ok: true });
    // Once they are done, the next run goes ahead.
    expect((await start(c, 102, { endpoint: 'ws', cases: '2.1' })).reply).toMatchObject({ ok: true });
    for (const inspector of [a, b, c, sameSession]) inspector.close();
  });

  it('shows a run to the page that asked only: not the presenter, not another page of its session', async () => {
    const presenter = await TestInspector.open(server, { presenterToken: 'presenter-secret-123' });
    const visitor = await TestInspector.open(server);
    const otherTab = await TestInspector.open(server, { session: visitor.welcome.session });
    const { reply, cases } = await start(visitor, 101, { endpoint: 'ws', cases: '1.1.1,1.1.2,2.*' });
    expect(reply).toMatchObject({ ok: true });
    expect(cases).toHaveLength(13);
    for (const inspector of [presenter, otherTab]) {
      const listed = await inspector.request({ type: 'list' });
      expect((listed.connections as { path: string }[]).map((c) => c.path)).not.toContain('/echo');
      expect(inspector.records.filter((r) => r.kind === 'open')).toEqual([]);
      expect(inspector.replies.filter((r) => r.type === 'conform.cases')).toEqual([]);
    }
    presenter.close();
    visitor.close();
    otherTab.close();
  });

  it('dials with single-use tickets: its connections belong to no session and pass the Host check', async () => {
    const inspector = await TestInspector.open(server);
    const issued: string[] = [];
    const tickets = server.context.tickets;
    const forConform = tickets.forConform.bind(tickets);
    tickets.forConform = (...args) => {
      const ticket = forConform(...args);
      issued.push(ticket);
      return ticket;
    };
    try {
      const run = start(inspector, 101, { endpoint: 'ws', cases: '6.4.*' });
      const seen = await waitFor(
        () => (conformConnections(server).length > 0 ? conformConnections(server) : undefined),
        'the run’s connections',
      );
      for (const connection of seen) {
        expect(connection.session).toBeNull();
        expect(connection.endpoint).toBe('echo');
        expect(connection.address).toBe('127.0.0.1'); // the requester's, held by the run
      }
      expect((await run).reply).toMatchObject({ ok: true, total: 4 });
    } finally {
      tickets.forConform = forConform;
    }
    // One ticket per connection (the probe and the four cases), each different, each spent.
    expect(issued).toHaveLength(5);
    expect(new Set(issued).size).toBe(5);
    await expect(openWs(`ws://127.0.0.1:${server.port}/echo?ticket=${issued[0]}`)).rejects.toThrow('403');
    inspector.close();
  });

  it('runs against WebSocket-Node’s /wsnode/echo too: offering echo-protocol, with its own tickets, hidden and unlogged', async () => {
    const inspector = await TestInspector.open(server);
    const presenter = await TestInspector.open(server, { presenterToken: 'presenter-secret-123' });
    const logged: Record<string, unknown>[] = [];
    const log = server.context.log;
    const [info, warn] = [log.info, log.warn];
    log.info = (event, fields) => logged.push({ event, ...fields });
    log.warn = (event, fields) => logged.push({ event, ...fields });
    const issued: string[] = [];
    const tickets = server.context.tickets;
    const forConform = tickets.forConform.bind(tickets);
    let asked: Parameters<typeof forConform> | undefined;
    tickets.forConform = (...args) => {
      asked = args;
      const ticket = forConform(...args);
      issued.push(ticket);
      return ticket;
    };
    try {
      const run = start(inspector, 101, { endpoint: 'wsnode', cases: '1.1.1,2.1,6.4.1,ws101.1.*' });
      const seen = await waitFor(
        () => (conformConnections(server).length > 0 ? conformConnections(server) : undefined),
        'the run’s connections',
      );
      for (const connection of seen) {
        expect(connection).toMatchObject({ endpoint: 'wsnode-echo', path: '/wsnode/echo', session: null });
        expect(connection.address).toBe('127.0.0.1'); // the requester's, held by the run
        expect(connection.ws.protocol).toBe('echo-protocol');
      }
      const { reply, cases } = await run;
      expect(reply).toMatchObject({ ok: true, endpoint: 'wsnode', path: '/wsnode/echo', total: 6 });
      const results = Object.fromEntries(cases.map((c) => [c.id, c.result]));
      expect(results).toEqual({
        '1.1.1': 'pass',
        '2.1': 'pass',
        '6.4.1': 'non-strict',
        // WebSocket-Node 1.0.x never checks that a client masked its frame (§5.1 says the server MUST
        // close): it echoes the unmasked text. A finding the slide shows, not a fault of the suite.
        'ws101.1.1': 'fail',
        'ws101.1.2': 'pass',
        'ws101.1.3': 'informational',
      });
      // Each connection carried a ticket of its own.
      expect(issued).toHaveLength(7); // the probe and six cases
      expect(new Set(issued).size).toBe(7);
    } finally {
      tickets.forConform = forConform;
      log.info = info;
      log.warn = warn;
    }
    // Nothing of the run in the server's log, nor in the presenter's view.
    expect(logged.filter((l) => l.path === '/wsnode/echo' || l.event === 'seed')).toEqual([]);
    expect(logged.filter((l) => ['open', 'close', 'error'].includes(String(l.event)))).toEqual([]);
    const listed = await presenter.request({ type: 'list' });
    expect((listed.connections as { path: string }[]).map((c) => c.path)).not.toContain('/wsnode/echo');
    expect(presenter.records.filter((r) => r.kind === 'open')).toEqual([]);
    // A spent ticket opens nothing; a conform ticket for /wsnode/echo does not open /echo either.
    await expect(
      openWs(`ws://127.0.0.1:${server.port}/wsnode/echo?ticket=${issued[0]}`, 'echo-protocol'),
    ).rejects.toThrow('403');
    expect(asked?.[2]).toBe('wsnode-echo');
    const fresh = tickets.forConform(asked![0], '127.0.0.1', 'wsnode-echo', 5000);
    await expect(openWs(`ws://127.0.0.1:${server.port}/echo?ticket=${fresh}`)).rejects.toThrow('403');
    inspector.close();
    presenter.close();
  });

  it('runs 12.x/13.x on ws’s echo with permessage-deflate on (/echo?deflate=1); WebSocket-Node has none', async () => {
    const inspector = await TestInspector.open(server);
    const ws = await start(inspector, 101, { endpoint: 'ws', cases: '12.1.1,13.5.1' });
    // Cases come back as they finish: compared in the table's order.
    expect(ws.cases.map((c) => [c.id, c.result]).sort()).toEqual([
      ['12.1.1', 'pass'],
      ['13.5.1', 'pass'],
    ]);
    const wsnode = await start(inspector, 102, { endpoint: 'wsnode', cases: '12.1.1' });
    expect(wsnode.cases.map((c) => [c.id, c.result])).toEqual([['12.1.1', 'unimplemented']]);
    inspector.ws.close();
  });

  it('stops starting cases when the page that asked leaves, and gives back its room', async () => {
    // The earlier tests' sockets are gone first, so the address's count is this test's alone.
    await waitFor(
      () => (server.context.registry.connections.size === 0 ? true : undefined),
      'a quiet server',
    );
    const before = server.context.registry.countFor('127.0.0.1');
    const inspector = await TestInspector.open(server);
    inspector.ws.send(JSON.stringify({ type: 'conform.run', endpoint: 'ws', cases: '6.*', id: 101 }));
    await waitFor(() => (conformConnections(server).length > 0 ? true : undefined), 'the run to start');
    expect(server.context.registry.countFor('127.0.0.1')).toBe(before + 1 + conformCasesAtOnce);
    inspector.close();
    // 145 cases would take seconds more; those under way finish (at most one wait of a close each).
    await waitFor(
      () =>
        server.context.conformRuns.active === 0 && conformConnections(server).length === 0 ? true : undefined,
      'the run to stop',
      10_000,
    );
    await waitFor(
      () => (server.context.registry.countFor('127.0.0.1') === before ? true : undefined),
      'the address’s count back',
    );
  });
});

describe('a run counts against the visitor’s caps', () => {
  let small: RunningServer;
  beforeAll(async () => {
    small = await startTestServer({ maxConnectionsPerIp: conformCasesAtOnce + 2 });
  });
  afterAll(() => small.close());

  it('holds room for its connections from its start: none of the address’s own past the cap, nor a run without room', async () => {
    const inspector = await TestInspector.open(small); // 1
    const run = start(inspector, 101, { endpoint: 'ws', cases: '6.4.*' }); // + 8 held at once
    await waitFor(() => (conformConnections(small).length > 0 ? true : undefined), 'the run to start');
    const echo = await openWs(await inspector.echoUrl()); // 10: the cap
    await expect(openWs(await inspector.echoUrl())).rejects.toThrow('503');
    // The lab counts the run's room too.
    expect(await inspector.request({ type: 'lab.clientOpen' })).toMatchObject({
      type: 'error',
      code: 'too-many-from-address',
    });
    expect((await run).reply).toMatchObject({ ok: true });
    // Done: its room is back, but a run needs all of it at once; with the echo still open it does not fit.
    const other = await TestInspector.open(small); // 1 + 1 + 1
    expect((await start(other, 101, { endpoint: 'ws', cases: '2.1' })).reply).toMatchObject({
      type: 'error',
      code: 'too-many-from-address',
    });
    echo.close();
    await closed(echo);
    expect((await start(other, 102, { endpoint: 'ws', cases: '2.1' })).reply).toMatchObject({ ok: true });
    inspector.close();
    other.close();
  });
});

describe('a run’s results respect the page’s bounded queue', () => {
  let tight: RunningServer;
  beforeAll(async () => {
    // A 64 KiB bound: a whole run's cases in one message (~1 MiB) would be closed with 1008 at once.
    tight = await startTestServer({ inspectorBufferLimit: 64 * 1024 });
  });
  afterAll(() => tight.close());

  it('sends every case of the whole table in parts under the bound, even to a page that reads late', async () => {
    const inspector = await TestInspector.open(tight);
    const socket = (inspector.ws as unknown as { _socket: import('node:net').Socket })._socket;
    socket.pause(); // the page is busy: nothing read for a second
    const run = start(inspector, 101, { endpoint: 'ws' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    socket.resume();
    const { reply, parts, cases } = await run;
    expect(reply).toMatchObject({ ok: true, total: caseTable.length });
    expect(caseTable.length).toBeGreaterThanOrEqual(250);
    expect(new Set(cases.map((c) => c.id))).toEqual(new Set(caseTable.map((c) => c.id)));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(JSON.stringify(part).length).toBeLessThan(64 * 1024);
    expect(inspector.ws.readyState).toBe(inspector.ws.OPEN);
    expect(cases.filter((c) => c.result === 'fail').map((c) => c.id)).toEqual([]);
    inspector.close();
  }, 90_000);
});

describe('over TLS', () => {
  const openssl = (() => {
    try {
      execFileSync('openssl', ['version']);
      return true;
    } catch {
      return false;
    }
  })();

  it.runIf(openssl)(
    'a run dials the server’s own wss endpoint (its certificate names the LAN, not loopback)',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'ws101-conform-tls-'));
      const [cert, key] = [join(folder, 'cert.pem'), join(folder, 'key.pem')];
      // A classroom certificate: for the LAN name, which the run (dialling 127.0.0.1) cannot verify.
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=ws101.lan'].concat([
          '-addext',
          'subjectAltName=DNS:ws101.lan',
          '-keyout',
          key,
          '-out',
          cert,
        ]),
        { stdio: 'ignore' },
      );
      const s = await startTestServer({ tlsCert: cert, tlsKey: key });
      try {
        const inspector = new WebSocket(`wss://127.0.0.1:${s.port}/inspect`, { rejectUnauthorized: false });
        await new Promise((resolve, reject) => inspector.once('open', resolve).once('error', reject));
        const messages: Record<string, unknown>[] = [];
        inspector.on('message', (data) => messages.push(JSON.parse(data.toString())));
        inspector.send(JSON.stringify({ type: 'hello', v: 1, id: 'h' }));
        inspector.send(
          JSON.stringify({ type: 'conform.run', endpoint: 'ws', cases: '1.1.1,2.1,3.1', id: 'r' }),
        );
        const reply = await waitFor(
          () => messages.find((m) => m.id === 'r' && m.type !== 'conform.cases'),
          'the run over TLS',
          20_000,
        );
        expect(reply).toMatchObject({ type: 'result', ok: true, total: 3 });
        const cases = messages
          .filter((m) => m.type === 'conform.cases')
          .flatMap((m) => m.cases as CaseJson[]);
        expect(cases.map((c) => c.result)).toEqual(['pass', 'pass', 'pass']);
        inspector.close();
      } finally {
        await s.close();
      }
    },
  );
});
