import { createHash } from 'node:crypto';
import { deckCaseTable } from '../../src/conform/cases/index.ts';
import { type ConformEndpoint, conformEndpoints } from '../../src/conform/endpoints.ts';
import type { CaseDef } from '../../src/conform/types.ts';

/**
 * What a case does and expects: its id, category, steps (the bytes it sends), expectation and time
 * limits. Its words (title, why, RFC section, how it differs from Autobahn) are left out: the slide reads
 * them from the case table itself, so rewording a case leaves its recorded result true.
 */
function behaviour(def: CaseDef): unknown {
  return {
    id: def.id,
    category: def.category,
    // A raw piece is part of one frame masked with a key drawn as the table loads (6.4.x): its bytes
    // differ from one load to the next, its length does not.
    steps: def.steps.map((step) => ('raw' in step ? { rawLength: step.raw.length } : step)),
    expect: def.expect,
    deflate: def.deflate ?? null,
    waitMs: def.waitMs ?? null,
  };
}

/** Where a run goes: the endpoint's id, its path(s), the socket its tickets open, the subprotocols offered. */
function target(endpoint: ConformEndpoint): unknown {
  return {
    id: endpoint.id,
    path: endpoint.path,
    socket: endpoint.socket,
    protocols: endpoint.protocols ?? null,
    deflatePath: endpoint.deflatePath ?? null,
  };
}

/** Bytes by their own digest (a case may send a 64 KiB payload), bigints as text: JSON has neither. */
function plain(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return `bytes:${createHash('sha256').update(value).digest('hex')}`;
  if (typeof value === 'bigint') return `bigint:${value}`;
  return value;
}

/**
 * A hash of what the deck's conformance run is made of: the cases it runs (what each sends and expects)
 * and the endpoints it runs them against. `npm run record` stores it with the recorded run
 * (slides/recordings/conform.json); once the suite or the endpoints change, the stored one differs and the
 * static build refuses the recording as stale (tools/recordings/checkRecordings.ts).
 */
export function conformSuiteHash(
  cases: readonly CaseDef[] = deckCaseTable,
  endpoints: readonly ConformEndpoint[] = conformEndpoints,
): string {
  const suite = { cases: cases.map(behaviour), endpoints: endpoints.map(target) };
  return createHash('sha256').update(JSON.stringify(suite, plain)).digest('hex').slice(0, 16);
}
