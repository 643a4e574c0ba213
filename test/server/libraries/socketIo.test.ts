import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server.ts';
import { nextMessage, openWs, startTestServer, TestInspector, waitFor, wsUrl } from '../helpers.ts';
import { exchangeBodies, opens, socketIoClient, wsMessages } from './socketIoHelpers.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const echoOf = (socket: Awaited<ReturnType<typeof socketIoClient>>, ...args: unknown[]) =>
  new Promise<unknown[]>((resolve) => {
    socket.once('echo', (...reply: unknown[]) => resolve(reply));
    socket.emit('echo', ...args);
  });

describe('socket.io at /socket.io/: the echo event', () => {
  it('round-trips over long polling, every request and response tapped as an exchange', async () => {
    server = await startTestServer();
    const inspector = await TestInspector.open(server);
    const socket = await socketIoClient(server, inspector, ['polling']);
    expect(await echoOf(socket, 'hello')).toEqual(['hello']);
    const bodies = await waitFor(() => {
      const all = opens(inspector, 'socket.io-polling').map((o) => exchangeBodies(inspector, o.connection!));
      return all.some((b) => b.response.includes('42["echo","hello"]')) ? all : undefined;
    }, 'the echo in a polling response');
    expect(bodies[0]!.response).toMatch(/^0\{"sid":"[^"]+","upgrades":\["websocket"\],"pingInterval":25000/);
    expect(bodies.some((b) => b.request === '42["echo","hello"]')).toBe(true);
    expect(opens(inspector, 'socket.io')).toEqual([]);
    socket.close();
  });

  it('round-trips over WebSocket only, and acknowledges with the same arguments', async () => {
    server = await startTestServer();
    const inspector = await TestInspector.open(server);
    const socket = await socketIoClient(server, inspector, ['websocket']);
    expect(await echoOf(socket, 'hello', { n: 1 })).toEqual(['hello', { n: 1 }]);
    expect(await socket.emitWithAck('echo', 'ack me')).toBe('ack me');
    const [open] = opens(inspector, 'socket.io');
    const written = await waitFor(() => {
      const messages = wsMessages(inspector, open!.connection!, 'write');
      return messages.includes('430["ack me"]') ? messages : undefined;
    }, 'the ack on the wire');
    expect(written[0]).toMatch(/^0\{"sid":/);
    expect(written).toContain('42["echo","hello",{"n":1}]');
    socket.close();
  });

  it('starts with polling and upgrades: 2probe, 3probe, then 5 on the WebSocket', async () => {
    server = await startTestServer();
    const inspector = await TestInspector.open(server);
    const socket = await socketIoClient(server, inspector, ['polling', 'websocket']);
    await waitFor(() => (socket.io.engine.transport.name === 'websocket' ? true : undefined), 'upgrade');
    const [open] = await waitFor(() => {
      const found = opens(inspector, 'socket.io');
      return found.length > 0 ? found : undefined;
    }, 'the upgrade connection');
    const sent = await waitFor(() => {
      const messages = wsMessages(inspector, open!.connection!, 'read');
      return messages.includes('5') ? messages : undefined;
    }, 'the upgrade packet');
    expect(sent.slice(0, 2)).toEqual(['2probe', '5']);
    expect(wsMessages(inspector, open!.connection!, 'write')[0]).toBe('3probe');
    expect(await echoOf(socket, 'after')).toEqual(['after']);
    socket.close();
  });
});

describe('socket.io in the chat room', () => {
  it('joins /chat with chat.join and talks with a WebSocket member through the chat event', async () => {
    server = await startTestServer();
    const anaPage = await TestInspector.open(server);
    const ws = await openWs(await anaPage.chatUrl('&nick=ana'));
    const heard: string[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'message') heard.push(`${message.nick}: ${message.text}`);
    });
    const socket = await socketIoClient(server, await TestInspector.open(server), ['websocket']);
    const events: { type: string; nick?: string; text?: string }[] = [];
    socket.on('chat', (message) => events.push(message));
    socket.emit('chat.join', 'bo');
    await waitFor(() => (events.some((e) => e.type === 'history') ? true : undefined), 'history');
    socket.emit('chat', JSON.stringify({ type: 'message', text: 'hi from socket.io' }));
    await waitFor(() => (heard.includes('bo: hi from socket.io') ? true : undefined), 'ana hears bo');
    ws.send('hi back');
    await waitFor(
      () => (events.some((e) => e.type === 'message' && e.text === 'hi back') ? true : undefined),
      'bo hears ana',
    );
    socket.close();
    ws.close();
  });
});

describe('socket.io, isolated and capped like every endpoint', () => {
  it('shows a visitor’s socket.io traffic to that visitor only, polling and WebSocket', async () => {
    server = await startTestServer();
    const mine = await TestInspector.open(server);
    const theirs = await TestInspector.open(server);
    const socket = await socketIoClient(server, mine, ['polling', 'websocket']);
    await waitFor(() => (socket.io.engine.transport.name === 'websocket' ? true : undefined), 'upgrade');
    await echoOf(socket, 'private');
    await waitFor(() => (opens(mine, 'socket.io').length > 0 ? true : undefined), 'mine');
    expect(opens(mine, 'socket.io-polling').length).toBeGreaterThan(0);
    expect(theirs.records.filter((r) => r.kind !== 'dropped')).toEqual([]);
    socket.close();
  });

  it('refuses a foreign origin on polling and on WebSocket with 403', async () => {
    server = await startTestServer();
    const polling = await fetch(`http://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(polling.status).toBe(403);
    const { default: WebSocket } = await import('ws');
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server!.port}/socket.io/?EIO=4&transport=websocket`, {
        origin: 'http://evil.example',
      });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => {});
    });
    expect(status).toBe(403);
  });

  it('counts socket.io connections against the per-address cap', async () => {
    server = await startTestServer({ maxConnectionsPerIp: 1 });
    const first = await socketIoClient(server, null, ['websocket']);
    await expect(socketIoClient(server, null, ['websocket'])).rejects.toThrow();
    const polling = await fetch(`http://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(503);
    first.close();
  });

  it('disconnects a client that emits faster than the message rate', async () => {
    server = await startTestServer({ messagesPerSecond: 5 });
    const socket = await socketIoClient(server, null, ['websocket']);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    for (let i = 0; i < 20; i++) socket.emit('echo', i);
    // Our guard (1008 on the WebSocket) or socket.io's middleware, whichever counts first.
    expect(['transport close', 'io server disconnect']).toContain(await gone);
  });

  it('leaves /echo, /chat and /inspect working beside it', async () => {
    server = await startTestServer();
    const socket = await socketIoClient(server, null, ['polling', 'websocket']);

    const echo = await openWs(wsUrl(server, '/echo'));
    echo.send('plain ws');
    expect((await nextMessage(echo)).data.toString()).toBe('plain ws');
    const chat = await openWs(await (await TestInspector.open(server)).chatUrl('&nick=ana'));
    chat.send('hi from beside socket.io');
    const said = await new Promise<string>((resolve) =>
      chat.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.type === 'message') resolve(message.text);
      }),
    );
    expect(said).toBe('hi from beside socket.io');
    const inspector = await TestInspector.open(server);
    expect(inspector.welcome.role).toBe('visitor');
    expect(await echoOf(socket, 'still')).toEqual(['still']);
    for (const ws of [echo, chat]) ws.close();
    inspector.close();
    socket.close();
  });
});
