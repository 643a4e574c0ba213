import type { ConformCaseJson } from '../../shared/inspector/protocol.ts';

/** One case's outcome on one endpoint, as `conform.run` returns it. */
export type CaseOutcome = ConformCaseJson;

/** What the slide knows about one endpoint: not run yet, running, done, or the server's error. */
export type EndpointState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running' }
  | { readonly phase: 'done'; readonly durationMs: number; readonly cases: ReadonlyMap<string, CaseOutcome> }
  | { readonly phase: 'error'; readonly message: string };

export function outcomesOf(reply: Record<string, unknown>): Map<string, CaseOutcome> {
  const cases = Array.isArray(reply.cases) ? (reply.cases as CaseOutcome[]) : [];
  return new Map(cases.map((c) => [c.id, c]));
}
