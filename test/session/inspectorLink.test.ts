import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../server/server.ts';
import { InspectorLink, type LinkEvents } from '../../src/session/inspectorLink.ts';
import type { InspectorRecordJson, WelcomeMessage } from '../../src/shared/inspector/protocol.ts';
import { startTestServer, waitFor } from '../server/helpers.ts';

// The page's link runs on the browser's WebSocket; ws offers the same API (addEventListener, readyState).
vi.stubGlobal('WebSocket', WebSocket);

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ presenterToken: 'the-presenter-token-1234' });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await server.close();
});

/** A link to the test server, with what it told its session. */
function open(presenterToken: string | null = null) {
  const told = {
    welcomes: [] as WelcomeMessage[],
    records: [] as InspectorRecordJson[],
    refused: 0,
    lost: 0,
  };
  const events: LinkEvents = {
    welcomed: (welcome) => told.welcomes.push(welcome),
    records: (records) => told.records.push(...records),
    push: () => {},
    lost: () => told.lost++,
    statusChanged: () => {},
  };
  const stored = new Map<string, string>();
  const storage = { getItem: (key: string) => stored.get(key) ?? null, setItem: stored.set.bind(stored) };
  const link = new InspectorLink(
    {
      serverUrl: `ws://127.0.0.1:${server.port}`,
      storage,
      presenterToken,
      onPresenterRefused: () => told.refused++,
    },
    events,
  );
  link.start();
  return { link, told, stored };
}

describe('the inspector link: hello, welcome, commands and their typed replies', () => {
  it('says hello, is welcomed as a visitor, and keeps the session secret to resume it', async () => {
    const { link, told, stored } = open();
    await waitFor(() => (link.status.phase === 'live' ? true : undefined), 'live');
    expect(told.welcomes).toHaveLength(1);
    expect(link.welcome).toMatchObject({ type: 'welcome', role: 'visitor', protocol: 1 });
    expect(stored.get('ws101.session')).toBe(link.welcome?.session);
    link.stop();
  });

  it('a ticket command resolves with the reply its type promises; a refused one as data', async () => {
    const { link } = open();
    await waitFor(() => (link.status.phase === 'live' ? true : undefined), 'live');
    const ticket = await link.command({ type: 'ticket', socket: 'chat' });
    expect(ticket.ok && typeof ticket.ticket).toBe('string');
    expect(await link.command({ type: 'lab.ping', connection: 999_999, text: 'x' })).toEqual({
      ok: false,
      code: 'not-found',
      message: 'no such connection in your session',
    });
    const list = await link.command({ type: 'list' });
    expect(list).toEqual({ ok: true, connections: [] });
    link.stop();
  });

  it('a wrong presenter token is said, then the page carries on as a visitor', async () => {
    const { link, told } = open('not-the-token-at-all');
    await waitFor(() => (link.status.phase === 'live' ? true : undefined), 'live');
    expect(told.refused).toBe(1);
    expect(link.presenterRefused).toBe('wrong presenter token');
    expect(link.welcome?.role).toBe('visitor');
    link.stop();
  });

  it('the right one makes the page the presenter', async () => {
    const { link } = open('the-presenter-token-1234');
    await waitFor(() => (link.welcome ? true : undefined), 'welcome');
    expect(link.welcome?.role).toBe('presenter');
    expect(link.presenterRefused).toBeNull();
    link.stop();
  });

  it('without a connection every command is answered offline, never thrown', async () => {
    const link = new InspectorLink(
      { serverUrl: null, storage: null, presenterToken: null, onPresenterRefused: () => {} },
      { welcomed: () => {}, records: () => {}, push: () => {}, lost: () => {}, statusChanged: () => {} },
    );
    link.start();
    expect(link.status).toMatchObject({ phase: 'offline', noServerPossible: true });
    expect(await link.command({ type: 'visitors' })).toMatchObject({ ok: false, code: 'offline' });
  });
});
