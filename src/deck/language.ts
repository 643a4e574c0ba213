import type { Language } from '../protocol/index.ts';

export const languages: readonly Language[] = ['zh', 'en'];

/** `?lang=zh|en` wins; otherwise the first of the browser's languages we speak; otherwise the seed's 中文. */
export function pickLanguage(search: string, browserLanguages: readonly string[]): Language {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'zh' || asked === 'en') return asked;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'zh' || primary === 'en') return primary;
  }
  return 'zh';
}

export function otherLanguage(lang: Language): Language {
  return lang === 'zh' ? 'en' : 'zh';
}

/** The BCP 47 tag for `<html lang>`, which also picks CJK glyph variants in system fonts. */
export function htmlLang(lang: Language): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}
