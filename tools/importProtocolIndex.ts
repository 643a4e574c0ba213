// npm run codemod:protocol-imports: every import of the protocol core's internals from outside it
// (`../protocol/frame.ts`) becomes an import of its public API, src/protocol/index.ts, one statement per
// file (named imports merged, `import type` kept: a statement of types only stays `import type`, a mixed
// one marks its types inline). Safe to re-run on any tree: a file that already imports through the index is
// left as it is, and a name the index does not export is reported, never added to the index by itself
// (the index is the package's public API: what goes in is a decision). `--check` changes nothing and exits
// 1 if something would change. biome.json's noRestrictedImports rule is the same fence as a lint error,
// and its override names the files that may import the internals (this codemod reads them from there).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the core's internals may be imported: the paths for which biome.json's overrides turn the
 * noRestrictedImports rule off (the core itself, its tests, its benchmark, its build tool's test), read from
 * there so that the lint rule and this codemod never disagree. `dir/**` or an exact path each.
 */
export function exemptPaths(biomeJson: string): string[] {
  type Override = { includes?: string[]; linter?: { rules?: { style?: Record<string, unknown> } } };
  const overrides = (JSON.parse(biomeJson) as { overrides?: Override[] }).overrides ?? [];
  const paths = overrides
    .filter((override) => override.linter?.rules?.style?.noRestrictedImports === 'off')
    .flatMap((override) => override.includes ?? []);
  for (const path of paths) {
    const fixedPart = path.replace(/\/\*\*$/, '');
    if (/[*?[\]{}!]/.test(fixedPart)) throw new Error(`exemptPaths: cannot read the pattern ${path}`);
  }
  return paths;
}

/** Whether a repository-relative posix path is one of `exemptPaths`. */
export function isExempt(path: string, exempt: readonly string[]): boolean {
  return exempt.some((pattern) =>
    pattern.endsWith('/**') ? path.startsWith(pattern.slice(0, -2)) : path === pattern,
  );
}

const scannedFolders = ['src', 'server', 'test', 'bench', 'tools', 'bin'];
const scannedExtensions = /\.(ts|mts|cts|tsx|js|mjs)$/;
const skippedFolders = new Set(['node_modules', 'dist', 'generated']);

type Specifier = { readonly name: string; readonly alias: string | null; readonly typeOnly: boolean };

/** One `import { … } from '…'` or `export { … } from '…'` statement, where it sits in the file. */
type Statement = {
  readonly kind: 'import' | 'export';
  readonly start: number;
  /** Past the statement and its line break. */
  readonly end: number;
  readonly specifiers: readonly Specifier[];
  readonly source: string;
};

export type MissingName = { readonly name: string; readonly module: string };

export type Rewrite = {
  readonly text: string;
  readonly changed: boolean;
  /** Imported from an internal module but not exported by the index (from that module): left as it was. */
  readonly missing: readonly MissingName[];
  /** Statements naming an internal module in a form this codemod does not rewrite (default, namespace, dynamic). */
  readonly unsupported: readonly string[];
};

// Column 0 only: the project's imports are formatted there, and a code sample inside a string is not.
const namedStatement = /^(import|export)(\s+type)?\s*\{([^}]*)\}\s*from\s*'([^']+)';?[^\S\n]*\n?/gm;
const anyStatement = /^(?:import|export)\b[^;]*?from\s*'([^']+)';?/gm;
const dynamicImport = /\bimport\(\s*'([^']+)'\s*\)/g;

function parseSpecifiers(list: string, statementTypeOnly: boolean): Specifier[] | null {
  const specifiers: Specifier[] = [];
  for (const raw of list.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const match = /^(type\s+)?([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(part);
    if (!match) return null; // a comment or something stranger between the braces: leave it to a person
    specifiers.push({ name: match[2]!, alias: match[3] ?? null, typeOnly: statementTypeOnly || !!match[1] });
  }
  return specifiers;
}

/** The index's named exports: name → the module (file name, `frame.ts`) it re-exports it from. */
export function indexExports(indexText: string): Map<string, string> {
  const exports = new Map<string, string>();
  for (const match of indexText.matchAll(namedStatement)) {
    if (match[1] !== 'export') continue;
    const module = posix.basename(match[4]!);
    for (const specifier of parseSpecifiers(match[3]!, false) ?? []) {
      exports.set(specifier.alias ?? specifier.name, module);
    }
  }
  return exports;
}

/** The import specifier of `target` as written in a file at `file` (posix, `./` or `../` first). */
function specifierFrom(file: string, target: string): string {
  const path = relative(dirname(file), target).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

function isUnder(path: string, folder: string): boolean {
  const inside = relative(folder, path);
  return inside !== '' && !inside.startsWith('..') && !inside.startsWith(sep) && !/^[A-Za-z]:/.test(inside);
}

function specifierText(specifier: Specifier, inlineType: boolean): string {
  const name = specifier.alias ? `${specifier.name} as ${specifier.alias}` : specifier.name;
  return inlineType && specifier.typeOnly ? `type ${name}` : name;
}

/** One statement carrying every specifier, each once; a value import of a name wins over a type import. */
function mergedStatement(
  kind: 'import' | 'export',
  specifiers: readonly Specifier[],
  source: string,
): string {
  const byKey = new Map<string, Specifier>();
  for (const specifier of specifiers) {
    const key = `${specifier.name} as ${specifier.alias ?? specifier.name}`;
    const seen = byKey.get(key);
    if (!seen || (seen.typeOnly && !specifier.typeOnly)) byKey.set(key, specifier);
  }
  const merged = [...byKey.values()].sort((a, b) =>
    (a.alias ?? a.name).localeCompare(b.alias ?? b.name, 'en', { sensitivity: 'base' }),
  );
  const allTypes = merged.every((specifier) => specifier.typeOnly);
  const names = merged.map((specifier) => specifierText(specifier, !allTypes)).join(', ');
  return `${kind}${allTypes ? ' type' : ''} { ${names} } from '${source}';\n`;
}

/**
 * Rewrites one file's imports of the core's internals to the index. `file` and `protocolDir` are absolute
 * paths (the file's, and src/protocol's); `exports` is `indexExports` of the index. Pure: no file is read.
 */
export function rewriteProtocolImports(
  text: string,
  file: string,
  protocolDir: string,
  exports: ReadonlyMap<string, string>,
): Rewrite {
  const indexFile = join(protocolDir, 'index.ts');
  const internalModule = (source: string): string | null => {
    if (!source.startsWith('.')) return null;
    const target = resolve(dirname(file), source);
    return isUnder(target, protocolDir) && target !== indexFile ? relative(protocolDir, target) : null;
  };
  const isIndex = (source: string) => source.startsWith('.') && resolve(dirname(file), source) === indexFile;

  const missing: MissingName[] = [];
  const unsupported: string[] = [];
  const toIndex: Record<'import' | 'export', Statement[]> = { import: [], export: [] };
  const handled = new Set<number>();
  for (const match of text.matchAll(namedStatement)) {
    const [whole, kind, typeKeyword, list, source] = match as unknown as [
      string,
      'import' | 'export',
      string | undefined,
      string,
      string,
    ];
    const module = internalModule(source);
    if (!module && !isIndex(source)) continue;
    const specifiers = parseSpecifiers(list, !!typeKeyword);
    if (!specifiers) continue; // counted as unsupported below
    handled.add(match.index);
    const statement = { kind, start: match.index, end: match.index + whole.length, specifiers, source };
    if (!module) {
      toIndex[kind].push(statement); // already through the index: merged with the rest if there is any
      continue;
    }
    const notExported = specifiers.filter(
      (specifier) => exports.get(specifier.name) !== posix.basename(module),
    );
    if (notExported.length > 0 || module.includes(sep) || module.includes('/')) {
      for (const specifier of notExported) missing.push({ name: specifier.name, module });
      continue;
    }
    toIndex[kind].push(statement);
  }
  for (const match of text.matchAll(anyStatement)) {
    if (!handled.has(match.index) && internalModule(match[1]!))
      unsupported.push(match[0].replace(/\s+/g, ' '));
  }
  for (const match of text.matchAll(dynamicImport)) {
    if (internalModule(match[1]!)) unsupported.push(match[0]);
  }

  const edits: { start: number; end: number; replacement: string }[] = [];
  for (const kind of ['import', 'export'] as const) {
    const statements = toIndex[kind];
    if (!statements.some((statement) => !isIndex(statement.source))) continue; // nothing internal: untouched
    const source = specifierFrom(file, indexFile);
    const replacement = mergedStatement(
      kind,
      statements.flatMap((statement) => statement.specifiers),
      source,
    );
    statements.forEach((statement, i) => {
      edits.push({ start: statement.start, end: statement.end, replacement: i === 0 ? replacement : '' });
    });
  }
  edits.sort((a, b) => b.start - a.start);
  let rewritten = text;
  for (const edit of edits) {
    rewritten = rewritten.slice(0, edit.start) + edit.replacement + rewritten.slice(edit.end);
  }
  return { text: rewritten, changed: rewritten !== text, missing, unsupported };
}

function* sourceFiles(root: string, folder: string): Generator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(join(root, folder), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && !skippedFolders.has(entry.name)) yield* sourceFiles(root, path);
    else if (entry.isFile() && scannedExtensions.test(entry.name)) yield path;
  }
}

/** The repository's files the rule applies to (posix paths from the root): all scanned but the exempt. */
export function filesOutsideTheCore(root: string, exempt: readonly string[]): string[] {
  const rootFiles = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isFile() && scannedExtensions.test(entry.name))
    .map((entry) => entry.name);
  return [...rootFiles, ...scannedFolders.flatMap((folder) => [...sourceFiles(root, folder)])]
    .map((path) => path.split(sep).join('/'))
    .filter((path) => !isExempt(path, exempt))
    .sort();
}

function main(argv: readonly string[]): number {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const check = argv.includes('--check');
  const protocolDir = join(root, 'src/protocol');
  const exports = indexExports(readFileSync(join(protocolDir, 'index.ts'), 'utf8'));
  const changed: string[] = [];
  const missing = new Map<string, Set<string>>();
  const unsupported: string[] = [];
  const exempt = exemptPaths(readFileSync(join(root, 'biome.json'), 'utf8'));
  for (const path of filesOutsideTheCore(root, exempt)) {
    const file = join(root, path);
    const text = readFileSync(file, 'utf8');
    const result = rewriteProtocolImports(text, file, protocolDir, exports);
    for (const { name, module } of result.missing) {
      const users = missing.get(`${name} (${module})`) ?? new Set<string>();
      missing.set(`${name} (${module})`, users.add(path));
    }
    for (const statement of result.unsupported) unsupported.push(`${path}: ${statement}`);
    if (!result.changed) continue;
    changed.push(path);
    if (!check) writeFileSync(file, result.text);
  }
  if (changed.length > 0 && !check) {
    // The merged statements in biome's order and layout (organizeImports sorts the statements and names).
    execFileSync(join(root, 'node_modules/.bin/biome'), ['check', '--write', ...changed], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  console.log(
    `${check ? 'would rewrite' : 'rewrote'} ${changed.length} file(s) to import src/protocol/index.ts`,
  );
  for (const path of changed) console.log(`  ${path}`);
  if (missing.size > 0) {
    console.log(
      'not exported by src/protocol/index.ts (add them there if they are public API; left as they were):',
    );
    for (const [name, users] of [...missing].sort()) console.log(`  ${name}: ${[...users].join(', ')}`);
  }
  if (unsupported.length > 0) {
    console.log('imports of the internals in a form this codemod leaves to a person:');
    for (const line of unsupported) console.log(`  ${line}`);
  }
  return (check && changed.length > 0) || missing.size > 0 || unsupported.length > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
