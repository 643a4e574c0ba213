import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  exemptPaths,
  indexExports,
  isExempt,
  rewriteProtocolImports,
} from '../../tools/importProtocolIndex.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const protocolDir = join(root, 'src/protocol');
const biomeJson = readFileSync(join(root, 'biome.json'), 'utf8');
// A small index, so the examples do not change when the real one grows.
const exports = indexExports(
  [
    "export type { Frame } from './frame.ts';",
    "export { frameWireBytes } from './frame.ts';",
    'export {',
    '  toHex,',
    '  parseHex,',
    "} from './hex.ts';",
    "export type { HexError } from './hex.ts';",
    "export { Opcode } from './opcodes.ts';",
    '',
  ].join('\n'),
);

/** The examples' source lines, one string each (so none of them is an import of this test file). */
const lines = (...text: string[]) => `${text.join('\n')}\n`;
const rewrite = (text: string, file = 'src/session/example.ts') =>
  rewriteProtocolImports(text, join(root, file), protocolDir, exports);

describe('the codemod: imports of the core’s internals become one import of src/protocol/index.ts', () => {
  it('merges named imports from several internal modules, keeping type-only names as types', () => {
    const result = rewrite(
      lines(
        "import type { Frame } from '../protocol/frame.ts';",
        "import { parseHex, toHex } from '../protocol/hex.ts';",
        "import { getSession } from './index.ts';",
        'export const used = [parseHex, toHex, getSession];',
      ),
    );
    expect(result.text).toBe(
      lines(
        "import { type Frame, parseHex, toHex } from '../protocol/index.ts';",
        "import { getSession } from './index.ts';",
        'export const used = [parseHex, toHex, getSession];',
      ),
    );
    expect(result).toMatchObject({ changed: true, missing: [], unsupported: [] });
  });

  it('keeps `import type` when every name is a type, and merges into an import of the index already there', () => {
    const typesOnly = rewrite(
      lines(
        "import type { Frame } from '../protocol/frame.ts';",
        "import type { HexError } from '../protocol/hex.ts';",
      ),
    );
    expect(typesOnly.text).toBe(lines("import type { Frame, HexError } from '../protocol/index.ts';"));

    const withIndex = rewrite(
      lines(
        "import { Opcode } from '../../src/protocol/index.ts';",
        "import { type Frame, frameWireBytes as wire } from '../../src/protocol/frame.ts';",
      ),
      'test/session/example.test.ts',
    );
    expect(withIndex.text).toBe(
      lines("import { type Frame, Opcode, frameWireBytes as wire } from '../../src/protocol/index.ts';"),
    );
  });

  it('writes the path to the index from where the file is, and rewrites re-exports apart from imports', () => {
    const result = rewrite(
      lines(
        "import { toHex } from '../src/protocol/hex.ts';",
        "export { Opcode } from '../src/protocol/opcodes.ts';",
        "export type { Frame } from '../src/protocol/frame.ts';",
      ),
      'server/example.ts',
    );
    expect(result.text).toBe(
      lines(
        "import { toHex } from '../src/protocol/index.ts';",
        "export { type Frame, Opcode } from '../src/protocol/index.ts';",
      ),
    );
  });

  it('is idempotent: its own output, or a file already through the index, is left exactly as it is', () => {
    const once = rewrite(
      lines(
        "import { toHex } from '../protocol/hex.ts';",
        "import type { Frame } from '../protocol/frame.ts';",
      ),
    );
    const twice = rewrite(once.text);
    expect(twice).toEqual({ text: once.text, changed: false, missing: [], unsupported: [] });
    // Two imports of the index, written by hand: not the codemod's business, nothing internal to fix.
    const byHand = lines(
      "import { toHex } from '../protocol/index.ts';",
      "import type { Frame } from '../protocol/index.ts';",
    );
    expect(rewrite(byHand)).toMatchObject({ text: byHand, changed: false });
  });

  it('leaves an import of a name the index does not export as it was, and says which name and module', () => {
    const result = rewrite(
      lines(
        "import { maskWithSimd } from '../protocol/maskSimd.ts';",
        "import { toHex } from '../protocol/hex.ts';",
      ),
    );
    expect(result.text).toBe(
      lines(
        "import { maskWithSimd } from '../protocol/maskSimd.ts';",
        "import { toHex } from '../protocol/index.ts';",
      ),
    );
    expect(result.missing).toEqual([{ name: 'maskWithSimd', module: 'maskSimd.ts' }]);
    // Exported by the index, but from another module than the one imported: not the same thing.
    expect(rewrite(lines("import { toHex } from '../protocol/frame.ts';")).missing).toEqual([
      { name: 'toHex', module: 'frame.ts' },
    ]);
  });

  it('reports the forms it does not rewrite (namespace, default, dynamic) and changes nothing else', () => {
    const dynamic = `const sha1 = await ${'import'}('../protocol/sha1.ts');`;
    const text = lines(
      "import * as hex from '../protocol/hex.ts';",
      "import { bilingual } from '../shared/inspector/protocol.ts';",
      "import { WebSocket } from 'ws';",
      dynamic,
    );
    const result = rewrite(text);
    expect(result.text).toBe(text);
    expect(result.unsupported).toEqual(["import * as hex from '../protocol/hex.ts';", dynamic.slice(19, -1)]);
  });
});

describe('which files may import the internals: read from biome.json, the same list as the lint rule', () => {
  it('exempts the core and its own tests, and nothing else that imports the core', () => {
    const exempt = exemptPaths(biomeJson);
    expect(exempt).toEqual(expect.arrayContaining(['src/protocol/**', 'test/protocol/**']));
    expect(isExempt('src/protocol/frame.ts', exempt)).toBe(true);
    expect(isExempt('test/protocol/frame.test.ts', exempt)).toBe(true);
    expect(isExempt('src/protocolNotes.ts', exempt)).toBe(false);
    expect(isExempt('test/server/upgrade.test.ts', exempt)).toBe(false);
    expect(isExempt('src/session/liveSession.ts', exempt)).toBe(false);
  });

  it('refuses a pattern it cannot read rather than guess', () => {
    const config = JSON.stringify({
      overrides: [{ includes: ['src/*/x.ts'], linter: { rules: { style: { noRestrictedImports: 'off' } } } }],
    });
    expect(() => exemptPaths(config)).toThrow(/src\/\*\/x\.ts/);
  });
});

describe('the lint rule (biome noRestrictedImports): an import of an internal is an error outside the exemptions', () => {
  it('flags exactly the internal imports in files outside src/protocol and test/protocol', () => {
    const folder = mkdtempSync(join(tmpdir(), 'ws101-protocol-rule-'));
    try {
      writeFileSync(join(folder, 'biome.json'), biomeJson);
      const files: Record<string, string> = {
        'src/session/internal.ts': "import { toHex } from '../protocol/hex.ts';\nexport const a = toHex;\n",
        'src/session/typeOnly.ts':
          "import type { Frame } from '../protocol/frame.ts';\nexport type A = Frame;\n",
        'src/session/reexport.ts': "export { toHex } from '../protocol/hex.ts';\n",
        'server/internal.ts': "import { sha1 } from '../src/protocol/sha1.ts';\nexport const a = sha1;\n",
        'src/session/public.ts': "import { toHex } from '../protocol/index.ts';\nexport const a = toHex;\n",
        'src/shared/inspector/other.ts': "import { a } from './protocol.ts';\nexport const b = a;\n",
        'src/protocol/inside.ts': "import { toHex } from './hex.ts';\nexport const a = toHex;\n",
        'test/protocol/hex.test.ts':
          "import { toHex } from '../../src/protocol/hex.ts';\nexport const a = toHex;\n",
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(folder, path)), { recursive: true });
        writeFileSync(join(folder, path), text);
      }
      let output = '';
      try {
        execFileSync(join(root, 'node_modules/.bin/biome'), ['lint', '--reporter=github', '.'], {
          cwd: folder,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        });
      } catch (error) {
        output = (error as { stdout: string }).stdout;
      }
      const flagged = [...output.matchAll(/^::error title=lint\/style\/noRestrictedImports,file=([^,]+),/gm)]
        .map((match) => match[1]!.slice(folder.length + 1))
        .sort();
      expect(flagged).toEqual([
        'server/internal.ts',
        'src/session/internal.ts',
        'src/session/reexport.ts',
        'src/session/typeOnly.ts',
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
