import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The packaging test builds, packs and installs ws101: slow next to the unit tests, so it has its own run
// (`npm run test:package`, called by `npm test`).
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
