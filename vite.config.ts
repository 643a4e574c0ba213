import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { firstSlideText } from './src/deck/fonts/firstSlideText.ts';
import { cjkFontPlugin } from './src/deck/fonts/vitePlugin.ts';
import { illustratedPlugin } from './src/illustrated/vitePlugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The deck's fonts and the text the first slide shows (the static site adds its own: vite.static.config.ts). */
export const firstSlideSources = {
  titleSlide: 'slides/zh/01-title.html',
  chromeCode: ['src/deck/toolbar.ts', 'src/deck/room/roomBar.ts', 'src/widgets/event-panel/sidePanel.ts'],
  strings: [
    'src/deck/strings.ts',
    'src/deck/room/strings.ts',
    'src/widgets/event-panel/strings.ts',
    'src/widgets/shared/strings.ts',
  ],
};
export const deckFonts = { sources: ['index.html', 'slides', 'src'], outDir: 'src/deck/fonts/generated' };

export default defineConfig({
  root: '.',
  plugins: [
    cjkFontPlugin({ ...deckFonts, firstText: firstSlideText(firstSlideSources) }),
    illustratedPlugin(root),
  ],
  build: {
    outDir: 'dist/deck',
    rollupOptions: {
      // The deck, and "The Illustrated WebSocket Connection" in each language (its bytes written in at build).
      input: {
        deck: fileURLToPath(new URL('index.html', import.meta.url)),
        illustrated: fileURLToPath(new URL('illustrated/index.html', import.meta.url)),
        illustratedZh: fileURLToPath(new URL('illustrated/zh/index.html', import.meta.url)),
      },
    },
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
