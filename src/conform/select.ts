import type { CaseDef } from './types.ts';

/**
 * `--cases 5.*,6.1.*,7.7.3`: comma-separated ids, where `*` stands for any rest. "5.*" takes every case
 * of category 5, "6.1.*" every case of group 6.1. A pattern that matches nothing is an error (a typo
 * must not silently run zero cases).
 */
export function selectCases(
  table: readonly CaseDef[],
  patterns: string | undefined,
): { cases: CaseDef[] } | { error: string } {
  if (patterns === undefined || patterns.trim() === '') return { cases: [...table] };
  const parts = patterns
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const chosen = new Set<CaseDef>();
  for (const part of parts) {
    if (!/^[\w.*-]+$/.test(part)) return { error: `'${part}' is not a case pattern (try 5.* or 6.1.*)` };
    const escaped = part.replace(/[.]/g, '\\.').replace(/\*/g, '.*');
    const pattern = new RegExp(`^${escaped}$`);
    const matched = table.filter((c) => pattern.test(c.id));
    if (matched.length === 0) return { error: `no case matches '${part}'` };
    for (const c of matched) chosen.add(c);
  }
  return { cases: table.filter((c) => chosen.has(c)) };
}
