import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseTable } from '../../../src/conform/cases/index.ts';
import { runSuite } from '../../../src/conform/net/runSuite.ts';
import { parseTarget } from '../../../src/conform/net/target.ts';
import { selectCases } from '../../../src/conform/select.ts';
import type { CaseDef } from '../../../src/conform/types.ts';
import { type Expected, expectedVerdicts } from './expectedVerdicts.ts';
import { type PanelName, type PanelServer, panelNames, startPanelServer } from './panelServers.ts';

/**
 * ws101 conform against servers nobody here wrote, judged by Autobahn's rules: every case's two columns
 * must equal the checked-in table (expectedVerdicts.ts, each line with its source), and the cases whose
 * outcome could hang on timing (3.x, 4.x, 5.15, 6.4.x, 7.x) must give the same verdicts ten runs out of ten.
 * Category 9 is left to `ws101 conform --cases 9.*` and the bench: sizes, not rules. Of 12/13
 * (permessage-deflate) the first row of each subgroup runs here (12 cases of 1,000 messages of 16 B,
 * every offer Autobahn makes); the other 204 rows are the same rules with bigger messages, left to
 * `ws101 conform --cases 12.*,13.*` (docs/conform-autobahn.md gives their time per server).
 */

function pick(patterns: string): CaseDef[] {
  const picked = selectCases(caseTable, patterns);
  if ('error' in picked) throw new Error(picked.error);
  return picked.cases;
}

const rulesCases = caseTable.filter((c) => !c.id.startsWith('9.') && !c.deflate);
const deflateQuick = caseTable.filter((c) => c.deflate && !c.cliOnly);
const timingSensitive = pick('3.*,4.*,5.15,6.4.*,7.*');
const stabilityRuns = 10;

/** Every case whose two columns differ from the table: `id: got result/close, table result/close`. */
async function disagreements(
  server: PanelServer,
  cases: readonly CaseDef[],
  concurrency = 16,
): Promise<string[]> {
  const target = parseTarget(server.url);
  if ('error' in target) throw new Error(target.error);
  // Longer waits than the CLI's: eight test runs share two cores, and a slow answer must not pass for none.
  const run = await runSuite({
    target,
    cases,
    concurrency,
    timing: { closeMs: 3000, handshakeMs: 10_000 },
  });
  const table = expectedVerdicts[server.name];
  return run.runs.flatMap(({ def, verdict }) => {
    const wanted: Expected = table[def.id] ?? { result: 'pass', close: 'ok', source: 'autobahn' };
    const allowed = [wanted.result, ...(wanted.orElse ? [wanted.orElse] : [])].map(
      (r) => `${r}/${wanted.close}`,
    );
    const got = `${verdict.result}/${verdict.close}`;
    return allowed.includes(got)
      ? []
      : [`${def.id}: got ${got}, table ${allowed.join(' or ')} (${verdict.observed.en})`];
  });
}

describe('the conformance panel: real servers, Autobahn rules, checked-in verdicts', () => {
  const servers = new Map<PanelName, PanelServer>();
  beforeAll(async () => {
    const started = await Promise.all(panelNames.map((name) => startPanelServer(name)));
    for (const server of started) servers.set(server.name, server);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([...servers.values()].map((s) => s.close()));
  });

  it('lists only cases that exist, each with its source', () => {
    const ids = new Set(caseTable.map((c) => c.id));
    for (const table of Object.values(expectedVerdicts)) {
      for (const [id, expected] of Object.entries(table)) {
        expect(ids.has(id), id).toBe(true);
        expect(expected.source.length, id).toBeGreaterThan(10);
      }
    }
  });

  it('gives every panel server the table’s verdict on every case of categories 1–7', async () => {
    // The servers run side by side: each run is independent of the others.
    const found = await Promise.all(
      panelNames.map(async (name) => [name, await disagreements(servers.get(name)!, rulesCases)] as const),
    );
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(panelNames.map((name) => [name, []])));
  }, 120_000);

  it('gives every panel server the table’s verdict on 12.x.1 and 13.x.1 (permessage-deflate, every offer)', async () => {
    // Four at a time: each case is a thousand round trips, and the six servers run side by side.
    const found = await Promise.all(
      panelNames.map(
        async (name) => [name, await disagreements(servers.get(name)!, deflateQuick, 4)] as const,
      ),
    );
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(panelNames.map((name) => [name, []])));
  }, 240_000);

  it(`gives the same verdicts on the timing-sensitive cases ${stabilityRuns} runs out of ${stabilityRuns}`, async () => {
    const found = await Promise.all(
      panelNames.map(async (name) => {
        const differences: string[] = [];
        for (let run = 1; run <= stabilityRuns; run++) {
          for (const d of await disagreements(servers.get(name)!, timingSensitive))
            differences.push(`run ${run}: ${d}`);
        }
        return [name, differences] as const;
      }),
    );
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(panelNames.map((name) => [name, []])));
  }, 300_000);
});
