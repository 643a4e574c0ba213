import { type BrowserContext, test as base, type Page } from '@playwright/test';

export { expect } from '@playwright/test';

/**
 * Playwright's `test`, failing any test whose pages threw an error nobody caught. Such an error leaves a
 * page half-done (a capture that never finished opening was one), and the assertions after it may still
 * pass, or fail far from the cause; this names the cause. Every page is watched: the test's own, and those
 * of the contexts and pages it makes from `browser` (the room's visitors, say).
 */
export const test = base.extend<{ uncaughtPageErrors: string[] }>({
  uncaughtPageErrors: [
    async ({ context, browser }, use, testInfo) => {
      const errors: string[] = [];
      const watchPage = (page: Page) =>
        page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.stack ?? error.message}`));
      const watch = (watched: BrowserContext) => {
        for (const page of watched.pages()) watchPage(page);
        watched.on('page', watchPage);
        return watched;
      };
      watch(context);
      const { newContext, newPage } = browser;
      browser.newContext = async (...options) => watch(await newContext.apply(browser, options));
      browser.newPage = async (...options) => {
        const page = await newPage.apply(browser, options);
        watchPage(page);
        return page;
      };
      try {
        await use(errors);
      } finally {
        browser.newContext = newContext;
        browser.newPage = newPage;
      }
      if (errors.length === 0) return;
      const report = `the page threw ${errors.length} uncaught error(s):\n${errors.join('\n')}`;
      // A test already failing keeps its own failure; the errors are printed beside it, often its cause.
      if (testInfo.status !== testInfo.expectedStatus) console.error(report);
      else throw new Error(report);
    },
    { auto: true },
  ],
});
