import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Strings } from '../../../src/shared/strings/defineStrings.ts';

/**
 * Every key a feature defines is looked up somewhere. A key counts as used when a file that imports its
 * strings module (or imports a strings module built on it, as each widget's is on the widgets' shared
 * words) names it in quotes, or builds it from a template such as `chatState.${state}`; the strings module
 * itself counts for templates only (its own catalogue names every key in quotes).
 */

const root = resolve(import.meta.dirname, '../../..');
const sourceFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
const files = sourceFiles(join(root, 'src'));
const source = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));

/** The files a file imports statically, resolved. */
function importsOf(file: string): string[] {
  const text = source.get(file)!;
  return [...text.matchAll(/\bfrom '(\.{1,2}\/[^']+)'/g)].map((match) => resolve(dirname(file), match[1]!));
}

const modules = files.filter(
  (file) => /\bdefineStrings\(/.test(source.get(file)!) && !file.endsWith('defineStrings.ts'),
);
const importers = (module: string) => files.filter((file) => importsOf(file).includes(module));

/** The files that may look a module's keys up: its importers, and those of the modules built on it. */
function users(module: string, seen = new Set<string>()): Set<string> {
  seen.add(module);
  const found = new Set<string>();
  for (const file of importers(module)) {
    found.add(file);
    if (modules.includes(file) && !seen.has(file)) for (const user of users(file, seen)) found.add(user);
  }
  return found;
}

function isNamed(key: string, text: string, templatesOnly: boolean): boolean {
  if (!templatesOnly && (text.includes(`'${key}'`) || text.includes(`"${key}"`))) return true;
  const dots = [...key.matchAll(/\./g)].map((match) => match.index);
  return dots.some((dot) => text.includes(`\`${key.slice(0, dot + 1)}\${`));
}

async function unusedKeys(module: string): Promise<string[]> {
  const exported = Object.values(await import(module)).filter(
    (value): value is Strings<Record<string, string>> =>
      typeof value === 'object' && value !== null && 'keys' in value && 'catalogues' in value,
  );
  const readers = [...users(module)].map((file) => source.get(file)!);
  const own = source.get(module)!;
  return exported
    .flatMap((strings) => strings.keys)
    .filter((key) => !isNamed(key, own, true) && !readers.some((text) => isNamed(key, text, false)));
}

describe('the strings of every feature', () => {
  it('finds the strings modules: the deck, the CLI, the conformance words and every widget with words', () => {
    const names = modules.map((file) => relative(root, file));
    expect(names).toEqual(
      expect.arrayContaining([
        'src/cli/strings.ts',
        'src/conform/strings.ts',
        'src/deck/strings.ts',
        'src/widgets/frame-inspector/strings.ts',
        'src/widgets/shared/strings.ts',
      ]),
    );
  });

  it.each(modules.map((file) => [relative(root, file), file]))(
    '%s: every key is looked up',
    async (_, module) => {
      expect(await unusedKeys(module!)).toEqual([]);
    },
  );
});
