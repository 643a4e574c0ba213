import type { Language } from '../protocol/index.ts';

/**
 * The slides are content files: `slides/<lang>/NN-section.html`, one file per section, each holding one or
 * more `<section>` elements with their `<aside class="notes">`. Both languages have the same files, in the
 * same order, with the same slides, so switching language keeps the slide index.
 */
const files = import.meta.glob<string>('../../slides/*/*.html', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export type SlideFile = { readonly name: string; readonly html: string };

export function slideFiles(lang: Language): SlideFile[] {
  const prefix = `../../slides/${lang}/`;
  return Object.entries(files)
    .filter(([path]) => path.startsWith(prefix))
    .map(([path, html]) => ({ name: path.slice(prefix.length), html }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function deckHtml(lang: Language): string {
  return slideFiles(lang)
    .map((file) => `<!-- ${file.name} -->\n${file.html}`)
    .join('\n');
}
