import { expect, test } from '@playwright/test';
import { measureDeck } from './projectorType.ts';

/**
 * The deck read from the back of a classroom (issue 12): at a projector's 1280×720 and at 1920×1080, in
 * both languages, on every slide and every fragment step, in the default presenting layout (event panel
 * closed, live widgets mounted): no visible text under 14 px on screen, each step's median text at least
 * 20 px, nothing clipped or pushed off the slide, and the presenter's chrome over neither text nor a widget.
 * One page per size and language walks every slide (`npm run type-report` prints the figures).
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
    });
  }
}
