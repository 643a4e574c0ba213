import { categories } from './cases/index.ts';
import {
  type CategoryId,
  type CloseResult,
  closeResults,
  type Observation,
  type Result,
  results,
} from './types.ts';

export type Counts = Record<Result, number>;

export function emptyCounts(): Counts {
  return Object.fromEntries(results.map((r) => [r, 0])) as Counts;
}

export function countResults(items: readonly { result: Result }[]): Counts {
  const counts = emptyCounts();
  for (const item of items) counts[item.result]++;
  return counts;
}

/** How many cases got each close result (Autobahn's second column). */
export function countCloseResults(items: readonly { close: CloseResult }[]): Record<CloseResult, number> {
  const counts = Object.fromEntries(closeResults.map((r) => [r, 0])) as Record<CloseResult, number>;
  for (const item of items) counts[item.close]++;
  return counts;
}

/** Counts per category, in table order, for the categories that ran. */
export function countByCategory(
  items: readonly { category: CategoryId; result: Result }[],
): { category: (typeof categories)[number]; counts: Counts }[] {
  return categories
    .map((category) => ({ category, counts: countResults(items.filter((i) => i.category === category.id)) }))
    .filter((row) => Object.values(row.counts).some((n) => n > 0));
}

/**
 * Autobahn reports category 9's and 12/13's time: ws101 adds the bytes both ways per second. "[905 ms,
 * 2.3 MB/s]". A deflate case keeps only its first bytes in the transcript, so it counts its own.
 */
export function throughput({ observation }: { observation: Observation }): string {
  const bytes =
    observation.deflate?.wireBytes ?? observation.transcript.reduce((n, chunk) => n + chunk.bytes.length, 0);
  const ms = Math.max(1, observation.durationMs);
  const mbPerSecond = bytes / 1e6 / (ms / 1000);
  return `[${Math.round(ms)} ms, ${mbPerSecond.toFixed(1)} MB/s]`;
}

/** "12 pass, 0 non-strict, …": the result names as Autobahn spells them (the HTML report, the English table). */
export function formatCounts(counts: Counts): string {
  return results.map((r) => `${counts[r]} ${r}`).join(', ');
}
