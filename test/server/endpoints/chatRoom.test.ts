import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../../server/server.ts';
import { openWs, startTestServer, TestInspector, waitFor, wsUrl } from '../helpers.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ chatMessagesPer10s: 60 });
});
afterAll(() => server.close());

type ChatMessage = {
  type: string;
  nick?: string;
  text?: string;
  message?: string;
  messages?: ChatMessage[];
  you?: string;
};

/** A page's chat socket: its own session (a ticket asked for on /inspect), from one address. */
async function member(query = '', from = '127.0.0.1'): Promise<{ ws: WebSocket; inbox: ChatMessage[] }> {
  const inbox: ChatMessage[] = [];
  const page = await TestInspector.open(server, {}, from);
  // Listening before the open: the history can arrive in the same read as the 101.
  const ws = new WebSocket(await page.chatUrl(query), { localAddress: from });
  ws.on('message', (data) => inbox.push(JSON.parse(data.toString())));
  await waitFor(() => inbox.find((m) => m.type === 'history'), 'history');
  return { ws, inbox };
}

describe('the seed’s chat: nicknames, notices, history, a rate limit, all tapped', () => {
  it('announces joins, nick changes and leaves, and relays messages to everyone', async () => {
    const ana = await member('&nick=ana');
    const bo = await member();
    expect(bo.inbox[0]!.you).toMatch(/^guest-\d+$/);
    await waitFor(
      () => ana.inbox.find((m) => m.type === 'join' && m.nick === bo.inbox[0]!.you),
      'join notice',
    );
    bo.ws.send(JSON.stringify({ type: 'nick', nick: 'bo' }));
    await waitFor(() => ana.inbox.find((m) => m.type === 'nick' && m.nick === 'bo'), 'nick notice');
    bo.ws.send('plain text is a message too');
    ana.ws.send(JSON.stringify({ type: 'message', text: '你好' }));
    for (const inbox of [ana.inbox, bo.inbox]) {
      await waitFor(() => inbox.find((m) => m.text === '你好' && m.nick === 'ana'), 'message');
      await waitFor(
        () => inbox.find((m) => m.text === 'plain text is a message too' && m.nick === 'bo'),
        'message',
      );
    }
    bo.ws.close();
    await waitFor(() => ana.inbox.find((m) => m.type === 'leave' && m.nick === 'bo'), 'leave notice');
    ana.ws.close();
  });

  it('gives a late joiner the last 50 messages', async () => {
    const talker = await member('&nick=talker', '127.0.1.1');
    for (let i = 0; i < 55; i++) talker.ws.send(`line ${i}`);
    await waitFor(() => talker.inbox.find((m) => m.text === 'line 54'), 'all sent');
    const late = await member();
    const history = late.inbox[0]!.messages!;
    expect(history).toHaveLength(50);
    expect(history.at(-1)!.text).toBe('line 54');
    expect(history[0]!.text).toBe('line 5');
    talker.ws.close();
    late.ws.close();
  });

  it('refuses messages beyond the per-client rate with a notice, keeping the connection', async () => {
    const flood = await member('&nick=flood', '127.0.1.2');
    for (let i = 0; i < 70; i++) flood.ws.send(`spam ${i}`);
    await waitFor(
      () => flood.inbox.find((m) => m.type === 'error' && /slow down/.test(m.message ?? '')),
      'notice',
    );
    expect(flood.ws.readyState).toBe(flood.ws.OPEN);
    flood.ws.close();
  });

  it('is tapped like every other endpoint', async () => {
    const inspector = await TestInspector.open(server);
    const ws = await openWs(await inspector.chatUrl('&nick=seen'));
    const open = await inspector.find((r) => r.kind === 'open' && r.endpoint === 'chat', 'open record');
    await waitFor(
      () => (inspector.bytes(open.connection!, 'write').includes('"history"') ? true : undefined),
      'tap',
    );
    ws.close();
    inspector.close();
  });
});

describe('a chat socket needs a page’s ticket', () => {
  it('refuses /chat without a ticket with 403, before the handshake', async () => {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl(server, '/chat?nick=anonymous'));
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
    });
    expect(status).toBe(403);
  });
});
