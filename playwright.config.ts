import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/helpers/chromium.ts';

const port = Number(process.env.E2E_PORT ?? 3917);
const projectorSpec = /projector\.spec\.ts$/;
const fontSets = ['dejavu', 'noto-cjk'];
const fontSetFile = (fontSet: string) =>
  fileURLToPath(new URL(`test/e2e/fontsets/${fontSet}.conf`, import.meta.url));

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
  },
  // The projector test runs once per system font set (test/e2e/fontsets/*.conf, given to Chromium as
  // FONTCONFIG_FILE): the deck brings its own faces, so its layout must not depend on what else is there.
  projects: [
    { name: 'chromium', testIgnore: projectorSpec },
    ...fontSets.map((fontSet) => ({
      name: `fonts-${fontSet}`,
      testMatch: projectorSpec,
      use: { launchOptions: chromiumLaunchOptions([], { FONTCONFIG_FILE: fontSetFile(fontSet) }) },
    })),
  ],
  webServer: {
    command: `npm run build --silent && node --import tsx server/main.ts --port ${port} --presenter-token e2e-presenter-token`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
