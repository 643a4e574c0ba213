/** The longest nickname, in characters (after NFKC). */
export const maxNickname = 24;

/** Letters, digits, `_ - .` and inner spaces: nothing invisible, nothing that draws over other text. */
const allowed = /^[\p{L}\p{N}_\-. ]+$/u;

/**
 * Letters of other scripts that are drawn like Latin ones (Unicode's confusables, the common Cyrillic and
 * Greek ones), and digits drawn like letters: `аna` (Cyrillic а) is not a new name beside `ana`.
 */
const lookalikes: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  з: '3',
  і: 'l',
  ї: 'l',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ɡ: 'g',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'l',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  0: 'o',
  1: 'l',
  i: 'l',
  '|': 'l',
};

export type NicknameCheck = { ok: true; nick: string } | { ok: false; message: string };

/** A nickname as typed, checked and tidied: trimmed, NFKC, inner spaces collapsed. */
export function checkNickname(wanted: string): NicknameCheck {
  const nick = wanted.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (nick === '') return { ok: false, message: 'a nickname cannot be empty' };
  if ([...nick].length > maxNickname) {
    return { ok: false, message: `a nickname is at most ${maxNickname} characters` };
  }
  if (!allowed.test(nick)) return { ok: false, message: 'a nickname is letters, digits, spaces and _ - .' };
  return { ok: true, nick };
}

/**
 * What a nickname looks like, for telling names apart: NFKC, lower case, accents dropped, look-alike
 * letters replaced by their Latin twin. Two names with one skeleton would be read as one person.
 */
export function nicknameSkeleton(nick: string): string {
  const folded = nick.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  let skeleton = '';
  for (const ch of folded) skeleton += lookalikes[ch] ?? ch;
  return skeleton.replace(/\s+/g, ' ').trim();
}
