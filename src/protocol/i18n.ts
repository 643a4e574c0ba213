/** Every user-facing string of the core comes in both of the deck's languages. */
export type Bilingual = { readonly en: string; readonly zh: string };
export type Language = keyof Bilingual;

export function bilingual(en: string, zh: string): Bilingual {
  return { en, zh };
}
