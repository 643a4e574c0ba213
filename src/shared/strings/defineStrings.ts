/**
 * The one mechanism for every word ws101 shows. Each feature keeps a `strings.ts` beside its code:
 *   export const strings = defineStrings({ en: { hello: 'Hello {name}' }, zh: { hello: '你好，{name}' } });
 *   export const t = strings.t;   // t(lang, 'hello', { name }) in the feature's files
 * The compiler checks that zh has exactly en's keys, each zh value exactly its en value's `{placeholder}`
 * names, and that a lookup passes every placeholder its key needs (none for a key without). A second
 * argument adds a base's words (the widgets' shared ones); a feature's strings load with its own code.
 */
import type { Language } from '../../protocol/index.ts';

/** The `{name}` placeholders a text holds, as a union of names (`never` when it holds none). */
export type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** What a zh value must be: itself if its placeholders are en's, else a type naming what is wrong. */
type Checked<En extends Record<string, string>, Zh> = {
  [Key in keyof Zh]: Key extends keyof En
    ? Zh[Key] extends string
      ? SameNames<Placeholders<En[Key]>, Placeholders<Zh[Key]>> extends true
        ? Zh[Key]
        : { zhNeedsExactlyThePlaceholdersOfEn: Placeholders<En[Key]> }
      : never
    : `no such key in en`;
};

/**
 * The values a key needs: none for a key without placeholders, all of them for a key with some. For a key
 * chosen at run time (a union), the values of any one of its texts.
 */
export type ValuesOf<Text extends string> = Text extends string
  ? [Placeholders<Text>] extends [never]
    ? []
    : [values: Readonly<Record<Placeholders<Text>, string | number>>]
  : never;

export type Strings<En extends Record<string, string>> = {
  /** The raw texts, one record per language (tests read them; views use `t`). */
  readonly catalogues: Readonly<Record<Language, Readonly<Record<keyof En, string>>>>;
  /** This feature's own keys, its base's left out (the unused-key test reads them). */
  readonly keys: readonly (keyof En & string)[];
  /** A text in a language, its `{name}` placeholders filled from `values`. */
  t<Key extends keyof En & string>(lang: Language, key: Key, ...values: ValuesOf<En[Key]>): string;
  /** A text in every language at once, for verdicts and violations that carry both as data. */
  both<Key extends keyof En & string>(
    key: Key,
    ...values: ValuesOf<En[Key]>
  ): Readonly<Record<Language, string>>;
  /** Whether `key` is one of this feature's or its base's keys (for keys built at run time: `field.${name}`). */
  has(key: string): key is keyof En & string;
};

/** The keys whose texts hold no placeholder: what a list of labels (menu entries, help lines) can name. */
export type PlainKeyOf<Feature> =
  Feature extends Strings<infer En>
    ? { [Key in keyof En]: [Placeholders<En[Key]>] extends [never] ? Key : never }[keyof En] & string
    : never;

/** A key both in a feature and in its base: each word has one home. */
type NoOverlap<En, Base> = [keyof En & keyof Base] extends [never]
  ? unknown
  : { overlapsBase: keyof En & keyof Base };

export function defineStrings<
  const En extends Record<string, string>,
  const Zh extends Checked<En, Zh> & Record<keyof En, string>,
  Base extends Record<string, string> = Record<never, string>,
>(catalogues: { en: En; zh: Zh } & NoOverlap<En, Base>, base?: Strings<Base>): Strings<En & Base> {
  const en: Record<string, string> = { ...base?.catalogues.en, ...catalogues.en };
  const zh: Record<string, string> = { ...base?.catalogues.zh, ...catalogues.zh };
  const t = (lang: Language, key: string, ...values: unknown[]): string => {
    const text = (lang === 'zh' ? zh : en)[key] ?? key;
    const filled = values[0] as Readonly<Record<string, string | number>> | undefined;
    return filled ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(filled[name] ?? whole)) : text;
  };
  return {
    catalogues: { en, zh },
    keys: Object.keys(catalogues.en),
    t,
    both: (key: string, ...values: unknown[]) => ({
      en: t('en', key, ...values),
      zh: t('zh', key, ...values),
    }),
    has: (key: string) => Object.hasOwn(en, key),
  } as unknown as Strings<En & Base>;
}
