import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { RunningServer } from '../../../server/server.ts';
import type { VisitorJson } from '../../../src/shared/inspector/protocol.ts';
import { nextMessage, openWs, startTestServer, TestInspector, waitFor } from '../helpers.ts';

const presenterToken = 'room-consent-test-presenter-token';
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ presenterToken });
});
afterAll(() => server.close());

/** A visitor's page: its inspector and its echo socket, with the server's id for that socket. */
async function visitor(): Promise<{ inspector: TestInspector; echo: WebSocket; id: number }> {
  const inspector = await TestInspector.open(server);
  const echo = await openWs(await inspector.echoUrl());
  const id = await waitFor(
    () => inspector.records.find((r) => r.kind === 'open')?.connection,
    'the visitor’s own open record',
  );
  return { inspector, echo, id };
}

async function say(echo: WebSocket, text: string): Promise<void> {
  echo.send(text);
  expect((await nextMessage(echo)).data.toString()).toBe(text);
}

/** Whether any tap record the inspector got carries these bytes. */
function sawText(inspector: TestInspector, connection: number, text: string): boolean {
  return (
    inspector.bytes(connection, 'read').length > 0 && unmaskedReads(inspector, connection).includes(text)
  );
}

/** The client's frames as the presenter would decode them: small masked text frames, unmasked here. */
function unmaskedReads(inspector: TestInspector, connection: number): string {
  const bytes = inspector.bytes(connection, 'read');
  const out: string[] = [];
  let at = bytes.indexOf('\r\n\r\n') + 4;
  while (at > 3 && at + 6 <= bytes.length) {
    const length = bytes[at + 1]! & 0x7f;
    const key = bytes.subarray(at + 2, at + 6);
    const payload = bytes.subarray(at + 6, at + 6 + length).map((b, i) => b ^ key[i % 4]!);
    out.push(Buffer.from(payload).toString());
    at += 6 + length;
  }
  return out.join('|');
}

function lastVisitors(presenter: TestInspector): readonly VisitorJson[] | undefined {
  const pushes = presenter.replies.filter((m) => m.type === 'visitors');
  return (pushes.at(-1)?.visitors as VisitorJson[] | undefined) ?? undefined;
}

describe('consent: a visitor’s frames reach the presenter only while the visitor shares', () => {
  it('lists visitors to the presenter only, grouped, with counts and no ids before consent', async () => {
    const presenter = await TestInspector.open(server, { presenterToken });
    const ana = await visitor();
    expect(ana.inspector.welcome).toMatchObject({
      sharing: false,
      label: expect.stringMatching(/^[\w-]{6}$/),
    });
    const chat = await openWs(await ana.inspector.chatUrl('&nick=ana'));

    expect(await ana.inspector.request({ type: 'visitors' })).toMatchObject({ code: 'not-presenter' });
    // Her chat socket's nickname is known once the chat has her: ask until it is.
    let visitors: VisitorJson[] = [];
    for (let tries = 0; tries < 100; tries++) {
      visitors = (await presenter.request({ type: 'visitors' })).visitors as VisitorJson[];
      if (visitors.some((v) => v.nick === 'ana' && v.connections === 2)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const anaEntry = visitors.find((v) => v.label === ana.inspector.welcome.label)!;
    expect(anaEntry).toMatchObject({ nick: 'ana', connections: 2, sharing: false, own: false, ids: [] });
    expect([...anaEntry.endpoints].sort()).toEqual(['chat', 'echo']);
    // Never a secret: not the session token.
    const text = JSON.stringify(visitors);
    expect(text).not.toContain(ana.inspector.welcome.session);
    chat.close();
    ana.echo.close();
    for (const inspector of [presenter, ana.inspector]) inspector.close();
  });

  it('shares on consent, pushes the change at once, and takes the frames away when the visitor stops', async () => {
    const presenter = await TestInspector.open(server, { presenterToken });
    const ana = await visitor();
    await say(ana.echo, 'before consent');
    // Watching "all" is the presenter's own connections only; asking for Ana's is answered like a stranger's.
    expect(await presenter.request({ type: 'watch', connection: ana.id })).toMatchObject({
      code: 'not-found',
    });
    expect(presenter.records.some((r) => r.connection === ana.id)).toBe(false);
    const listed = await presenter.request({ type: 'list' });
    expect((listed.connections as { connection: number }[]).map((c) => c.connection)).not.toContain(ana.id);

    expect(await ana.inspector.request({ type: 'share', on: true })).toMatchObject({
      ok: true,
      sharing: true,
    });
    const shared = await waitFor(
      () => lastVisitors(presenter)?.find((v) => v.label === ana.inspector.welcome.label && v.sharing),
      'the pushed list saying Ana shares',
    );
    expect(shared.ids).toEqual([ana.id]);
    const listedNow = await presenter.request({ type: 'list' });
    expect((listedNow.connections as { connection: number }[]).map((c) => c.connection)).toContain(ana.id);
    // Put on the projector: the presenter watches her connection, handshake first, then live frames.
    expect(await presenter.request({ type: 'watch', connection: ana.id })).toMatchObject({ ok: true });
    await presenter.find((r) => r.kind === 'open' && r.connection === ana.id, 'her open record');
    await say(ana.echo, 'shared with the room');
    await waitFor(() => sawText(presenter, ana.id, 'shared with the room') || undefined, 'her frame');

    expect(await ana.inspector.request({ type: 'share', on: false })).toMatchObject({ sharing: false });
    // The list follows (coalesced with any other change: server/room/latestPush.ts); her frames stop at once.
    await waitFor(
      () => lastVisitors(presenter)?.find((v) => v.label === ana.inspector.welcome.label && !v.sharing),
      'the pushed list saying Ana stopped',
    );
    expect(lastVisitors(presenter)?.find((v) => v.label === ana.inspector.welcome.label)?.ids).toEqual([]);
    const recordsBefore = presenter.records.length;
    await say(ana.echo, 'after she stopped');
    // Her own inspector saw it (so it crossed the tap); the presenter got nothing more.
    await waitFor(() => sawText(ana.inspector, ana.id, 'after she stopped') || undefined, 'her own view');
    expect(presenter.records.length).toBe(recordsBefore);
    expect(await presenter.request({ type: 'watch', connection: ana.id })).toMatchObject({
      code: 'not-found',
    });

    // Sharing again does not put her back on screen by itself: the presenter chooses again.
    await ana.inspector.request({ type: 'share', on: true });
    await say(ana.echo, 'shared again');
    await waitFor(() => sawText(ana.inspector, ana.id, 'shared again') || undefined, 'her own view');
    expect(presenter.records.length).toBe(recordsBefore);
    ana.echo.close();
    for (const inspector of [presenter, ana.inspector]) inspector.close();
  });

  it('shares with the presenter only: another visitor still sees nothing of the one who shares', async () => {
    const ana = await visitor();
    const bo = await visitor();
    await ana.inspector.request({ type: 'share', on: true });
    expect(await bo.inspector.request({ type: 'watch', connection: ana.id })).toMatchObject({
      code: 'not-found',
    });
    await say(ana.echo, 'for the presenter only');
    await waitFor(() => sawText(ana.inspector, ana.id, 'for the presenter only') || undefined, 'her view');
    expect(bo.inspector.records.some((r) => r.connection === ana.id)).toBe(false);
    for (const s of [ana, bo]) {
      s.echo.close();
      s.inspector.close();
    }
  });

  it('keeps a visitor’s choice across a reconnect of the same session, and checks the command', async () => {
    const ana = await TestInspector.open(server);
    await ana.request({ type: 'share', on: true });
    const again = await TestInspector.open(server, { session: ana.welcome.session });
    expect(again.welcome).toMatchObject({ resumed: true, sharing: true, label: ana.welcome.label });
    expect(await again.request({ type: 'share' })).toMatchObject({ type: 'error', code: 'bad-command' });
    expect(await again.request({ type: 'share', on: 'yes' })).toMatchObject({ code: 'bad-command' });
    await again.request({ type: 'share', on: false });
    ana.close();
    again.close();
  });

  it('pushes the presenter a list that follows connections opening and closing', async () => {
    const presenter = await TestInspector.open(server, { presenterToken });
    const ana = await visitor();
    const label = ana.inspector.welcome.label;
    await waitFor(() => lastVisitors(presenter)?.find((v) => v.label === label), 'Ana listed');
    ana.echo.close();
    await waitFor(
      () => (lastVisitors(presenter)?.some((v) => v.label === label) ? undefined : true),
      'Ana gone with her last connection',
    );
    // The presenter's own entry comes first, marked as its own, with its ids.
    const own = await TestInspector.open(server, { presenterToken, session: presenter.welcome.session });
    const echo = await openWs(await presenter.echoUrl());
    const mine = await waitFor(() => lastVisitors(presenter)?.[0], 'own entry');
    expect(mine).toMatchObject({ own: true, label: presenter.welcome.label, connections: 1 });
    expect(mine.ids).toHaveLength(1);
    echo.close();
    for (const inspector of [presenter, own, ana.inspector]) inspector.close();
  });
});
