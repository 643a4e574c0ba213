import { afterAll, describe, expect, it } from 'vitest';
import { findCase } from '../../../src/conform/cases/index.ts';
import { runSuite } from '../../../src/conform/net/runSuite.ts';
import { parseTarget } from '../../../src/conform/net/target.ts';
import { type BadServer, startBadServer } from '../badServers.ts';

/**
 * The client never decides the verdict: once the server's close frame or FIN is in, ws101 writes nothing
 * more (but the close reply), so the server's kernel has no unread bytes to answer with a reset, and the
 * echo and close it sent are all read. 3.4 writes 44 bytes one at a time; these servers end after 25.
 */
describe('the conformance client after the server ends the connection', () => {
  const servers: BadServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  async function run34(finOnly: boolean) {
    const server = await startBadServer({ endAfterBytes: 25, finOnly });
    servers.push(server);
    const target = parseTarget(server.url);
    if ('error' in target) throw new Error(target.error);
    return (await runSuite({ target, cases: [findCase('3.4')!] })).runs[0]!;
  }

  it('after a close frame and FIN: reads the echo and the close, then writes only the close reply', async () => {
    const { observation, verdict } = await run34(false);
    const closeAt = observation.events.find((e) => e.kind === 'close')!.at;
    const sentAfter = observation.transcript.filter((c) => c.direction === 'sent' && c.at >= closeAt);
    expect(sentAfter.map((c) => c.bytes[0])).toEqual([0x88]); // the close reply, nothing else
    const sentBytes = observation.transcript
      .filter((c) => c.direction === 'sent' && c.at < closeAt)
      .reduce((n, c) => n + c.bytes.length, 0);
    expect(sentBytes).toBeLessThan(44);
    expect(observation.events.map((e) => e.kind)).toEqual(['text', 'close']);
    expect(verdict).toMatchObject({ result: 'pass', close: 'ok' });
  });

  it('after a bare FIN: writes nothing more at all, and still has the echo', async () => {
    const { observation, verdict } = await run34(true);
    const finAt = observation.peerEndedAt!;
    expect(finAt).toBeGreaterThan(0);
    expect(observation.transcript.filter((c) => c.direction === 'sent' && c.at > finAt)).toEqual([]);
    expect(observation.events.map((e) => e.kind)).toEqual(['text']);
    // Autobahn: the echo came, then TCP dropped by the server: OK, and a close without code is fine.
    expect(verdict).toMatchObject({ result: 'pass', close: 'ok' });
  });
});
