import type { SuiteRun } from './net/runSuite.ts';
import { countCloseResults, countResults } from './summary.ts';
import { autobahnNames, type CloseResult, type Result } from './types.ts';

export type JsonCase = {
  id: string;
  autobahn: boolean;
  category: string;
  title: string;
  result: Result;
  /** The closing handshake's result (Autobahn's second column). */
  close: CloseResult;
  /** Both as Autobahn spells them: its `behavior` and `behaviorClose`. */
  autobahnBehavior: string;
  autobahnBehaviorClose: string;
  expected: string;
  observed: string;
  section: string;
  durationMs: number;
  why?: string;
  closeWhy?: string;
};

export type JsonReport = {
  target: string;
  durationMs: number;
  cases: JsonCase[];
  summary: Record<Result, number>;
  closeSummary: Record<CloseResult, number>;
};

/** The `--json` shape (documented in the issue and tested): one object, cases in table order. */
export function jsonReport(run: SuiteRun): JsonReport {
  const cases = run.runs.map(({ def, verdict, observation }) => ({
    id: def.id,
    autobahn: def.autobahn,
    category: def.category,
    title: def.title.en,
    result: verdict.result,
    close: verdict.close,
    autobahnBehavior: autobahnNames[verdict.result],
    autobahnBehaviorClose: autobahnNames[verdict.close],
    expected: verdict.expected.en,
    observed: verdict.observed.en,
    section: def.section,
    durationMs: Math.round(observation.durationMs),
    ...(verdict.why === undefined ? {} : { why: verdict.why.en }),
    ...(verdict.closeWhy === undefined ? {} : { closeWhy: verdict.closeWhy.en }),
  }));
  return {
    target: run.target.url,
    durationMs: Math.round(run.durationMs),
    cases,
    summary: countResults(cases),
    closeSummary: countCloseResults(cases),
  };
}
