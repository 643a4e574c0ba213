import type { FieldName, Language } from '../../protocol/index.ts';
import { en, type StringKey } from './en.ts';
import { zh } from './zh.ts';

export type { StringKey } from './en.ts';

/** The catalogues, one per language (en.ts, zh.ts). */
export const catalogues: Readonly<Record<Language, Readonly<Record<StringKey, string>>>> = { en, zh };

/** A label in a language, with `{name}` placeholders filled from `values`. */
export function t(
  lang: Language,
  key: StringKey,
  values?: Readonly<Record<string, string | number>>,
): string {
  const text = catalogues[lang][key];
  return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole)) : text;
}

/** A header field's name as the RFC's figure spells it, in a language (`FIN`, `Payload len`, …). */
export function fieldLabel(lang: Language, name: FieldName | string): string {
  const key = `field.${name}`;
  return key in en ? t(lang, key as StringKey) : name;
}
