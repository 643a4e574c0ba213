import { configDefaults, defineConfig } from 'vitest/config';
import { firstSlideText } from './src/deck/fonts/firstSlideText.ts';
import { cjkFontPlugin } from './src/deck/fonts/vitePlugin.ts';

/** The deck's fonts and the text the first slide shows (the static site adds its own: vite.static.config.ts). */
export const firstSlideSources = {
  titleSlide: 'slides/zh/01-title.html',
  chromeCode: ['src/deck/toolbar.ts', 'src/deck/room/roomBar.ts', 'src/widgets/event-panel/sidePanel.ts'],
  strings: ['src/shared/strings/en.ts', 'src/shared/strings/zh.ts'],
};
export const deckFonts = { sources: ['index.html', 'slides', 'src'], outDir: 'src/deck/fonts/generated' };

export default defineConfig({
  root: '.',
  plugins: [cjkFontPlugin({ ...deckFonts, firstText: firstSlideText(firstSlideSources) })],
  build: {
    outDir: 'dist/deck',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // A font stays a file: inlined into the CSS, every page would pay for every slice's glyphs up front.
    assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined),
  },
  test: {
    include: ['test/**/*.test.ts'],
    // test/package packs and installs the whole project: `npm run test:package`.
    exclude: [...configDefaults.exclude, 'test/package/**'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
