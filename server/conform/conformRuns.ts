import { randomBytes } from 'node:crypto';
import { caseTable } from '../../src/conform/cases/index.ts';
import { findConformEndpoint } from '../../src/conform/endpoints.ts';
import { runSuite } from '../../src/conform/net/runSuite.ts';
import { selectCases } from '../../src/conform/select.ts';
import { directionBytes } from '../../src/conform/transcript.ts';
import { toHex } from '../../src/protocol/index.ts';
import type { ConformRunJson } from '../../src/shared/inspector/protocol.ts';
import { tokensEqual } from '../sessions.ts';

/** Bytes of one case the page gets, per TCP write/read, cut so a 256 KiB case stays small. */
const pageBytesPerCase = 2048;
/** Cases at once within one run: the suite's connections come from loopback and count against its cap. */
const casesAtOnce = 8;

export type ConformError = { code: string; message: string };

/**
 * The deck's conformance runs, bounded: one at a time per session, `maxRuns` at a time on the server.
 * Each run connects to our own listening address, so it exercises the very endpoint a visitor uses.
 */
export class ConformRuns {
  private readonly running = new Set<string>();
  /** Marks our own suite's connections (`?conform=…`), so no visitor can pass for one. */
  private readonly ticket = randomBytes(16).toString('base64url');

  constructor(
    private readonly target: () => { host: string; port: number },
    readonly maxRuns = 2,
  ) {}

  get active(): number {
    return this.running.size;
  }

  /** True for the ticket this server's own runs carry. */
  accepts(ticket: string): boolean {
    return tokensEqual(ticket, this.ticket);
  }

  async run(
    sessionToken: string,
    endpointId: string,
    cases: string | undefined,
  ): Promise<ConformRunJson | { error: ConformError }> {
    const endpoint = findConformEndpoint(endpointId);
    if (!endpoint)
      return { error: { code: 'unknown-endpoint', message: `no conformance endpoint '${endpointId}'` } };
    const picked = selectCases(caseTable, cases);
    if ('error' in picked) return { error: { code: 'bad-cases', message: picked.error } };
    if (this.running.has(sessionToken)) {
      return { error: { code: 'busy', message: 'a run of yours is still going: one at a time' } };
    }
    if (this.running.size >= this.maxRuns) {
      return {
        error: {
          code: 'server-busy',
          message: `the server runs at most ${this.maxRuns} suites at once; try again shortly`,
        },
      };
    }
    this.running.add(sessionToken);
    try {
      const { host, port } = this.target();
      const hostText = host.includes(':') ? `[${host}]` : host;
      const run = await runSuite({
        target: {
          url: `ws://${hostText}:${port}${endpoint.path}`,
          secure: false,
          host,
          port,
          path: `${endpoint.path}${endpoint.path.includes('?') ? '&' : '?'}conform=${this.ticket}`,
        },
        cases: picked.cases,
        concurrency: casesAtOnce,
      });
      return {
        endpoint: endpoint.id,
        path: endpoint.path,
        durationMs: Math.round(run.durationMs),
        cases: run.runs.map(({ def, verdict, observation }) => {
          const budget = { s: pageBytesPerCase, r: pageBytesPerCase };
          const chunks: { d: 's' | 'r'; at: number; hex: string }[] = [];
          for (const chunk of observation.transcript) {
            const d = chunk.direction === 'sent' ? 's' : 'r';
            if (budget[d] <= 0) continue;
            const kept = chunk.bytes.subarray(0, budget[d]);
            budget[d] -= kept.length;
            chunks.push({ d, at: Math.round(chunk.at * 10) / 10, hex: toHex(kept) });
          }
          return {
            id: def.id,
            result: verdict.result,
            expected: verdict.expected,
            observed: verdict.observed,
            ...(verdict.why === undefined ? {} : { why: verdict.why }),
            durationMs: Math.round(observation.durationMs),
            chunks,
            sentBytes: directionBytes(observation.transcript, 'sent', 0).total,
            receivedBytes: directionBytes(observation.transcript, 'received', 0).total,
          };
        }),
      };
    } catch (error) {
      return { error: { code: 'conform-failed', message: (error as Error).message } };
    } finally {
      this.running.delete(sessionToken);
    }
  }
}
