import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontverter from 'fontverter';
import { Blob, Face } from 'harfbuzzjs';
import subsetFont from 'subset-font';
import { deckCharacters, formatUnicodeRange, parseUnicodeRange } from './deckCharacters.ts';

/**
 * The deck's faces, made at build time from Fontsource's packages (free licences: README.md) and cut to the
 * characters the deck uses, so every machine lays a slide out alike and opening the deck stays light:
 * - Noto Sans (text) and JetBrains Mono (bytes, code; its ligatures dropped: `!=` stays two characters),
 *   from their "latin" files;
 * - Noto Sans SC (中文, symbols past Latin), from its variable font, which Google cut into ~100 slices by
 *   how common a character is. Each slice holding a character of the deck becomes one small file per
 *   weight, and the characters of the first slide and the chrome (`firstText`) get files of their own.
 * - DejaVu Sans ("ws101 Symbols"), for what neither has: Greek (κόσμε), ⟨ ⟩, ⇹, ▸, ✕ and the like.
 * Each file's `unicode-range` names exactly its characters, so a page fetches only what its text needs.
 * Offline and deterministic: the same characters and font versions give the same bytes, and an unchanged
 * set is not redone (the stamp in the CSS's first line).
 */

export const cjkFamily = 'ws101 CJK';
export const symbolsFamily = 'ws101 Symbols';
const symbolsPackage = '@fontsource/dejavu-sans';
const latinRange = parseUnicodeRange(
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
);
const latinFaces = [
  {
    family: 'Noto Sans',
    pkg: '@fontsource/noto-sans',
    file: 'noto-sans-latin-400-normal',
    weight: 400,
    style: 'normal',
  },
  {
    family: 'Noto Sans',
    pkg: '@fontsource/noto-sans',
    file: 'noto-sans-latin-400-italic',
    weight: 400,
    style: 'italic',
  },
  {
    family: 'Noto Sans',
    pkg: '@fontsource/noto-sans',
    file: 'noto-sans-latin-700-normal',
    weight: 700,
    style: 'normal',
  },
  {
    family: 'JetBrains Mono',
    pkg: '@fontsource/jetbrains-mono',
    file: 'jetbrains-mono-latin-400-normal',
    weight: 400,
    style: 'normal',
    noLigatures: true,
  },
  {
    family: 'JetBrains Mono',
    pkg: '@fontsource/jetbrains-mono',
    file: 'jetbrains-mono-latin-700-normal',
    weight: 700,
    style: 'normal',
    noLigatures: true,
  },
];
const cjkPackage = '@fontsource-variable/noto-sans-sc';
const cjkWeights = [400, 700];

/**
 * Code points the CJK face takes: ideographs, CJK punctuation, full-width forms, and the symbols past Noto
 * Sans's Latin files (arrows, box drawing, ✓) so they too look the same everywhere. Emoji stay the system's.
 */
export function isCjk(codePoint: number): boolean {
  return codePoint >= 0x2100 && codePoint < 0x1f000 && !inRanges(codePoint, latinRange);
}

/** Left to the system: emoji, and what only shapes others (variation selectors, joiners, controls). */
const isSystems = (codePoint: number) =>
  codePoint < 0x20 ||
  codePoint >= 0x1f000 ||
  (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
  (codePoint >= 0x200b && codePoint <= 0x200f);

const inRanges = (codePoint: number, ranges: [number, number][]) =>
  ranges.some(([from, to]) => codePoint >= from && codePoint <= to);

/** One woff2 file to make: a source font cut to `codePoints`, and the @font-face rule that names it. */
export type Piece = {
  file: string;
  source: string;
  family: string;
  weight: number;
  style: string;
  codePoints: number[];
  wght?: number;
  noLigatures?: boolean;
};

const packageRoot = (name: string) => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));

/** The code points a font file maps (its cmap), read with HarfBuzz. */
export async function mappedCodePoints(file: string): Promise<Set<number>> {
  const sfnt = await fontverter.convert(readFileSync(file), 'sfnt');
  return new Set(new Face(new Blob(sfnt), 0).collectUnicodes());
}

/**
 * The first slide's and the chrome's text: one text for every weight, or a text per CJK weight (the bold
 * files need only what is drawn bold, so the first view fetches fewer glyphs).
 */
export type FirstText = string | Readonly<Record<number, string>>;

/**
 * Every file the deck's characters need, in a stable order. `maps` says which characters a source file
 * really draws: Google's slices name a few in their unicode-range that the font lacks (⟨ ⟩), and a file
 * cut to none of its own glyphs is an empty `glyf` table that browsers refuse to load.
 */
export function plannedPieces(
  characters: Set<number>,
  firstText: FirstText,
  maps: (source: string) => Set<number> | undefined = () => undefined,
): Piece[] {
  const used = [...characters].sort((a, b) => a - b);
  const latin = used.filter((c) => inRanges(c, latinRange));
  const pieces: Piece[] = latinFaces.map((face) => ({
    file: `${face.file}.woff2`,
    source: join(packageRoot(face.pkg), 'files', `${face.file}.woff2`),
    family: face.family,
    weight: face.weight,
    style: face.style,
    codePoints: latin,
    ...(face.noLigatures ? { noLigatures: true } : {}),
  }));
  const root = packageRoot(cjkPackage);
  const slices = JSON.parse(readFileSync(join(root, 'unicode.json'), 'utf8')) as Record<string, string>;
  const cjk = used.filter(isCjk);
  const firstOf = (weight: number) =>
    new Set(
      [...(typeof firstText === 'string' ? firstText : (firstText[weight] ?? ''))].map(
        (character) => character.codePointAt(0)!,
      ),
    );
  for (const [key, range] of Object.entries(slices)) {
    const slice = /^\[(\d+)\]$/.exec(key)?.[1];
    if (slice === undefined) continue; // its latin, cyrillic, … files: Noto Sans's job
    const spans = parseUnicodeRange(range);
    const source = join(root, 'files', `noto-sans-sc-${slice}-wght-normal.woff2`);
    const drawn = maps(source);
    const inSlice = cjk.filter((c) => inRanges(c, spans) && (!drawn || drawn.has(c)));
    for (const weight of cjkWeights) {
      const first = firstOf(weight);
      for (const [part, codePoints] of [
        ['first-', inSlice.filter((c) => first.has(c))],
        ['', inSlice.filter((c) => !first.has(c))],
      ] as const) {
        if (codePoints.length === 0) continue;
        pieces.push({
          file: `noto-sans-sc-${slice}-${part}${weight}.woff2`,
          source,
          family: cjkFamily,
          weight,
          style: 'normal',
          codePoints,
          wght: weight,
        });
      }
    }
  }
  // What neither Noto draws: DejaVu Sans's, if it has it (else the system's, as for emoji).
  const taken = new Set(pieces.flatMap((piece) => piece.codePoints));
  for (const weight of [400, 700]) {
    const source = join(packageRoot(symbolsPackage), 'files', `dejavu-sans-latin-${weight}-normal.woff2`);
    const drawn = maps(source);
    const codePoints = used.filter((c) => !taken.has(c) && !isSystems(c) && (!drawn || drawn.has(c)));
    if (codePoints.length === 0) continue;
    pieces.push({
      file: `dejavu-sans-${weight}.woff2`,
      source,
      family: symbolsFamily,
      weight,
      style: 'normal',
      codePoints,
    });
  }
  return pieces;
}

function fontFaceRule(piece: Piece): string {
  return (
    `@font-face {\n  font-family: "${piece.family}";\n  font-style: ${piece.style};\n` +
    `  font-weight: ${piece.weight};\n  font-display: swap;\n` +
    `  src: url("./${piece.file}") format("woff2");\n` +
    `  unicode-range: ${formatUnicodeRange(piece.codePoints)};\n}\n`
  );
}

/** Writes `faces.css` and its woff2 files into `outDir`, unless the stamp says they are already current. */
export async function buildDeckFonts(options: {
  sources: string[];
  firstText: FirstText;
  outDir: string;
}): Promise<{
  files: number;
  characters: number;
  rebuilt: boolean;
}> {
  const characters = deckCharacters(options.sources);
  const unchecked = plannedPieces(characters, options.firstText);
  const versions = [...new Set(latinFaces.map((face) => face.pkg)), cjkPackage, symbolsPackage].map(
    (name) =>
      `${name} ${(JSON.parse(readFileSync(join(packageRoot(name), 'package.json'), 'utf8')) as { version: string }).version}`,
  );
  // The plan before the cmap check decides it all (the fonts' versions fix their cmaps): the stamp.
  const stamp = createHash('sha256')
    .update(versions.join())
    .update(unchecked.map((piece) => `${piece.file}:${piece.codePoints.join()}`).join('|'))
    .digest('hex')
    .slice(0, 16);
  const cssPath = join(options.outDir, 'faces.css');
  if (existsSync(cssPath)) {
    const made = /^\/\* stamp (\w+): .*: (\d+) characters in (\d+) files/.exec(readFileSync(cssPath, 'utf8'));
    if (made?.[1] === stamp) return { files: Number(made[3]), characters: Number(made[2]), rebuilt: false };
  }
  // One at a time: HarfBuzz's faces share one WebAssembly memory, and reads that overlap come back empty.
  const cmaps = new Map<string, Set<number>>();
  for (const file of new Set(unchecked.map((piece) => piece.source)))
    cmaps.set(file, await mappedCodePoints(file));
  const pieces = plannedPieces(characters, options.firstText, (source) => cmaps.get(source));
  const covered = new Set(pieces.flatMap((piece) => piece.codePoints)).size;
  const result = { files: pieces.length, characters: covered };

  mkdirSync(options.outDir, { recursive: true });
  for (const old of readdirSync(options.outDir)) rmSync(join(options.outDir, old));
  await Promise.all(
    pieces.map(async (piece) => {
      const woff2 = await subsetFont(readFileSync(piece.source), String.fromCodePoint(...piece.codePoints), {
        targetFormat: 'woff2',
        ...(piece.wght ? { variationAxes: { wght: piece.wght } } : {}),
        ...(piece.noLigatures ? { keepFeatures: ['kern'] } : {}),
      });
      writeFileSync(join(options.outDir, piece.file), woff2);
    }),
  );
  const header =
    `/* stamp ${stamp}: generated by src/deck/fonts/deckFonts.ts from ${versions.join(', ')} ` +
    `(licences: README.md): ${covered} characters in ${pieces.length} files. Do not edit. */\n`;
  writeFileSync(cssPath, header + pieces.map(fontFaceRule).join('\n'));
  return { ...result, rebuilt: true };
}
