import type { ConformCaseJson } from '../../shared/inspector/protocol.ts';

/** One case's outcome on one endpoint, as `conform.run` returns it. */
export type CaseOutcome = ConformCaseJson;

/** What the slide knows about one endpoint: not run yet, running, done, or the server's error. */
export type EndpointState =
  | { readonly phase: 'idle' }
  /** `done` of `total` cases back so far (the server sends them in parts as they finish). */
  | {
      readonly phase: 'running';
      readonly done: number;
      readonly total: number | null;
      readonly cases: ReadonlyMap<string, CaseOutcome>;
    }
  | { readonly phase: 'done'; readonly durationMs: number; readonly cases: ReadonlyMap<string, CaseOutcome> }
  | { readonly phase: 'error'; readonly message: string };

/** Adds the cases of one `conform.cases` part to what the slide holds of a run. */
export function addOutcomes(outcomes: Map<string, CaseOutcome>, part: Record<string, unknown>): void {
  const cases = Array.isArray(part.cases) ? (part.cases as CaseOutcome[]) : [];
  for (const outcome of cases) outcomes.set(outcome.id, outcome);
}
