import { describe, expect, it } from 'vitest';
import {
  deckCharacters,
  formatUnicodeRange,
  parseUnicodeRange,
} from '../../../src/deck/fonts/deckCharacters.ts';
import {
  cjkFamily,
  isCjk,
  mappedCodePoints,
  plannedPieces,
  symbolsFamily,
} from '../../../src/deck/fonts/deckFonts.ts';

const codePoints = (text: string) => new Set([...text].map((character) => character.codePointAt(0)!));

describe('unicode-range', () => {
  it('joins neighbours into runs and reads them back', () => {
    const points = [0x41, 0x42, 0x43, 0x4e2d, 0x6587, 0x6588];
    const range = formatUnicodeRange([0x6588, ...points]);
    expect(range).toBe('U+41-43,U+4e2d,U+6587-6588');
    expect(parseUnicodeRange(range)).toEqual([
      [0x41, 0x43],
      [0x4e2d, 0x4e2d],
      [0x6587, 0x6588],
    ]);
  });
});

describe('the deck fonts plan', () => {
  const characters = deckCharacters(['slides', 'src']);
  const pieces = plannedPieces(characters, '每一帧每一位都看得见');

  it('gives every letter, digit and ideograph the deck uses a face in each weight', () => {
    for (const weight of [400, 700]) {
      const covered = new Set(
        pieces
          .filter((piece) => piece.weight === weight && piece.style === 'normal')
          .flatMap((p) => p.codePoints),
      );
      const sans = pieces.find((p) => p.family === 'Noto Sans' && p.weight === weight)!;
      const missing = [...characters].filter((c) =>
        (c >= 0x20 && c < 0x7f) || isCjk(c) ? !covered.has(c) && !sans.codePoints.includes(c) : false,
      );
      expect(missing.map((c) => String.fromCodePoint(c)).filter((c) => !/\p{S}/u.test(c))).toEqual([]);
    }
    expect(characters.has('帧'.codePointAt(0)!)).toBe(true);
  });

  it('puts each CJK character in exactly one file per weight, the first slide’s in files of their own', () => {
    const cjk = pieces.filter((piece) => piece.family === cjkFamily && piece.weight === 400);
    const all = cjk.flatMap((piece) => piece.codePoints);
    expect(new Set(all).size).toBe(all.length);
    const first = cjk.filter((piece) => piece.file.includes('-first-')).flatMap((piece) => piece.codePoints);
    expect(new Set(first)).toEqual(codePoints('每一帧位都看得见'));
  });

  it('gives each CJK weight its own first text: the bold first files hold only what is drawn bold', () => {
    const split = plannedPieces(characters, { 400: '每一帧每一位都看得见', 700: '帧' });
    const firstOf = (weight: number) =>
      new Set(
        split
          .filter(
            (piece) =>
              piece.family === cjkFamily && piece.weight === weight && piece.file.includes('-first-'),
          )
          .flatMap((piece) => piece.codePoints),
      );
    expect(firstOf(400)).toEqual(codePoints('每一帧位都看得见'));
    expect(firstOf(700)).toEqual(codePoints('帧'));
    const bold = split.filter((piece) => piece.family === cjkFamily && piece.weight === 700);
    const all = bold.flatMap((piece) => piece.codePoints);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining([...codePoints('每一位都看得见')]));
  });

  it('plans no character a source font lacks: a slice naming ⟨ without drawing it gets no file for it', async () => {
    const angle = 0x27e8;
    const unchecked = plannedPieces(new Set([angle]), '');
    expect(
      unchecked.filter((piece) => piece.codePoints.includes(angle) && piece.family === cjkFamily),
    ).toHaveLength(2);
    const source = unchecked.find((piece) => piece.family === cjkFamily)!.source;
    const drawn = await mappedCodePoints(source);
    expect(drawn.has(angle)).toBe(false);
    const checked = plannedPieces(new Set([angle]), '', (file) => (file === source ? drawn : undefined));
    expect(checked.filter((piece) => piece.family === cjkFamily)).toEqual([]);
  });

  it('sends what neither Noto draws (⟨, ⇹, κόσμε) to DejaVu Sans, emoji to the system', async () => {
    const wanted = codePoints('⟨⇹κ🙂');
    const first = plannedPieces(wanted, '');
    const cmaps = new Map<string, Set<number>>();
    for (const source of new Set(first.map((piece) => piece.source)))
      cmaps.set(source, await mappedCodePoints(source));
    const symbols = plannedPieces(wanted, '', (file) => cmaps.get(file)).filter(
      (p) => p.family === symbolsFamily,
    );
    expect(symbols.map((piece) => piece.weight)).toEqual([400, 700]);
    expect(new Set(symbols[0]!.codePoints)).toEqual(codePoints('⟨⇹κ'));
  });

  it('cuts nothing the deck does not use', () => {
    const used = characters;
    for (const piece of pieces) expect(piece.codePoints.every((c) => used.has(c))).toBe(true);
    expect(pieces.some((piece) => piece.codePoints.includes('龘'.codePointAt(0)!))).toBe(false);
  });
});
