import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { caseTable, deckCaseTable } from '../../src/conform/cases/index.ts';
import { type CaseRun, runSuite } from '../../src/conform/net/runSuite.ts';
import { parseTarget, type Target } from '../../src/conform/net/target.ts';
import { selectCases } from '../../src/conform/select.ts';
import type { CategoryId, Result } from '../../src/conform/types.ts';
import { startTestServer } from '../server/helpers.ts';
import { type BadServer, type Flaws, startBadServer } from './badServers.ts';

// Short waits: the bad servers never close, and a test must not wait a second for each of them.
const timing = { closeMs: 300, replyMs: 500 };

function target(url: string): Target {
  const parsed = parseTarget(url);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

function cases(patterns: string) {
  const picked = selectCases(caseTable, patterns);
  if ('error' in picked) throw new Error(picked.error);
  return picked.cases;
}

const resultOf = (runs: readonly CaseRun[], id: string): Result | undefined =>
  runs.find((r) => r.def.id === id)?.verdict.result;
const failing = (runs: readonly CaseRun[], category: CategoryId) =>
  runs.filter((r) => r.def.category === category && r.verdict.result === 'fail').map((r) => r.def.id);

describe('the suite against the bundled /echo (ws)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('runs every case with no fail, and the results ws publishes for Autobahn', async () => {
    const run = await runSuite({
      target: target(`ws://127.0.0.1:${server.port}/echo`),
      cases: deckCaseTable,
    });
    expect(run.runs).toHaveLength(deckCaseTable.length);
    const notPassing = run.runs
      .filter((r) => r.verdict.result !== 'pass')
      .map((r) => [r.def.id, r.verdict.result]);
    expect(notPassing).toEqual([
      ['ws101.1.3', 'informational'],
      // ws checks UTF-8 once the message is whole: allowed, not fail-fast (ws's own Autobahn report says so).
      ['6.4.1', 'non-strict'],
      ['6.4.2', 'non-strict'],
      ['6.4.3', 'non-strict'],
      ['6.4.4', 'non-strict'],
      ['7.1.6', 'informational'],
      ['7.13.1', 'informational'],
      ['7.13.2', 'informational'],
      // /echo does not negotiate permessage-deflate (/echo?deflate=1 does): Autobahn's UNIMPLEMENTED.
      ...deckCaseTable.filter((c) => c.deflate).map((c) => [c.id, 'unimplemented']),
    ]);
  });

  it('runs 12.x/13.x against /echo?deflate=1: every compressed echo equal, a clean close', async () => {
    const run = await runSuite({
      target: target(`ws://127.0.0.1:${server.port}/echo?deflate=1`),
      cases: cases('12.2.1,13.5.1'),
    });
    expect(
      run.runs.map((r) => [r.def.id, r.verdict.result, r.verdict.close, r.observation.deflate?.echoed]),
    ).toEqual([
      ['12.2.1', 'pass', 'ok', 1000],
      ['13.5.1', 'pass', 'ok', 1000],
    ]);
    // ws answers 13.5's offer with what it asked for: no context takeover, an 8-bit window (ws's 9).
    expect(run.runs[1]!.observation.deflate?.accepted).toMatch(/server_no_context_takeover/);
  });
});

describe('category 9 and 10 against the bundled /echo (ws, 1 MiB limit)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('runs round trips, small writes and auto-fragmentation, and refuses what is over its limit with 1009', async () => {
    const run = await runSuite({
      target: target(`ws://127.0.0.1:${server.port}/echo`),
      cases: cases('9.1.3,9.1.4,9.5.6,9.7.1,9.7.6,9.8.2,10.1.1'),
    });
    expect(run.runs.map((r) => [r.def.id, r.verdict.result, r.verdict.close])).toEqual([
      ['9.1.3', 'pass', 'ok'],
      // 4 MiB is over the bundled server's 1 MiB limit: §7.4.1's 1009, which Autobahn calls a fail.
      ['9.1.4', 'fail', 'failed'],
      ['9.5.6', 'pass', 'ok'],
      ['9.7.1', 'pass', 'ok'],
      ['9.7.6', 'pass', 'ok'],
      ['9.8.2', 'pass', 'ok'],
      ['10.1.1', 'pass', 'ok'],
    ]);
    const roundTrips = run.runs.find((r) => r.def.id === '9.7.6')!;
    expect(roundTrips.observation.events.filter((e) => e.kind === 'text')).toHaveLength(1000);
    expect(run.runs.find((r) => r.def.id === '9.1.4')!.observation.events).toContainEqual(
      expect.objectContaining({ kind: 'close', code: 1009 }),
    );
  });
});

describe('a server that pings while a case is halfway through a frame', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // 700 ms: a ping lands while 6.4.3's frame is half written (9–1009 ms), its pong is due by 1400 ms.
    server = await startTestServer({ heartbeatMs: 700 });
  });
  afterAll(() => server.close());

  it('gets its pong between our frames, never inside one (the frame stays intact)', async () => {
    // 6.4.3/6.4.4 write one frame in three pieces with pauses of 500 ms: the heartbeat pings in between.
    const run = await runSuite({
      target: target(`ws://127.0.0.1:${server.port}/echo`),
      cases: cases('6.4.*,5.19'),
    });
    const pinged = run.runs.filter((r) => r.observation.events.some((e) => e.kind === 'ping'));
    expect(pinged.length).toBeGreaterThan(0);
    expect(run.runs.map((r) => [r.def.id, r.verdict.result])).toEqual([
      ['5.19', 'pass'],
      ['6.4.1', 'non-strict'],
      ['6.4.2', 'non-strict'],
      ['6.4.3', 'non-strict'],
      ['6.4.4', 'non-strict'],
    ]);
  });
});

describe('bad servers are caught', () => {
  const servers: BadServer[] = [];
  const start = async (flaws: Flaws) => {
    const server = await startBadServer(flaws);
    servers.push(server);
    return target(server.url);
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('a lax server (echoes everything, validates nothing) passes plain framing and fails 3, 4, 6 and 7', async () => {
    const run = await runSuite({ target: await start({}), cases: deckCaseTable, timing, concurrency: 32 });
    expect(failing(run.runs, 'framing').filter((id) => /^1\.[12]\./.test(id))).toEqual([]);
    expect(failing(run.runs, 'framing')).toContain('ws101.1.1'); // echoed an unmasked frame
    expect(failing(run.runs, 'reserved-bits')).toEqual(['3.1', '3.2', '3.3', '3.4', '3.5', '3.6']);
    // 3.7's close with RSV = 7, answered with a close 1000: Autobahn's rules give OK and WRONG CODE.
    expect(run.runs.find((r) => r.def.id === '3.7')!.verdict).toMatchObject({
      result: 'pass',
      close: 'wrong-code',
    });
    expect(failing(run.runs, 'opcodes')).toHaveLength(10);
    expect(failing(run.runs, 'utf8')).toEqual(
      expect.arrayContaining(['6.3.1', '6.3.2', '6.4.1', '6.6.1', '6.12.8', '6.20.1', '6.21.8']),
    );
    expect(resultOf(run.runs, '6.22.1')).toBe('pass'); // a non-character is valid UTF-8: echo is right
    expect(failing(run.runs, 'close')).toEqual(
      expect.arrayContaining(['7.3.6', '7.5.1', '7.9.1', '7.9.4', '7.9.9']),
    );
    expect(failing(run.runs, 'pings')).toEqual(['2.5']); // a 126-byte pong is no control frame
    expect(failing(run.runs, 'fragmentation')).toEqual(expect.arrayContaining(['5.1', '5.2', '5.9', '5.18']));
  });

  it('framing and limits: a server without 64-bit lengths fails the 65536-byte cases and above', async () => {
    const run = await runSuite({
      target: await start({ maxMessage65535: true }),
      cases: cases('1.*,9.1.1,9.1.2,9.1.3,9.2.1,9.2.2,9.2.3'),
      timing,
    });
    expect(failing(run.runs, 'framing')).toEqual(['1.1.7', '1.1.8', '1.2.7', '1.2.8']);
    expect(failing(run.runs, 'limits')).toEqual(['9.1.1', '9.1.2', '9.1.3', '9.2.1', '9.2.2', '9.2.3']);
    expect(run.runs.find((r) => r.def.id === '1.1.7')!.verdict.observed.en).toContain('close 1009');
  });

  it('pings: a server that drops the ping payload from its pong', async () => {
    const run = await runSuite({ target: await start({ emptyPongs: true }), cases: cases('2.*'), timing });
    expect(failing(run.runs, 'pings')).toEqual(['2.2', '2.3', '2.4', '2.5', '2.6', '2.9', '2.10', '2.11']);
    expect(resultOf(run.runs, '2.1')).toBe('pass');
  });

  it('fragmentation: a server that echoes fragments as separate messages', async () => {
    const run = await runSuite({
      target: await start({ noReassembly: true }),
      cases: cases('5.*,6.1.*'),
      timing,
    });
    expect(failing(run.runs, 'fragmentation')).toEqual(
      expect.arrayContaining(['5.3', '5.4', '5.5', '5.6', '5.19', '5.20']),
    );
    expect(failing(run.runs, 'utf8')).toEqual(['6.1.2', '6.1.3']);
  });

  it('close: a server that drops TCP instead of answering a close', async () => {
    const run = await runSuite({
      target: await start({ dropOnClose: true }),
      cases: cases('7.1.1,7.3.*,1.1.1'),
      timing,
    });
    // Autobahn: the behaviour is what was echoed; a dropped connection is UNCLEAN in the close column.
    const unclean = run.runs.filter((r) => r.verdict.close === 'unclean').map((r) => r.def.id);
    expect(unclean).toEqual(['1.1.1', '7.1.1', '7.3.1', '7.3.3', '7.3.4', '7.3.5']);
    expect(run.runs.filter((r) => r.verdict.result === 'fail')).toEqual([]);
    expect(run.runs.find((r) => r.def.id === '7.1.1')!.verdict.closeWhy?.en).toBe(
      'no clean closing handshake (close frames both ways, then the server ends TCP)',
    );
  });

  it('a server that floods a case is cut off, not buffered', async () => {
    const run = await runSuite({
      target: await start({ floodBytes: 40 << 20 }),
      cases: cases('1.1.2'),
      timing: { closeAnswerMs: 10_000 }, // the run ends as soon as the flood is cut off
    });
    expect(run.runs[0]!.verdict.result).toBe('fail');
    expect(run.runs[0]!.verdict.observed.en).toContain('sent more than 20 MiB back; the connection was cut');
  });

  it('a case that waits for a close says how long it waited', async () => {
    const run = await runSuite({ target: await start({}), cases: cases('3.1'), timing });
    // At least the 300 ms asked for; a busy machine may wake the timer later, and the text says so.
    const waited = Number(/no close within (\d+) ms/.exec(run.runs[0]!.verdict.observed.en)?.[1]);
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(run.runs[0]!.observation.waitedMs).toBeCloseTo(waited, -1);
  });
});
