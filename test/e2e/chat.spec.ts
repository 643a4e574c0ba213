import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { person } from './roomHelpers.ts';

// Several browser contexts per test, on a 2-core machine shared with others.
test.describe.configure({ timeout: 120_000 });

/** A visitor on the chat slide, in a context of its own (its own session, its own storage). */
async function visitor(browser: Browser, lang: 'en' | 'zh'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`/?lang=${lang}#/chat`);
  // The machine is shared: a page may take seconds to load, connect and join.
  await expect(page.locator('.ws-chat')).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  await page.locator('.ws-chat-text').fill(text);
  await page.locator('.ws-chat-text').press('Enter');
}

/** Text a page's own inspector decoded from the tapped bytes of its chat socket, in one direction. */
function chatWireText(page: Page, direction: 'client' | 'server'): Promise<string> {
  return page.evaluate((wanted) => {
    const session = window.ws101Session;
    const chat = [...session.connections.values()].find((c) => c.info?.pageSocket === 'chat');
    if (!chat) return '';
    const decoder = new TextDecoder();
    const texts: string[] = [];
    for (let i = 0; i < session.store.size; i++) {
      const stored = session.store.at(i)!;
      if (stored.connection === chat.id && stored.direction === wanted && stored.frame.opcode === 1)
        texts.push(decoder.decode(stored.frame.payload));
    }
    return texts.join('\n');
  }, direction);
}

test('the chat carries messages both ways, CJK and emoji intact, each frame in the sender’s inspector', async ({
  browser,
}) => {
  const ana = await visitor(browser, 'en');
  const bo = await visitor(browser, 'zh');
  const boNick = await bo.locator('.ws-chat-nick').inputValue();
  // A join notice, in the reader's language.
  await expect(ana.locator('.ws-chat-notice-join').last()).toContainText(`${boNick} joined`);

  await say(ana, 'Hello from the front row');
  await expect(bo.locator('.ws-chat-said').last()).toHaveText('Hello from the front row');
  await say(bo, '你好，最后一排 👋🏽');
  await expect(ana.locator('.ws-chat-said').last()).toHaveText('你好，最后一排 👋🏽');
  await expect(ana.locator('.ws-chat-line:not(.ws-chat-notice) .ws-chat-who').last()).toHaveText(boNick);

  // Never faked: the sender's own inspector decoded its message from the tapped client frame (masked),
  // and the broadcast from the server's frame.
  await expect.poll(() => chatWireText(bo, 'client')).toContain('你好，最后一排 👋🏽');
  await expect.poll(() => chatWireText(ana, 'server')).toContain('你好，最后一排 👋🏽');
  // The chat socket proved it was the page's with a single-use ticket: its tapped request line names no
  // session, join key or tab (what the projector shows must let nobody in).
  const requestLine = await bo.evaluate(() => {
    const chat = [...window.ws101Session.connections.values()].find((c) => c.info?.pageSocket === 'chat');
    const head = new TextDecoder().decode(chat?.handshake.client.bytes ?? new Uint8Array(0));
    return head.split('\r\n')[0] ?? '';
  });
  expect(requestLine).toMatch(/^GET \/chat\?nick=[^ ]*&ticket=[\w-]+ HTTP\/1\.1$/);
  expect(requestLine).not.toMatch(/join=|tab=|session=/);

  // A late joiner gets the history.
  const late = await visitor(browser, 'en');
  await expect(late.locator('.ws-chat-said')).toContainText([
    'Hello from the front row',
    '你好，最后一排 👋🏽',
  ]);

  // Leaving is told.
  await bo.context().close();
  await expect(ana.locator('.ws-chat-notice-leave').last()).toContainText(`${boNick} left`);
  await ana.context().close();
  await late.context().close();
});

test('a message of markup is shown as text, never run', async ({ browser }) => {
  const ana = await visitor(browser, 'en');
  const bo = await visitor(browser, 'en');
  const markup = '<img src=x onerror="window.pwned=1"><b>bold</b><script>window.pwned=2</script>';
  await say(ana, markup);
  await expect(bo.locator('.ws-chat-said').last()).toHaveText(markup);
  await expect(
    bo.locator('.ws-chat-log img, .ws-chat-log b:not(.ws-chat-who), .ws-chat-log script'),
  ).toHaveCount(0);
  expect(await bo.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await ana.context().close();
  await bo.context().close();
});

test('a nickname change is told to all, and the rate limit’s refusal shows as a notice', async ({
  browser,
}) => {
  const ana = await visitor(browser, 'en');
  const bo = await visitor(browser, 'en');
  const old = await ana.locator('.ws-chat-nick').inputValue();
  await ana.locator('.ws-chat-nick').fill('Ana 小安');
  await ana.locator('.ws-chat-nick').press('Enter');
  await expect(bo.locator('.ws-chat-notice').last()).toHaveText(new RegExp(`${old} is now Ana 小安`));
  // The server allows 20 messages per 10 s per member: sent at once, the 21st is refused, and the page says so.
  await ana.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('.ws-chat-text')!;
    for (let i = 0; i < 30; i++) {
      input.value = `line ${i}`;
      input.form!.requestSubmit();
    }
  });
  await expect(ana.locator('.ws-chat-notice-error').last()).toContainText('Slow down');
  await ana.context().close();
  await bo.context().close();
});

test('the presenter mutes a nickname and clears the chat; a visitor has neither control', async ({
  browser,
}) => {
  const presenter = await person(browser, 'chat', { presenter: true });
  const ana = await visitor(browser, 'en');
  const bo = await visitor(browser, 'en');
  await expect(presenter.locator('.ws-chat')).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  await expect(presenter.locator('.ws-chat-presenter')).toBeVisible();
  await expect(ana.locator('.ws-chat-presenter')).toBeHidden();
  await expect(ana.locator('.ws-chat-mute')).toHaveCount(0);

  const boNick = await bo.locator('.ws-chat-nick').inputValue();
  await say(bo, 'first!!!');
  await presenter.locator(`.ws-chat-mute[data-nick="${boNick}"]`).last().click();
  await expect(bo.locator('.ws-chat-state')).toHaveText('the presenter muted you');
  await expect(ana.locator('.ws-chat-notice').last()).toHaveText(new RegExp(`The presenter muted ${boNick}`));
  await say(bo, 'still here');
  await expect(bo.locator('.ws-chat-notice-error').last()).toHaveText(/Not sent: the presenter muted you/);
  await say(ana, 'after the mute');
  await expect(presenter.locator('.ws-chat-said').last()).toHaveText('after the mute');
  await expect(presenter.locator('.ws-chat-said')).not.toContainText(['still here']);

  await presenter.locator('.ws-chat-clear').click();
  for (const page of [presenter, ana, bo]) {
    await expect(page.locator('.ws-chat-said')).toHaveCount(0);
    await expect(page.locator('.ws-chat-notice-cleared')).toHaveCount(1);
  }
  for (const page of [presenter, ana, bo]) await page.context().close();
});
