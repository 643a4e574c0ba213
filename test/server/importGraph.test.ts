import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const serverDir = join(root, 'server');

/**
 * Every relative module a file names: static imports and re-exports (type-only ones too: a type imported
 * both ways ties two files as hard as a value does), and dynamic `import('…')`.
 */
function relativeSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g, /\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** server/'s files and, for each, the server/ files it imports (imports leaving server/ are not followed). */
function serverGraph(): Map<string, string[]> {
  const files = readdirSync(serverDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(serverDir, file));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = relativeSpecifiers(readFileSync(file, 'utf8'))
      .map((specifier) => resolve(dirname(file), specifier))
      .filter((target) => target.startsWith(`${serverDir}/`));
    graph.set(file, targets);
  }
  return graph;
}

/** Each cycle once, as the files around it (depth-first search, a back edge closes a cycle). */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target]);
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('the cycle finder', () => {
  it('reads static, type-only, re-exported and dynamic relative imports, and skips packages', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      "export { c } from './c/index.ts';",
      "const d = await import('./d.ts');",
      "import { WebSocket } from 'ws';",
      "import { e } from 'node:fs';",
    ].join('\n');
    expect(relativeSpecifiers(source)).toEqual(['./a.ts', '../b.ts', './c/index.ts', './d.ts']);
  });

  it('finds a two-file circle and a longer one, and nothing in a tree', () => {
    const circles = new Map([
      ['a', ['b']],
      ['b', ['a']],
      ['c', ['d']],
      ['d', ['e']],
      ['e', ['c']],
    ]);
    expect(findCycles(circles)).toEqual([
      ['a', 'b', 'a'],
      ['c', 'd', 'e', 'c'],
    ]);
    const tree = new Map([
      ['a', ['b', 'c']],
      ['b', ['c']],
      ['c', []],
    ]);
    expect(findCycles(tree)).toEqual([]);
  });
});

describe('server/ imports run one way', () => {
  it('has no import circle (type-only imports included)', () => {
    const cycles = findCycles(serverGraph()).map((cycle) =>
      cycle.map((file) => relative(root, file)).join(' → '),
    );
    expect(cycles).toEqual([]);
  });
});
