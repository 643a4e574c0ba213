import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  root: '.',
  build: { outDir: 'dist/deck', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  test: {
    include: ['test/**/*.test.ts'],
    // test/package packs and installs the whole project: `npm run test:package`.
    exclude: [...configDefaults.exclude, 'test/package/**'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
