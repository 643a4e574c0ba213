import { readFileSync } from 'node:fs';

/**
 * The text a viewer sees before anything else: the title slide (its speaker notes left out) and the
 * chrome around every slide (toolbar, room pill, event panel tab): the translations their code names
 * (`t(lang, 'themeDark')`) looked up in the strings file. The CJK build puts these characters in files of
 * their own, so opening the deck in 中文 fetches a few small files rather than the slices of every slide.
 */
export function firstSlideText(options: {
  titleSlide: string;
  chromeCode: string[];
  strings: string;
}): string {
  const title = readFileSync(options.titleSlide, 'utf8').replace(
    /<aside class="notes">[\s\S]*?<\/aside>/g,
    '',
  );
  const translations = new Map<string, string>();
  for (const [, key, value] of readFileSync(options.strings, 'utf8').matchAll(
    /^\s+(\w+): '((?:[^'\\]|\\.)*)',?$/gm,
  ))
    translations.set(key!, value!);
  const named = new Set<string>();
  for (const file of options.chromeCode) {
    for (const [, key] of readFileSync(file, 'utf8').matchAll(/'(\w+)'/g)) {
      const value = translations.get(key!);
      if (value !== undefined) named.add(value);
    }
  }
  return title + [...named].join('\n');
}
