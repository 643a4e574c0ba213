import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server.ts';
import { encodeFrame, FrameStreamDecoder, Opcode } from '../../../src/protocol/index.ts';
import {
  headerEnd,
  nextMessage,
  openWs,
  RawClient,
  startTestServer,
  TestInspector,
  upgradeRequest,
  waitFor,
  wsUrl,
} from '../helpers.ts';

let server: RunningServer;
const inspectorBufferLimit = 256 * 1024;

beforeAll(async () => {
  server = await startTestServer({ presenterToken: 'presenter-secret', inspectorBufferLimit });
});
afterAll(() => server.close());

async function echoFor(inspector: TestInspector) {
  const before = new Set(inspector.records.filter((r) => r.kind === 'open').map((r) => r.connection));
  const ws = await openWs(await inspector.echoUrl());
  const id = await waitFor(
    () => inspector.records.find((r) => r.kind === 'open' && !before.has(r.connection))?.connection,
    'open record',
  );
  return { ws, id };
}

describe('sessions: hello mints or resumes, and tokens are the server’s own', () => {
  it('mints 128-bit tokens and resumes by token', async () => {
    const a = await TestInspector.open(server);
    expect(a.welcome).toMatchObject({ type: 'welcome', v: 1, protocol: 1, role: 'visitor', resumed: false });
    expect(Buffer.from(a.welcome.session, 'base64url')).toHaveLength(16);
    const again = await TestInspector.open(server, { session: a.welcome.session });
    expect(again.welcome).toMatchObject({ resumed: true, session: a.welcome.session });
    a.close();
    again.close();
  });

  it('never lets a client choose its token: an unknown one (or a ticket) mints a fresh session', async () => {
    const a = await TestInspector.open(server);
    const ticket = new URL(await a.echoUrl()).searchParams.get('ticket')!;
    for (const guess of ['my-own-token', ticket]) {
      const b = await TestInspector.open(server, { session: guess });
      expect(b.welcome.resumed).toBe(false);
      expect(b.welcome.session).not.toBe(guess);
      b.close();
    }
    a.close();
  });

  it('answers mistakes as data: bad JSON, unknown types, commands before hello, wrong version', async () => {
    const ws = await openWs(wsUrl(server, '/inspect'));
    const replies: Record<string, unknown>[] = [];
    ws.on('message', (data) => replies.push(JSON.parse(data.toString())));
    ws.send('{not json');
    ws.send(JSON.stringify({ type: 'list', id: 1 }));
    ws.send(JSON.stringify({ type: 'hello', v: 99, id: 2 }));
    ws.send(JSON.stringify({ type: 'hello', v: 1, id: 3 }));
    ws.send(JSON.stringify({ type: 'dance', id: 4 }));
    await waitFor(() => (replies.length === 5 ? true : undefined), 'five replies');
    expect(replies.map((r) => r.code ?? r.type)).toEqual([
      'bad-json',
      'hello-first',
      'bad-version',
      'welcome',
      'unknown-type',
    ]);
    ws.close();
  });
});

describe('isolation: a page sees and drives only the connections its own session opened', () => {
  it('keeps B out of A’s records, watch list and lab', async () => {
    const a = await TestInspector.open(server);
    const b = await TestInspector.open(server);
    const echoA = await echoFor(a);
    const echoB = await echoFor(b);
    echoA.ws.send('secret of A');
    await nextMessage(echoA.ws);
    echoB.ws.send('hello from B');
    await nextMessage(echoB.ws);
    await b.find((r) => r.kind === 'write' && r.connection === echoB.id && r.data !== undefined, 'B’s own');

    const seenByB = new Set(b.records.map((r) => r.connection));
    expect(seenByB.has(echoA.id)).toBe(false);
    expect(b.records.some((r) => Buffer.from(r.data ?? '', 'base64').includes('secret of A'))).toBe(false);
    const list = await b.request({ type: 'list' });
    expect((list.connections as { connection: number }[]).map((c) => c.connection)).toEqual([echoB.id]);

    const messagesToA: string[] = [];
    echoA.ws.on('message', (data) => messagesToA.push(data.toString()));
    const attempts = [
      { type: 'watch', connection: echoA.id },
      { type: 'lab.serverWrite', connection: echoA.id, preset: 'hello' },
      { type: 'lab.ping', connection: echoA.id, text: 'x' },
      { type: 'lab.close', connection: echoA.id, code: 4000, reason: 'hijack' },
      { type: 'lab.clientWrite', connection: echoA.id, hex: '00' },
    ];
    for (const attempt of attempts) {
      expect(await b.request(attempt)).toMatchObject({ type: 'error', code: 'not-found' });
    }
    // The same answer as for an id that does not exist at all: B learns nothing.
    expect(await b.request({ type: 'lab.ping', connection: 999_999 })).toMatchObject({ code: 'not-found' });
    echoA.ws.send('still mine');
    expect((await nextMessage(echoA.ws)).data.toString()).toBe('still mine');
    expect(messagesToA).toEqual(['still mine']);
    expect(echoA.ws.readyState).toBe(echoA.ws.OPEN);
    expect(b.records.some((r) => r.connection === echoA.id)).toBe(false);

    for (const ws of [echoA.ws, echoB.ws]) ws.close();
    a.close();
    b.close();
  });

  it('lets the presenter see another session only while it shares, and drive only its own', async () => {
    const visitor = await TestInspector.open(server);
    const presenter = await TestInspector.open(server, { presenterToken: 'presenter-secret' });
    expect(presenter.welcome.role).toBe('presenter');
    const echo = await echoFor(visitor);
    // Without the visitor's consent the presenter is told nothing of it, like B of A.
    expect(await presenter.request({ type: 'watch', connection: echo.id })).toMatchObject({
      code: 'not-found',
    });
    expect(presenter.records.some((r) => r.connection === echo.id)).toBe(false);
    expect(await visitor.request({ type: 'share', on: true })).toMatchObject({ ok: true, sharing: true });
    expect(await presenter.request({ type: 'watch', connection: echo.id })).toMatchObject({ ok: true });
    const open = await presenter.find(
      (r) => r.kind === 'open' && r.connection === echo.id,
      'presenter sees it',
    );
    // The owner is a label derived from the session, never its token.
    expect(open.owner).toMatch(/^[\w-]{6}$/);
    expect(open.owner).toBe(visitor.welcome.label);
    expect(JSON.stringify(open)).not.toContain(visitor.welcome.session);
    expect(
      await presenter.request({ type: 'lab.serverWrite', connection: echo.id, preset: 'hello' }),
    ).toMatchObject({
      code: 'not-found',
    });
    const wrong = await openWs(wsUrl(server, '/inspect'));
    wrong.send(JSON.stringify({ type: 'hello', v: 1, presenterToken: 'guess-guess' }));
    expect(JSON.parse((await nextMessage(wrong)).data.toString())).toMatchObject({
      code: 'bad-presenter-token',
    });
    wrong.close();
    echo.ws.close();
    visitor.close();
    presenter.close();
  });
});

describe('backpressure: a slow inspector drops records and says how many, never slowing the watched', () => {
  it('an idle inspector still gets a record larger than the bound (a frame near maxPayload)', async () => {
    const inspector = await TestInspector.open(server);
    const echo = await openWs(await inspector.echoUrl());
    const big = Buffer.alloc(inspectorBufferLimit, 9); // its record is 4/3 of the bound, in base64
    echo.send(big);
    expect((await nextMessage(echo)).data.length).toBe(big.length);
    const write = await inspector.find(
      (r) => r.kind === 'write' && Buffer.from(String(r.data), 'base64').length > big.length,
      'the echo of the large message',
    );
    expect(Buffer.from(String(write.data), 'base64').subarray(-16)).toEqual(big.subarray(-16));
    echo.close();
    inspector.close();
  });

  it('drops past the bound, sends a dropped record, keeps echoing at full speed', async () => {
    const owner = await TestInspector.open(server, { watch: false });
    // An inspector that reads nothing for a while: a raw client speaking the handshake and a hello.
    const slow = await RawClient.open(server.port);
    await slow.write(upgradeRequest('/inspect', server.port));
    await slow.untilReceived(headerEnd, '101');
    const hello = JSON.stringify({ type: 'hello', v: 1, session: owner.welcome.session });
    await slow.write(Buffer.from(encodeFrame({ opcode: Opcode.text, payload: hello, mask: true })));
    await slow.untilReceived((all) => all.includes('"welcome"'), 'welcome');
    slow.socket.pause();

    const echo = await openWs(await owner.echoUrl());
    const payload = Buffer.alloc(256 * 1024, 7);
    let maxBuffered = 0;
    for (let i = 0; i < 80; i++) {
      echo.send(payload);
      expect((await nextMessage(echo)).data.length).toBe(payload.length);
      for (const c of server.context.registry.connections.values()) {
        if (c.endpoint === 'inspect') maxBuffered = Math.max(maxBuffered, c.ws.bufferedAmount);
      }
    }
    expect(maxBuffered).toBeGreaterThan(0);
    // Bounded: the limit plus at most one batch that was accepted just under it.
    expect(maxBuffered).toBeLessThan(inspectorBufferLimit * 3);

    slow.socket.resume();
    const decoder = new FrameStreamDecoder({ sender: 'server', maxPayload: 1 << 30 });
    const messages: Record<string, unknown>[] = [];
    let offset = slow.received().indexOf('\r\n\r\n') + 4;
    const dropped = await waitFor(() => {
      const all = slow.received();
      for (const frame of decoder.push(all.subarray(offset))) {
        messages.push(JSON.parse(Buffer.from(frame.payload).toString()));
      }
      offset = all.length;
      const records = messages.flatMap((m) => (m.records ?? []) as { kind: string; count?: number }[]);
      return records.find((r) => r.kind === 'dropped');
    }, 'dropped record');
    expect(dropped.count).toBeGreaterThan(0);
    echo.close();
    slow.socket.destroy();
    owner.close();
  });
});

describe('connection identity comes from the server', () => {
  it("tells each page which connections are its own sockets (echo, lab), and no other tab's", async () => {
    const tabA = await TestInspector.open(server, { page: 'tab-a' });
    const tabB = await TestInspector.open(server, { session: tabA.welcome.session, page: 'tab-b' });
    // The ticket carries the page that asked for it: nothing in the socket's URL names the tab.
    const ws = await openWs(await tabA.echoUrl());
    const inA = await tabA.find((r) => r.kind === 'open' && r.path === '/echo', 'open in tab a');
    const inB = await tabB.find((r) => r.connection === inA.connection && r.kind === 'open', 'open in b');
    expect(inA.pageSocket).toBe('echo');
    expect(inB.pageSocket).toBe(null);
    const lab = await tabA.request({ type: 'lab.clientOpen' });
    const labOpen = await tabA.find((r) => r.kind === 'open' && r.connection === lab.connection, 'lab open');
    expect(labOpen.pageSocket).toBe('lab');
    const listed = (await tabB.request({ type: 'list' })).connections as { pageSocket: unknown }[];
    expect(listed.map((c) => c.pageSocket)).toEqual([null, null]);
    ws.close();
    tabA.close();
    tabB.close();
  });

  it('a chat ticket opens /chat only, and the page is told that socket is its chat', async () => {
    const page = await TestInspector.open(server, { page: 'tab-chat' });
    const forChat = await page.request({ type: 'ticket', socket: 'chat' });
    expect(typeof forChat.ticket).toBe('string');
    await expect(openWs(wsUrl(server, `/echo?ticket=${String(forChat.ticket)}`))).rejects.toThrow(/403/);
    const again = await page.request({ type: 'ticket', socket: 'chat' });
    const chat = await openWs(wsUrl(server, `/chat?nick=ana&ticket=${String(again.ticket)}`));
    const open = await page.find((r) => r.kind === 'open' && r.path === '/chat', 'chat open');
    expect(open.pageSocket).toBe('chat');
    const bad = await page.request({ type: 'ticket', socket: 'inspect' });
    expect(bad).toMatchObject({ type: 'error', code: 'bad-command' });
    chat.close();
    page.close();
  });
});
