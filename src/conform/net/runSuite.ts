import { closePayload, encodeFrame, Opcode } from '../../protocol/index.ts';
import { judge, type Verdict } from '../judge.ts';
import type { CaseDef, Observation } from '../types.ts';
import { openConnection } from './connection.ts';
import { runCase } from './runCase.ts';
import type { Target } from './target.ts';
import { defaultTiming, type Timing } from './timing.ts';

export type CaseRun = { readonly def: CaseDef; readonly verdict: Verdict; readonly observation: Observation };

export type SuiteRun = {
  readonly target: Target;
  readonly runs: readonly CaseRun[];
  readonly durationMs: number;
  readonly concurrency: number;
};

export type SuiteOptions = {
  readonly target: Target;
  readonly cases: readonly CaseDef[];
  /** Cases run at once, each on its own connection (cases are independent). */
  readonly concurrency?: number;
  readonly timing?: Partial<Timing>;
  readonly onCase?: (run: CaseRun, done: number, total: number) => void;
  readonly signal?: AbortSignal;
};

export class UnreachableTarget extends Error {}

/** Checks once that the target answers a handshake, so an unreachable server is one clear error. */
export async function probe(target: Target, timing: Timing = defaultTiming): Promise<void> {
  const connection = await openConnection(target, timing.handshakeMs);
  if ('error' in connection) throw new UnreachableTarget(`${target.url}: ${connection.error}`);
  // Leave politely, so the server logs a clean close rather than a dropped connection.
  await connection.write(encodeFrame({ opcode: Opcode.close, payload: closePayload(1000), mask: true }));
  await connection.until(() => !connection.open, timing.closeAnswerMs);
  connection.destroy();
}

/** Runs the cases, `concurrency` at a time, and keeps the table's order in the result. */
export async function runSuite(options: SuiteOptions): Promise<SuiteRun> {
  const timing = { ...defaultTiming, ...options.timing };
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const started = performance.now();
  await probe(options.target, timing);
  const runs: CaseRun[] = new Array(options.cases.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < options.cases.length && !options.signal?.aborted) {
      const index = next++;
      const def = options.cases[index]!;
      const observation = await runCase(def, options.target, timing);
      const run = { def, verdict: judge(def, observation), observation };
      runs[index] = run;
      done++;
      options.onCase?.(run, done, options.cases.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, options.cases.length) }, worker));
  return {
    target: options.target,
    runs: runs.filter(Boolean),
    durationMs: performance.now() - started,
    concurrency,
  };
}
