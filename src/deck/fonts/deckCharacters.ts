import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every character the deck can show: what the slides (both languages, notes included) and the page's own
 * code (widget labels, translations, the chrome) contain. The CJK font is cut down to these, so a new
 * word on a slide is covered by the next build without anyone listing it.
 */
export function deckCharacters(roots: string[]): Set<number> {
  const found = new Set<number>();
  for (const root of roots) {
    for (const file of textFiles(root)) {
      for (const character of readFileSync(file, 'utf8')) found.add(character.codePointAt(0)!);
    }
  }
  return found;
}

function* textFiles(path: string): Generator<string> {
  if (statSync(path).isFile()) {
    if (/\.(html|ts|json|css)$/.test(path)) yield path;
    return;
  }
  for (const entry of readdirSync(path).sort()) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    yield* textFiles(join(path, entry));
  }
}

/** Parses a CSS `unicode-range` value (`U+4e00-4e0f,U+3001`) into inclusive code point ranges. */
export function parseUnicodeRange(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = Number.parseInt(from!, 16);
    return [start, to === undefined ? start : Number.parseInt(to, 16)];
  });
}

/** Writes sorted code points back as a compact CSS `unicode-range` (runs of neighbours joined). */
export function formatUnicodeRange(codePoints: number[]): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    let end = start;
    while (sorted[i + 1] === end + 1) end = sorted[++i]!;
    const hex = (n: number) => n.toString(16);
    parts.push(end === start ? `U+${hex(start)}` : `U+${hex(start)}-${hex(end)}`);
  }
  return parts.join(',');
}
