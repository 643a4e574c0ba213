import { expect, test } from './fixtures.ts';
import { fontFaces, fontsDrawing } from './fontsInUse.ts';
import { measureDeck } from './projectorType.ts';

/**
 * The deck read from the back of a classroom (issue 12): at a projector's 1280×720 and at 1920×1080, in
 * both languages, on every slide and every fragment step, in the default presenting layout (event panel
 * closed, live widgets mounted): no visible text under 14 px on screen, each step's median text at least
 * 20 px, nothing clipped or pushed off the slide, and the presenter's chrome over neither text nor a widget.
 * One page per size and language walks every slide (`npm run type-report` prints the figures). Playwright
 * runs this file once per system font set (playwright.config.ts, test/e2e/fontsets/): with the deck's own
 * faces the result must not depend on them, and the text must really be drawn by those faces.
 */

const minSize = 14;
const minMedian = 20;

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  for (const lang of ['en', 'zh'] as const) {
    test(`projector type at ${size.width}×${size.height} (${lang}): ≥ ${minSize} px, median ≥ ${minMedian} px, nothing clipped or covered`, async ({
      page,
    }) => {
      test.setTimeout(90_000);
      await page.setViewportSize(size);
      await page.goto(`/?transition=none&lang=${lang}`);
      await page.waitForSelector('html.deck-ready');
      const steps = await measureDeck(page, { minSize });
      expect(steps.length).toBeGreaterThanOrEqual(30);
      const problems: string[] = [];
      for (const step of steps) {
        for (const small of step.small) problems.push(`${step.step}: ${small.size} px "${small.text}"`);
        if (step.median < minMedian) problems.push(`${step.step}: median ${step.median} px`);
        for (const clipped of step.clipped) problems.push(`${step.step}: ${clipped}`);
        for (const covered of step.covered) problems.push(`${step.step}: ${covered}`);
      }
      expect(problems, `${lang} at ${size.width}×${size.height}`).toEqual([]);

      // The bundled faces drew the text: the title, the bytes of the accept key, a live frame's bit grid.
      const faces = await fontFaces(page);
      expect(faces.failed).toEqual([]);
      expect(faces.loaded).toEqual(
        expect.arrayContaining(['Noto Sans', 'JetBrains Mono', ...(lang === 'zh' ? ['ws101 CJK'] : [])]),
      );
      for (const slideId of ['title', 'accept-try', 'frame-live']) {
        const fonts = await fontsDrawing(page, slideId);
        expect(fonts.filter((font) => font.custom).length, slideId).toBeGreaterThan(0);
        expect(
          fonts.filter((font) => !font.custom && !/emoji/i.test(font.family)),
          `${slideId}: text drawn by a system font`,
        ).toEqual([]);
      }
    });
  }
}
