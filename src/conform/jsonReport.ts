import type { SuiteRun } from './net/runSuite.ts';
import { countResults } from './summary.ts';
import type { Result } from './types.ts';

export type JsonCase = {
  id: string;
  autobahn: boolean;
  category: string;
  title: string;
  result: Result;
  expected: string;
  observed: string;
  section: string;
  durationMs: number;
  why?: string;
};

export type JsonReport = {
  target: string;
  durationMs: number;
  cases: JsonCase[];
  summary: Record<Result, number>;
};

/** The `--json` shape (documented in the issue and tested): one object, cases in table order. */
export function jsonReport(run: SuiteRun): JsonReport {
  const cases = run.runs.map(({ def, verdict, observation }) => ({
    id: def.id,
    autobahn: def.autobahn,
    category: def.category,
    title: def.title.en,
    result: verdict.result,
    expected: verdict.expected.en,
    observed: verdict.observed.en,
    section: def.section,
    durationMs: Math.round(observation.durationMs),
    ...(verdict.why === undefined ? {} : { why: verdict.why.en }),
  }));
  return {
    target: run.target.url,
    durationMs: Math.round(run.durationMs),
    cases,
    summary: countResults(cases),
  };
}
