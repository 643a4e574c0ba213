import { readFileSync } from 'node:fs';

/**
 * The text a viewer sees before anything else, per CJK weight: the title slide (its speaker notes left out)
 * and the chrome around every slide (toolbar, room pill, event panel tab): the translations their code names
 * (`t(lang, 'themeDark')`) looked up in the strings file. The CJK build puts these characters in files of
 * their own, so opening the deck in 中文 fetches a few small files rather than the slices of every slide.
 * The title slide's text is regular but for its headings and <strong>/<b>; the chrome's buttons and pill
 * are bold (600 and 700 draw from the 700 files): the bold files get only those, not the whole title. A
 * tooltip or an accessible name is not drawn: its characters stay in the slices.
 */
export function firstSlideText(options: { titleSlide: string; chromeCode: string[]; strings: string[] }): {
  400: string;
  700: string;
} {
  const title = readFileSync(options.titleSlide, 'utf8').replace(
    /<aside class="notes">[\s\S]*?<\/aside>/g,
    '',
  );
  const titleBold = [...title.matchAll(/<(h[1-6]|strong|b|th)\b[^>]*>([\s\S]*?)<\/\1>/g)]
    .map((match) => match[2]!)
    .join('\n');
  // Every language's: the English page's language button reads 中文.
  const translations = new Map<string, string[]>();
  for (const strings of options.strings)
    for (const [, key, value] of readFileSync(strings, 'utf8').matchAll(
      /^\s+(\w+): '((?:[^'\\]|\\.)*)',?$/gm,
    ))
      translations.set(key!, [...(translations.get(key!) ?? []), value!]);
  // A translation only ever given as a tooltip or an accessible name (`title`, `aria-label`) is never drawn.
  const attribute = /(?:\btitle\s*[:=]|'aria-label'\s*[:,])\s*t\(\w+,\s*$/;
  const named = new Set<string>();
  for (const file of options.chromeCode) {
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/'(\w+)'/g)) {
      const values = translations.get(match[1]!);
      if (values && !attribute.test(code.slice(Math.max(0, match.index - 40), match.index)))
        for (const value of values) named.add(value);
    }
  }
  const chrome = [...named].join('\n');
  return { 400: `${title}\n${chrome}`, 700: `${titleBold}\n${chrome}` };
}
