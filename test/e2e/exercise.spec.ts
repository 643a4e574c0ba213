import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { person } from './roomHelpers.ts';

test.describe.configure({ timeout: 120_000 });

async function answer(page: Page, answers: Record<string, string>): Promise<void> {
  for (const [question, value] of Object.entries(answers)) {
    await page.locator(`.ws-exercise input[data-question="${question}"]`).fill(value);
  }
  await page.locator('.ws-exercise button[type="submit"]').click();
}

const right = { fin: '1', opcode: '0x1', masked: 'yes', length: '128', key: 'a1 b2 c3 d4', text: 'Hi! ' };

test('the exercise: each visitor sees right or wrong, the presenter a tally of two without names', async ({
  browser,
}) => {
  const presenter = await person(browser, 'exercise', { presenter: true });
  const ana = await person(browser, 'exercise');
  const bo = await person(browser, 'exercise', { lang: 'zh' });
  await expect(presenter.locator('.ws-exercise-answered')).toHaveText('0 answered (no names)');
  // The presenter's screen has the tally, not the questions.
  await expect(presenter.locator('.ws-exercise input')).toHaveCount(0);

  await answer(ana, right);
  await expect(ana.locator('.ws-exercise-status')).toHaveText('6 of 6 right');
  await expect(ana.locator('.ws-exercise-mark[data-verdict="right"]')).toHaveCount(6);
  await expect(presenter.locator('.ws-exercise-answered')).toHaveText('1 answered (no names)');

  await answer(bo, { ...right, length: '126', masked: '是', key: 'a1b2c3d4', text: '"Hi! "' });
  await expect(bo.locator('.ws-exercise-status')).toHaveText('答对 5 / 6');
  await expect(
    bo
      .locator('.ws-exercise-cell')
      .filter({ has: bo.locator('[data-question="length"]') })
      .locator('.ws-exercise-mark'),
  ).toHaveAttribute('data-verdict', 'wrong');

  await expect(presenter.locator('.ws-exercise-answered')).toHaveText('2 answered (no names)');
  const count = (question: string) =>
    presenter.locator(`.ws-exercise-cell[data-question="${question}"] .ws-exercise-count`);
  await expect(count('fin')).toHaveText('2/2');
  await expect(count('key')).toHaveText('2/2');
  await expect(count('length')).toHaveText('1/2');

  // A visitor who answers again is counted once, with the new answer.
  await answer(bo, right);
  await expect(bo.locator('.ws-exercise-status')).toHaveText('答对 6 / 6');
  await expect(count('length')).toHaveText('2/2');
  await expect(presenter.locator('.ws-exercise-answered')).toHaveText('2 answered (no names)');
  // No nickname or session label on the presenter's tally.
  expect(await presenter.locator('.ws-exercise').innerText()).not.toMatch(/guest|Fox|Owl|狐狸/);

  // The solution is a fragment: hidden until the presenter reveals it.
  await expect(presenter.locator('section#exercise ol.fragment')).not.toHaveClass(/visible/);
  await presenter.keyboard.press('ArrowRight');
  await expect(presenter.locator('section#exercise ol.fragment')).toHaveClass(/visible/);
  for (const page of [presenter, ana, bo]) await page.context().close();
});
