import { mergeConfig, type PluginOption } from 'vite';
import { firstSlideText } from './src/deck/fonts/firstSlideText.ts';
import { cjkFontPlugin } from './src/deck/fonts/vitePlugin.ts';
import { recordingsCheckPlugin } from './tools/recordings/checkRecordings.ts';
import baseConfig, { deckFonts, firstSlideSources } from './vite.config.ts';

/**
 * `npm run build:static`: the deck as a static site (dist/static/ws101/) for any static host and any
 * subfolder: relative URLs, no server code, its live widgets replaying the recorded sessions of
 * slides/recordings/ (mode `static`: src/session/serverChoice.ts). Every page input of vite.config.ts
 * (the deck, the illustrated page when it is there) is built with it.
 */
const isDeckFonts = (plugin: PluginOption) =>
  typeof plugin === 'object' && plugin !== null && 'name' in plugin && plugin.name === 'ws101-deck-fonts';

export default mergeConfig(
  { ...baseConfig, plugins: (baseConfig.plugins ?? []).filter((plugin) => !isDeckFonts(plugin)) },
  {
    mode: 'static',
    base: './',
    plugins: [
      recordingsCheckPlugin(process.cwd()),
      // The title slide's server field is first-slide text here: its characters go in the first font files.
      cjkFontPlugin({
        ...deckFonts,
        firstText: firstSlideText({
          ...firstSlideSources,
          chromeCode: [...firstSlideSources.chromeCode, 'src/deck/serverField.ts'],
          strings: [...firstSlideSources.strings, 'src/shared/strings/staticSite.ts'],
        }),
      }),
    ],
    build: { outDir: 'dist/static/ws101', emptyOutDir: true },
  },
);
