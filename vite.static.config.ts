import { mergeConfig } from 'vite';
import { recordingsCheckPlugin } from './tools/recordings/checkRecordings.ts';
import baseConfig from './vite.config.ts';

/**
 * `npm run build:static`: the deck as a static site (dist/static/ws101/) for any static host and any
 * subfolder: relative URLs, no server code, its live widgets replaying the recorded sessions of
 * slides/recordings/ (mode `static`: src/session/serverChoice.ts). Every page input of vite.config.ts
 * (the deck, the illustrated page when it is there) is built with it.
 */
export default mergeConfig(baseConfig, {
  mode: 'static',
  base: './',
  plugins: [recordingsCheckPlugin(process.cwd())],
  build: { outDir: 'dist/static/ws101', emptyOutDir: true },
});
