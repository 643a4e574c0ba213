import { afterEach, describe, expect, it } from 'vitest';
import { maxIndebted, PresenterAttempts } from '../../server/presenterAttempts.ts';
import type { RunningServer } from '../../server/server.ts';
import { nextMessage, openWs, startTestServer, wsUrl } from './helpers.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** One presenter hello from `address`, answered with its reply's code (or `welcome`). */
async function presenterHello(running: RunningServer, address: string, token: string): Promise<string> {
  const ws = await openWs(wsUrl(running, '/inspect'), undefined, { localAddress: address });
  const reply = nextMessage(ws);
  ws.send(JSON.stringify({ type: 'hello', v: 1, id: 1, presenterToken: token }));
  const message = JSON.parse((await reply).data.toString()) as { type: string; code?: string };
  ws.close();
  return message.type === 'welcome' ? 'welcome' : String(message.code);
}

describe('a server-wide budget for wrong presenter tokens', () => {
  it('refuses a guess from a fresh address once many addresses have guessed, one guess each', async () => {
    server = await startTestServer({ presenterToken: 'the-right-presenter-token' });
    const codes: string[] = [];
    // 40 addresses, one wrong guess each: no address reaches its own limit of 5.
    for (let i = 1; i <= 40; i++) {
      codes.push(await presenterHello(server, `127.0.3.${i}`, `guess-${i}-xxxxxxxxxxxxxxxxx`));
    }
    expect(codes.filter((c) => c === 'bad-presenter-token').length).toBe(30);
    expect(codes.slice(30)).toEqual(Array(10).fill('too-many-attempts'));
  });
});

describe('an address in debt is never forgotten', () => {
  it('still refuses an address after 20,000 other addresses failed', () => {
    const attempts = new PresenterAttempts(0);
    for (let i = 0; i < 5; i++) attempts.failed('10.0.0.1', 0);
    expect(attempts.refusal('10.0.0.1', 0, true)).toBe('address');
    for (let i = 0; i < 20_000; i++) attempts.failed(`10.1.${i >> 8}.${i & 255}`, 1);
    expect(attempts.refusal('10.0.0.1', 2, true)).toBe('address');
  });

  it('forgets addresses whose credit is whole again, so the table stays bounded', () => {
    const attempts = new PresenterAttempts(0);
    // One failure a second for 3 hours, each from a new address (within the server-wide budget).
    for (let second = 0; second < 3 * 3600; second++)
      attempts.failed(`10.2.${second >> 8}.${second & 255}`, second * 1000);
    expect(attempts.size).toBeLessThanOrEqual(2 * maxIndebted);
  });
});
