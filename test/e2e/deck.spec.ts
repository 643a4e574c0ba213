import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * The deck (issue 5): every slide in both languages, on a projector's sizes, printed, and the presenter's
 * keys. Slides are walked through reveal.js's API with transitions off, so one evaluate measures them all.
 */

type Lang = 'zh' | 'en';
const languages: Lang[] = ['zh', 'en'];

type Problem = { slide: string; what: string };

type RevealLike = {
  getSlides(): HTMLElement[];
  getIndices(slide?: HTMLElement): { h: number; v: number; f?: number };
  getCurrentSlide(): HTMLElement;
  getTotalSlides(): number;
  getScale(): number;
  slide(h: number, v?: number, f?: number): void;
  isOverview(): boolean;
  isPaused(): boolean;
};

declare global {
  interface Window {
    ws101Reveal: RevealLike;
  }
}

/** The heading of the slide on screen (a vertical stack's parent is "present" too). */
const currentHeading = (page: Page) => page.locator('.reveal .slides section.present:not(.stack) > h2');

/** Console errors and failed page scripts, collected for the whole test. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function openDeck(page: Page, query: string, hash = ''): Promise<void> {
  await page.goto(`/?transition=none&${query}#/${hash}`);
  await page.waitForSelector('html.deck-ready');
}

/**
 * Every slide's content must lie inside the slide, and no code block may be cut off at its right edge.
 * Inside a scrolling or clipping box (a widget's frame list) only the box itself is measured.
 * `currentOnly` measures the slide on screen as it is; otherwise every slide is visited, fragments shown.
 */
async function overflowProblems(page: Page, currentOnly = false): Promise<Problem[]> {
  return page.evaluate((currentOnly) => {
    const reveal = window.ws101Reveal;
    const problems: { slide: string; what: string }[] = [];
    const tolerance = 1;
    const outside = (rect: DOMRect, bounds: DOMRect) =>
      rect.left < bounds.left - tolerance ||
      rect.top < bounds.top - tolerance ||
      rect.right > bounds.right + tolerance ||
      rect.bottom > bounds.bottom + tolerance;
    const firstOutside = (element: Element, bounds: DOMRect): Element | null => {
      if (element.matches('aside.notes')) return null;
      const rect = element.getBoundingClientRect();
      if ((rect.width > 0 || rect.height > 0) && outside(rect, bounds)) return element;
      const style = getComputedStyle(element);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') return null;
      for (const child of element.children) {
        const found = firstOutside(child, bounds);
        if (found) return found;
      }
      return null;
    };
    const slides = currentOnly ? [reveal.getCurrentSlide()] : reveal.getSlides();
    for (const slide of slides) {
      const { h, v } = reveal.getIndices(slide);
      if (!currentOnly) reveal.slide(h, v, 99);
      const name = slide.id || `${h}/${v}`;
      const bounds = (document.querySelector('.reveal .slides') as HTMLElement).getBoundingClientRect();
      for (const child of slide.children) {
        const element = firstOutside(child, bounds);
        if (!element) continue;
        const rect = element.getBoundingClientRect();
        const label = `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').slice(0, 40)}"`;
        problems.push({
          slide: name,
          what: `outside the slide (right ${Math.round(rect.right - bounds.right)}px, bottom ${Math.round(rect.bottom - bounds.bottom)}px): ${label}`,
        });
        break;
      }
      for (const code of slide.querySelectorAll<HTMLElement>('pre code')) {
        if (code.scrollWidth > code.clientWidth + tolerance) {
          problems.push({
            slide: name,
            what: `code cut off at the right: "${(code.textContent ?? '').slice(0, 40)}"`,
          });
        }
      }
    }
    return problems;
  }, currentOnly);
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`every slide fits at ${size.width}×${size.height} in both languages, with no console errors`, async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.setViewportSize(size);
    for (const lang of languages) {
      await openDeck(page, `lang=${lang}`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      expect(await overflowProblems(page), `${lang} at ${size.width}×${size.height}`).toEqual([]);
    }
    expect(errors).toEqual([]);
  });
}

test('both languages have the same slides, in the same order, each with speaker notes', async ({ page }) => {
  const outlines: Record<string, { ids: string[]; missingNotes: string[] }> = {};
  for (const lang of languages) {
    await openDeck(page, `lang=${lang}`);
    outlines[lang] = await page.evaluate(() => {
      const slides = window.ws101Reveal.getSlides();
      return {
        ids: slides.map((slide) => slide.id),
        missingNotes: slides
          .filter((slide) => (slide.querySelector('aside.notes')?.textContent?.trim().length ?? 0) < 40)
          .map((slide) => slide.id),
      };
    });
  }
  expect(outlines.zh!.ids.length).toBeGreaterThanOrEqual(25);
  expect(outlines.zh!.ids.every((id) => id.length > 0)).toBe(true);
  expect(outlines.en!.ids).toEqual(outlines.zh!.ids);
  expect(outlines.zh!.missingNotes).toEqual([]);
  expect(outlines.en!.missingNotes).toEqual([]);
});

/** The seed's fourteen slides, in the seed's order: slide id → words that must be on it, per language. */
const seedTopics: { id: string; zh: string[]; en: string[] }[] = [
  { id: 'title', zh: ['WebSocket'], en: ['WebSocket'] },
  { id: 'what', zh: ['什么是WebSocket', '全双工'], en: ['What is WebSocket', 'full-duplex'] },
  {
    id: 'stack',
    zh: ['WebSocket 协议', 'XMLHttpRequest', 'HTTP', 'TCP', 'IP'],
    en: ['The WebSocket protocol', 'XMLHttpRequest', 'HTTP', 'TCP', 'IP'],
  },
  {
    id: 'handshake-request',
    zh: [
      '连接过程',
      'GET /chat HTTP/1.1',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
    ],
    en: [
      'The connection process',
      'GET /chat HTTP/1.1',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
    ],
  },
  {
    id: 'handshake-response',
    zh: ['101 Switching Protocols', 'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
    en: ['101 Switching Protocols', 'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
  },
  {
    id: 'accept-key',
    zh: ['258EAFA5-E914-47DA-95CA-C5AB0DC85B11', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
    en: ['258EAFA5-E914-47DA-95CA-C5AB0DC85B11', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
  },
  {
    id: 'frames',
    zh: ['交换数据帧', 'FIN', 'opcode', 'MASK', 'Payload len'],
    en: ['Exchanging data frames', 'FIN', 'opcode', 'MASK', 'Payload len'],
  },
  {
    id: 'ping-pong',
    zh: ['心跳检测', 'Ping', 'Pong', '0x9', '0xA'],
    en: ['Heartbeat', 'Ping', 'Pong', '0x9', '0xA'],
  },
  { id: 'close', zh: ['关闭连接', '0x8', '1000'], en: ['Closing the connection', '0x8', '1000'] },
  {
    id: 'new-websocket',
    zh: ['浏览器端创建连接', "new WebSocket('ws://example.com/echo')"],
    en: ['Creating a connection in the browser', "new WebSocket('ws://example.com/echo')"],
  },
  {
    id: 'browser-code',
    zh: ['在浏览器端与服务器通信', 'onopen', 'send', 'onerror', 'onmessage'],
    en: ['Talking to the server from the browser', 'onopen', 'send', 'onerror', 'onmessage'],
  },
  {
    id: 'server-libs',
    zh: ['服务端处理', 'socket.io', 'WebSocket-Node', 'ws'],
    en: ['Handling it on the server', 'socket.io', 'WebSocket-Node', 'ws'],
  },
  {
    id: 'server-code',
    zh: ["require('websocket').server", "'echo-protocol'", 'WebSocketServer'],
    en: ["require('websocket').server", "'echo-protocol'", 'WebSocketServer'],
  },
  { id: 'chat', zh: ['实例：聊天程序'], en: ['Example: a chat program'] },
  { id: 'closing', zh: ['谢谢'], en: ['Thank you'] },
];

test('every seed topic is there, in the seed order, in both languages', async ({ page }) => {
  for (const lang of languages) {
    await openDeck(page, `lang=${lang}`);
    const found = await page.evaluate(
      (topics) => {
        const order = window.ws101Reveal.getSlides().map((slide) => slide.id);
        return topics.map(({ id, words }) => {
          const slide = document.getElementById(id);
          const text = (slide?.textContent ?? '').replace(/\s+/g, ' ');
          return { id, position: order.indexOf(id), missing: words.filter((word) => !text.includes(word)) };
        });
      },
      seedTopics.map((topic) => ({ id: topic.id, words: topic[lang] })),
    );
    for (const topic of found) expect(topic.missing, `${lang} #${topic.id}`).toEqual([]);
    const positions = found.map((topic) => topic.position);
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  }
  // The closing slide's comments icon is inline SVG, not an icon font from a CDN.
  expect(await page.locator('#closing svg.closing-icon').count()).toBe(1);
});

test('every live widget has its placeholder, each with a static example until it mounts', async ({
  page,
}) => {
  const names = [
    'handshake',
    'accept-key',
    'frame-inspector',
    'event-panel',
    'composer',
    'lab',
    'terminal',
    'chat',
    'library-compare',
    'seed-server',
    'room-frame',
    'exercise',
    'conform',
  ];
  for (const lang of languages) {
    await openDeck(page, `lang=${lang}`);
    const placeholders = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.reveal .slides [data-widget]')].map((element) => ({
        name: element.dataset.widget!,
        staticText: (element.textContent ?? '').trim().length,
      })),
    );
    expect(new Set(placeholders.map((placeholder) => placeholder.name))).toEqual(new Set(names));
    for (const placeholder of placeholders)
      expect(placeholder.staticText, placeholder.name).toBeGreaterThan(10);
    // The chat slide's join link, as a QR code the room can scan.
    await expect(page.locator('#chat svg.join-qr-code')).toHaveCount(1);
  }
});

test('live widgets mount on their slides only, fit them and keep the slide count', async ({ page }) => {
  // Every widget slide in both languages, each waited for: more than the default 30 s on a loaded machine.
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  for (const lang of languages) {
    await openDeck(page, `lang=${lang}`);
    const total = await page.evaluate(() => window.ws101Reveal.getTotalSlides());
    const slideIds = await page.evaluate(() =>
      window.ws101Reveal
        .getSlides()
        .filter((slide) => slide.querySelector('[data-widget]'))
        .map((slide) => slide.id),
    );
    for (const id of slideIds) {
      await page.evaluate((id) => {
        const reveal = window.ws101Reveal;
        const { h, v } = reveal.getIndices(document.getElementById(id)!);
        reveal.slide(h, v, 99);
      }, id);
      await page.waitForFunction(
        () => !document.querySelector('section.present [data-widget-state="loading"]'),
        undefined,
        { timeout: 10_000 },
      );
      await page.waitForTimeout(200); // a widget's first render
      expect(await overflowProblems(page, true), `${lang} #${id}`).toEqual([]);
      // reveal.js takes every <section> under .slides for a slide (numbering, stacks, navigation).
      const widgetSections = await page.evaluate(() =>
        [...document.querySelectorAll('.widget-host section')].map(
          (section) =>
            `${section.closest<HTMLElement>('[data-widget]')?.dataset.widget}: section.${section.className}`,
        ),
      );
      expect(widgetSections, `${lang} #${id}: widgets must not create <section> elements`).toEqual([]);
      expect(
        await page.evaluate(() => window.ws101Reveal.getTotalSlides()),
        `${lang} #${id} slide count`,
      ).toBe(total);
      // Widgets of the slides left behind are gone.
      expect(await page.locator('.reveal .slides section:not(.present) .widget-live').count()).toBe(0);
    }
    expect(await page.locator('[data-widget-state="failed"]').count()).toBe(0);
  }
  expect(errors).toEqual([]);
});

test('the language toggle switches in place and keeps the slide and fragment', async ({ page }) => {
  const errors = watchErrors(page);
  await openDeck(page, 'lang=zh', 'close-handshake');
  await page.keyboard.press('ArrowRight'); // the first fragment
  const before = await page.evaluate(() => window.ws101Reveal.getIndices());
  await expect(currentHeading(page)).toHaveText('关闭握手');

  await page.click('#lang-toggle');
  await expect(currentHeading(page)).toHaveText('The closing handshake');
  expect(await page.evaluate(() => window.ws101Reveal.getIndices())).toEqual(before);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
  await expect(page.locator('#lang-toggle')).toHaveText('中文');

  // Reloading keeps both the language and the slide.
  await page.reload();
  await page.waitForSelector('html.deck-ready');
  await expect(currentHeading(page)).toHaveText('The closing handshake');

  await page.click('#lang-toggle');
  await expect(currentHeading(page)).toHaveText('关闭握手');
  expect(errors).toEqual([]);
});

test("the browser's language picks the deck's, and ?lang overrides it", async ({ browser }) => {
  for (const [locale, picked, overridden] of [
    ['en-US', 'en', 'zh'],
    ['zh-CN', 'zh', 'en'],
  ] as const) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const htmlLang = () => page.evaluate(() => document.documentElement.lang);
    await openDeck(page, '');
    expect(await htmlLang(), locale).toBe(picked === 'zh' ? 'zh-CN' : 'en');
    await openDeck(page, `lang=${overridden}`);
    expect(await htmlLang(), `${locale} ?lang=${overridden}`).toBe(overridden === 'zh' ? 'zh-CN' : 'en');
    await context.close();
  }
});

test("the presenter's keys: arrows, space, overview, blackout, speaker view; slide numbers on", async ({
  page,
}) => {
  await openDeck(page, 'lang=en');
  await expect(page.locator('.reveal .slide-number')).toBeVisible();
  // A page follows the room, so it opens where a presenter (of an earlier test, on this server) last was;
  // Home steps away from the room to the first slide. Pressed before the page has joined, the join would
  // take it back to the room's slide, so the test waits for the room first.
  await expect(page.locator('.room-bar')).toHaveAttribute(
    'data-room-state',
    /following|waiting|presenter-away/,
    {
      timeout: 20_000,
    },
  );
  await page.keyboard.press('Home');
  await expect.poll(() => page.evaluate(() => window.ws101Reveal.getIndices().h)).toBe(0);
  await page.keyboard.press('ArrowRight');
  expect(await page.evaluate(() => window.ws101Reveal.getIndices().h)).toBe(1);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Space');
  expect(await page.evaluate(() => window.ws101Reveal.getIndices().h)).toBe(1);

  await page.keyboard.press('o');
  expect(await page.evaluate(() => window.ws101Reveal.isOverview())).toBe(true);
  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => window.ws101Reveal.isOverview())).toBe(false);

  await page.keyboard.press('b');
  expect(await page.evaluate(() => window.ws101Reveal.isPaused())).toBe(true);
  await page.keyboard.press('b');
  expect(await page.evaluate(() => window.ws101Reveal.isPaused())).toBe(false);

  const popup = page.waitForEvent('popup');
  await page.keyboard.press('s');
  const speakerView = await popup;
  // The second slide is "This room" (the first thing a class joining from their phones should see).
  await expect(speakerView.locator('.speaker-controls-notes')).toContainText(
    'Everyone who opens the deck follows this screen',
    { timeout: 10_000 },
  );
  // The "Upcoming" label does not cover the preview's title.
  const upcoming = speakerView.frameLocator('#upcoming-slide iframe');
  await expect(upcoming.locator('html.deck-ready')).toHaveCount(1, { timeout: 10_000 });
  const label = await speakerView.locator('#upcoming-slide .label').boundingBox();
  const title = await upcoming.locator('section.present:not(.stack) > h2').boundingBox();
  expect(label && title && label.y + label.height <= title.y, 'label above the title').toBe(true);
  // Switching language updates the speaker's notes and both previews too.
  await page.click('#lang-toggle');
  await expect(speakerView.locator('.speaker-controls-notes')).toContainText(
    '打开这份幻灯片的每个人都会跟随这块屏幕',
  );
  for (const preview of ['#current-slide iframe', '#upcoming-slide iframe']) {
    await expect(speakerView.frameLocator(preview).locator('html')).toHaveAttribute('lang', 'zh-CN');
  }
  await expect(upcoming.locator('section.present:not(.stack) > h2')).toHaveText(/[\u4e00-\u9fff]/);
  await speakerView.close();
});

test('the theme toggle switches between the light and dark projector themes', async ({ page }) => {
  await openDeck(page, 'lang=en&theme=light');
  const background = () =>
    page.evaluate(() => getComputedStyle(document.querySelector('.reveal-viewport')!).backgroundColor);
  expect(await background()).toBe('rgb(255, 255, 255)');
  await page.click('#theme-toggle');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await background()).not.toBe('rgb(255, 255, 255)');
  await page.reload();
  await page.waitForSelector('html.deck-ready');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
});

test('the seed code runs on its slide against /echo and prints to the slide', async ({ page }) => {
  const errors = watchErrors(page);
  await openDeck(page, 'lang=zh', 'browser-code');
  // The slide, not its vertical stack (the stack's next slide, the receiving side, has a runner too).
  await page.click('section.present:not(.stack) .runner-run');
  const output = page.locator('section.present:not(.stack) .runner-console');
  await expect(output).toContainText('连接到服务器啦！');
  await expect(output).toContainText('Server: 消息内容');
  // Leaving the slide closes the socket the code opened.
  await page.keyboard.press('ArrowRight');
  expect(errors).toEqual([]);
});

test('everything the deck loads comes from its own server: no CDN, no remote fonts', async ({
  page,
  baseURL,
}) => {
  const foreign: string[] = [];
  const own = new URL(baseURL!).host;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.host !== own) foreign.push(request.url());
  });
  await openDeck(page, 'lang=en');
  await page.evaluate(() => {
    const reveal = window.ws101Reveal;
    for (const slide of reveal.getSlides()) {
      const { h, v } = reveal.getIndices(slide);
      reveal.slide(h, v, 99);
    }
  });
  expect(foreign).toEqual([]);
});

for (const lang of languages) {
  test(`?print-pdf prints every slide (${lang}), with static examples in place of live widgets`, async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?print-pdf&lang=${lang}`);
    await page.waitForSelector('html.deck-ready');
    await page.waitForSelector('.pdf-page');
    const slides = await page.evaluate(() => window.ws101Reveal.getTotalSlides());
    expect(await page.locator('.widget-live').count()).toBe(0);
    expect(await page.locator('.deck-toolbar').isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
    expect(pages).toBe(slides);
    expect(errors).toEqual([]);
  });
}
