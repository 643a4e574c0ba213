import type { Plugin } from 'vite';
import { buildDeckFonts } from './deckFonts.ts';

/** Cuts the deck's fonts to the deck's characters before Vite reads the CSS (`build` and the dev server). */
export function cjkFontPlugin(options: Parameters<typeof buildDeckFonts>[0]): Plugin {
  return {
    name: 'ws101-deck-fonts',
    async buildStart() {
      const made = await buildDeckFonts(options);
      if (made.rebuilt) this.info(`deck fonts: ${made.characters} characters in ${made.files} woff2 files`);
    },
  };
}
