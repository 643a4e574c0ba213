import { createRequire } from 'node:module';

/** The longest nickname, in characters (after NFKC). */
export const maxNickname = 24;

/** Letters, digits, `_ - .` and inner spaces: nothing invisible, nothing that draws over other text. */
const allowed = /^[\p{L}\p{N}_\-. ]+$/u;

/**
 * Unicode's confusables (UTS #39 §4, confusables.txt), as the `unhomoglyph` package ships them: each
 * character drawn like another maps to its prototype (Greek Ν → N, Lisu ꓠ → N, Cherokee Ꭺ → A, ı → i).
 */
const confusables = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;

/**
 * Scripts a name may be written in, each with the scripts it may be mixed with (UTS #39 §5.1, augmented
 * sets: Han with kana is Japanese, Han with Hangul Korean, Han with Bopomofo Chinese). A letter of a script
 * not listed here counts as a script of its own, so it mixes with no listed one.
 */
const scripts: Record<string, readonly string[]> = {
  Latin: ['Latin'],
  Greek: ['Greek'],
  Cyrillic: ['Cyrillic'],
  Armenian: ['Armenian'],
  Georgian: ['Georgian'],
  Hebrew: ['Hebrew'],
  Arabic: ['Arabic'],
  Devanagari: ['Devanagari'],
  Bengali: ['Bengali'],
  Tamil: ['Tamil'],
  Thai: ['Thai'],
  Ethiopic: ['Ethiopic'],
  Cherokee: ['Cherokee'],
  Lisu: ['Lisu'],
  Han: ['Han', 'Japanese', 'Korean', 'Bopomofo'],
  Hiragana: ['Japanese'],
  Katakana: ['Japanese'],
  Hangul: ['Korean'],
  Bopomofo: ['Bopomofo'],
};
const scriptTests = Object.entries(scripts).map(
  ([name, sets]) => [new RegExp(`^\\p{Script_Extensions=${name}}$`, 'u'), sets] as const,
);
/** Digits, punctuation, spaces and combining marks belong to every script. */
const anyScript = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]$/u;

/**
 * Names a visitor may not take, by what they look like: what a class reads as the presenter. The
 * presenter's own chosen names are reserved beside these (server/endpoints/chatRoom.ts).
 */
export const reservedNicknames = ['Teacher', '老师', 'Presenter', '主讲'];

export type NicknameCheck = { ok: true; nick: string } | { ok: false; message: string };

/** A nickname as typed, checked and tidied: trimmed, NFKC, inner spaces collapsed, one script. */
export function checkNickname(wanted: string): NicknameCheck {
  const nick = wanted.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (nick === '') return { ok: false, message: 'a nickname cannot be empty' };
  if ([...nick].length > maxNickname) {
    return { ok: false, message: `a nickname is at most ${maxNickname} characters` };
  }
  if (!allowed.test(nick)) return { ok: false, message: 'a nickname is letters, digits, spaces and _ - .' };
  if (!isHighlyRestrictive(nick)) {
    return {
      ok: false,
      message:
        'a nickname is written in one script, or Latin with Chinese, Japanese or Korean (not Latin with Greek)',
    };
  }
  return { ok: true, nick };
}

/** UTS #39 §5.2, highly restrictive: Latin may join Han with kana, with Bopomofo, or with Hangul. */
const withLatin = ['Japanese', 'Bopomofo', 'Korean'];

/**
 * UTS #39 §5.2's "highly restrictive" level: the name is in one script (the scripts every letter could be
 * written in, intersected, is not empty), or in Latin beside Chinese, Japanese or Korean (`Ana 小安`).
 * `Τeacher` with a Greek Τ, or `ꓠana` with a Lisu ꓠ, is neither.
 */
export function isHighlyRestrictive(nick: string): boolean {
  const letters: (readonly string[])[] = [];
  for (const ch of nick) {
    if (anyScript.test(ch)) continue;
    const sets = scriptTests.filter(([test]) => test.test(ch)).flatMap(([, of]) => of);
    letters.push(sets.length > 0 ? sets : [`other:${ch}`]);
  }
  const [first = []] = letters;
  if (first.some((script) => letters.every((own) => own.includes(script)))) return true;
  return withLatin.some((east) => letters.every((own) => own.includes('Latin') || own.includes(east)));
}

/** UTS #39 §4's skeleton: decomposed, each character replaced by its prototype, decomposed again. */
function skeleton(text: string): string {
  let mapped = '';
  for (const ch of text.normalize('NFD')) mapped += confusables[ch] ?? ch;
  return mapped.normalize('NFD');
}

/**
 * What a nickname looks like, for telling names apart: its confusable skeletons as written, in lower case,
 * and lowered after the skeleton (Greek `ΑΝΑ` is drawn as `ANA`, which a class reads as `ana`; `MS LI`
 * as `Ms Li`), accents dropped. Two names that share a skeleton would be read as one person.
 */
export function nicknameSkeletons(nick: string): string[] {
  const tidy = (text: string) => text.replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim();
  const written = nick.normalize('NFKC');
  const cased = skeleton(written);
  return [...new Set([cased, skeleton(written.toLowerCase()), skeleton(cased.toLowerCase())].map(tidy))];
}

/** Whether two names would be read as one: they share a skeleton. */
export function lookAlike(a: readonly string[], b: readonly string[]): boolean {
  return a.some((skeleton) => b.includes(skeleton));
}
