import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../../server/server.ts';
import { closed, openWs, startTestServer, TestInspector, waitFor } from '../helpers.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const pollingUrl = (s: RunningServer, sid?: string, ticket?: string) =>
  `http://127.0.0.1:${s.port}/socket.io/?EIO=4&transport=polling${sid ? `&sid=${sid}` : ''}${ticket ? `&ticket=${ticket}` : ''}`;

/**
 * An Engine.IO polling handshake on a socket of its own, closed after: its session id (the `0{…}` open
 * packet's `sid`). The session then holds no socket at all, as a client that never polls again leaves it.
 */
function handshake(s: RunningServer, ticket?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      pollingUrl(s, undefined, ticket),
      { agent: false, headers: { connection: 'close' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`handshake: ${res.statusCode}`));
          resolve((JSON.parse(body.slice(1)) as { sid: string }).sid);
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const post = (s: RunningServer, sid: string, body: string) =>
  fetch(pollingUrl(s, sid), { method: 'POST', body, headers: { 'content-type': 'text/plain' } });

describe('socket.io: an Engine.IO session’s pending writes are bounded', () => {
  it('ends a polling session that posts echo requests and never GETs, once its backlog passes the bound', async () => {
    const sendQueueLimit = 64 * 1024;
    const s = await startTestServer({ maxPayload: 16 * 1024, sendQueueLimit, messagesPerSecond: 1_000_000 });
    server = s;
    const sid = await handshake(s);
    expect((await post(s, sid, '40')).status).toBe(200); // socket.io CONNECT to the main namespace
    const echo = `42${JSON.stringify(['echo', 'x'.repeat(4096)])}`;
    const statuses: number[] = [];
    // 40 echoes of 4 KiB each, never read: 160 KiB would wait for a GET that never comes.
    for (let i = 0; i < 40; i++) statuses.push((await post(s, sid, echo)).status);
    const accepted = statuses.filter((status) => status === 200).length;
    expect(accepted).toBeLessThanOrEqual(sendQueueLimit / 4096 + 1);
    expect(statuses.at(-1)).toBe(400); // "Session ID unknown": the session was ended
    expect(s.context.registry.connections.size).toBe(0);
  });
});

describe('socket.io: a chat member’s backlog is its session’s, so the slow-reader cut applies', () => {
  it('a polling chat member that never GETs is cut by the room once its backlog passes 1 MiB', async () => {
    // The session's own bound far above the room's cut: the room's cut is the one that acts.
    const s = await startTestServer({
      sendQueueLimit: 8 * 1024 * 1024,
      chatMessagesPer10s: 1_000_000,
      messagesPerSecond: 1_000_000,
    });
    server = s;
    // The chat takes members with a page's ticket only: the poller's Engine.IO session proves its page.
    const pollerPage = await TestInspector.open(s);
    const sid = await handshake(s, await pollerPage.ticket('socket.io'));
    expect((await post(s, sid, '40')).status).toBe(200);
    expect((await post(s, sid, `42${JSON.stringify(['chat.join', 'poller'])}`)).status).toBe(200);
    // Eight talkers, each a page of its own from an address of its own: the chat's output budget lets one
    // sender cost the room about 1 MiB at once, shared among everyone it reaches, so it takes several to
    // pile more than the cut's 1 MiB onto a member that reads nothing.
    const talkers = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const from = `127.0.6.${i + 1}`;
        const page = await TestInspector.open(s, {}, from);
        return openWs(await page.chatUrl(`&nick=talker${i}`), undefined, { localAddress: from });
      }),
    );
    const talkersClosed = talkers.map((talker) => closed(talker));
    let pollerLeft = false;
    talkers[0]!.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; nick?: string };
      if (message.type === 'leave' && message.nick === 'poller') pollerLeft = true;
    });
    // Lines of 2,000 characters from every talker, batch after batch as their budgets refill, until the
    // poller is cut; it reads none of them (what the budget refuses is refused to the talker, not queued).
    const line = JSON.stringify({ type: 'message', text: 'y'.repeat(2_000) });
    const sending = setInterval(() => {
      for (const talker of talkers) for (let i = 0; i < 20; i++) talker.send(line);
    }, 50);
    await waitFor(() => (pollerLeft ? true : undefined), 'the poller cut from the room', 20_000).finally(() =>
      clearInterval(sending),
    );
    // Its Engine.IO session was discarded with it: nothing it held waits for a GET.
    expect((await post(s, sid, '3')).status).toBe(400);
    for (const talker of talkers) talker.close();
    await Promise.all(talkersClosed);
  }, 40_000);
});

describe('socket.io: a half-open Engine.IO session counts against its address', () => {
  it('two polling sessions that never poll again fill an address capped at two', async () => {
    const s = await startTestServer({ maxConnectionsPerIp: 2 });
    server = s;
    await handshake(s);
    await handshake(s);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${s.port}/echo`);
      ws.once('open', () => {
        ws.terminate();
        resolve(101);
      });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => {});
    });
    expect(status).toBe(503);
    expect(s.context.registry.countFor('127.0.0.1')).toBe(2);
    expect(s.context.registry.connections.size).toBe(0);
  });
});
