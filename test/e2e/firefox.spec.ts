import { firefoxExecutable, launchFirefox } from '../browsers/firefox.ts';
import { labRunInPage, type PageReport } from '../browsers/labRunInPage.ts';
import { expect, test } from './fixtures.ts';

/**
 * Debian's Firefox ESR, driven over WebDriver BiDi (Playwright drives only its own Firefox build). The lab:
 * three experiments where Firefox differs from Chromium, each run must read as the table's measured Firefox
 * column, with the departures from the RFC named as such (`npm run lab:browsers` runs them all). The
 * library comparison: its demo, socket.io's upgrade and the bytes it measures, as in Chromium.
 */
test.describe('Firefox ESR', () => {
  test.describe.configure({ timeout: 90_000 });

  test('the frame lab: each run reads as Firefox was measured: the wire, the page, the RFC', async ({
    baseURL,
  }) => {
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

  test('the library comparison runs by itself in Firefox: "hello" through all three, measured from the tap', async ({
    baseURL,
  }) => {
    const firefox = await launchFirefox();
    try {
      await firefox.navigate(`${baseURL}/?lang=en#/library-wire`);
      // Waits in the page (up to 20 s) for the demo's echo on each library, then reads what the page shows.
      const report = JSON.parse(
        await firefox.evaluate(`(async () => {
          const measured = () => [...document.querySelectorAll('.ws-lib-table td[data-measured]')];
          for (let waited = 0; waited < 20000; waited += 100) {
            if (measured().length === 6 && measured().every((cell) => cell.dataset.measured === 'yes')) break;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          const session = window.ws101Session;
          const echoed = session.store.list('all')
            .filter((stored) => stored.direction === 'server' && stored.frame.opcode === 1)
            .map((stored) => [session.connection(stored.connection)?.info?.pageSocket, new TextDecoder().decode(stored.frame.payload)]);
          const widget = document.querySelector('.ws-lib-compare');
          return JSON.stringify({
            userAgent: navigator.userAgent,
            demo: widget.dataset.demo,
            socketIoHeader: widget.querySelector('.ws-lib-column[data-library="socket.io"] h3').textContent,
            cells: Object.fromEntries([...widget.querySelectorAll('.ws-lib-table tr[data-library]')].map(
              (row) => [row.dataset.library, [...row.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)],
            )),
            echoed,
          });
        })()`),
      ) as {
        userAgent: string;
        demo: string;
        socketIoHeader: string;
        cells: Record<string, string[]>;
        echoed: [string, string][];
      };
      expect(report.userAgent).toContain('Firefox/');
      expect(report.demo).toBe('done');
      expect(report.socketIoHeader).toBe('socket.io (open · WebSocket)');
      // The same bytes as in Chromium: Firefox masks as every client must, and the libraries answer alike.
      expect(report.cells).toEqual({
        ws: ['11 B (5 B)', '7 B (5 B)'],
        wsnode: ['11 B (5 B)', '7 B (5 B)'],
        'socket.io': ['24 B (18 B)', '20 B (18 B)'],
      });
      expect(report.echoed).toEqual(
        expect.arrayContaining([
          ['ws', 'hello'],
          ['wsnode', 'hello'],
          ['socket.io', '42["echo","hello"]'],
        ]),
      );
    } finally {
      await firefox.close();
    }
  });
});
