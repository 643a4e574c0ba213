import type { CaseDef } from './types.ts';

/** Longest `--cases` text accepted: every case id of the table, comma-separated, fits in far less. */
export const casePatternsMaxLength = 1024;

/**
 * `--cases 5.*,6.1.*,7.7.3`: comma-separated ids, where `*` stands for any run of characters. "5.*" takes
 * every case of category 5, "6.1.*" every case of group 6.1. A pattern that matches nothing is an error (a
 * typo must not silently run zero cases).
 *
 * The patterns may come from a visitor (`conform.run` on /inspect): they are never made into a RegExp,
 * whose backtracking on `*****…Z` costs exponential time. `globMatches` is linear in its inputs.
 */
export function selectCases(
  table: readonly CaseDef[],
  patterns: string | undefined,
): { cases: CaseDef[] } | { error: string } {
  if (patterns === undefined || patterns.trim() === '') return { cases: [...table] };
  if (patterns.length > casePatternsMaxLength) {
    return { error: `case patterns longer than ${casePatternsMaxLength} characters` };
  }
  const parts = patterns
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const chosen = new Set<CaseDef>();
  for (const part of parts) {
    if (!/^[\w.*-]+$/.test(part)) return { error: `'${part}' is not a case pattern (try 5.* or 6.1.*)` };
    const matched = table.filter((c) => globMatches(part, c.id));
    if (matched.length === 0) return { error: `no case matches '${part}'` };
    for (const c of matched) chosen.add(c);
  }
  return { cases: table.filter((c) => chosen.has(c)) };
}

/**
 * Whether `text` matches `glob`, where `*` is any run of characters and every other character itself.
 *
 * The literal pieces between stars must appear in order: the first at the start, the last at the end, each
 * middle one at its leftmost place after the one before. Leftmost is always safe (a later place leaves less
 * room for the rest, never more), so nothing is ever retried: one left-to-right pass over `text` per piece
 * found, no backtracking.
 */
export function globMatches(glob: string, text: string): boolean {
  const pieces = glob.split('*');
  if (pieces.length === 1) return glob === text;
  const first = pieces[0]!;
  const last = pieces.at(-1)!;
  if (first.length + last.length > text.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    if (piece === '') continue;
    const found = text.indexOf(piece, at);
    if (found === -1 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
