import { firefoxExecutable, launchFirefox } from '../browsers/firefox.ts';
import { labRunInPage, type PageReport } from '../browsers/labRunInPage.ts';
import { expect, test } from './fixtures.ts';

/**
 * The lab in Debian's Firefox ESR, driven over WebDriver BiDi (Playwright drives only its own Firefox
 * build). Three experiments where Firefox differs from Chromium: each run must read as the table's
 * measured Firefox column, with the departures from the RFC named as such. `npm run lab:browsers` runs
 * them all.
 */
test.describe('the frame lab in Firefox', () => {
  test.describe.configure({ timeout: 90_000 });

  test('each run reads as Firefox was measured: the wire, the page, the RFC', async ({ baseURL }) => {
    expect(firefoxExecutable, 'firefox-esr is installed').toBeTruthy();
    const firefox = await launchFirefox();
    try {
      await firefox.navigate(`${baseURL}/?lang=en#/lab`);
      const names = ['masked-server-frame', 'reserved-opcode', 'close-1005'];
      const report = JSON.parse(await firefox.evaluate(labRunInPage(names))) as PageReport;
      expect(report.error).toBeUndefined();
      expect(report.userAgent).toContain('Firefox/');
      const runs = Object.fromEntries(report.runs.map((run) => [run.experiment, run]));
      expect(runs['masked-server-frame']).toMatchObject({
        matches: true,
        rfc: 'breaks',
        seen: { delivers: true, closeFrame: 'none', page: 'open' },
      });
      expect(runs['reserved-opcode']).toMatchObject({
        matches: true,
        rfc: 'allowed',
        seen: { delivers: false, closeFrame: 'none', page: { code: 1006, clean: false } },
      });
      expect(runs['close-1005']).toMatchObject({
        matches: true,
        rfc: 'breaks',
        seen: { closeFrame: null, page: { code: 1005, clean: true } },
      });
      // Firefox's request: every header, Upgrade last, as the handshake explorer must show it.
      expect(report.request.at(-1)).toBe('Upgrade: websocket');
      expect(report.request.some((line) => line.startsWith('Sec-Fetch-Mode: websocket'))).toBe(true);
    } finally {
      await firefox.close();
    }
  });
});
