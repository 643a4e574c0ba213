import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerOptions } from '../../../server/options.ts';
import type { RunningServer } from '../../../server/server.ts';
import { type Frame, Opcode, WireDecoder } from '../../../src/protocol/index.ts';
import { closed, nextMessage, openWs, startTestServer, TestInspector, waitFor, wsUrl } from '../helpers.ts';

let server: RunningServer | undefined;
async function start(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  server = await startTestServer(options);
  return server;
}
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function refusedWith(url: string, protocols: string[] = [], options: WebSocket.ClientOptions = {}) {
  return new Promise<{ status: number; reason: string | undefined }>((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, reason: res.headers['x-websocket-reject-reason'] as string });
      res.resume();
    });
    ws.once('open', () => reject(new Error('it opened')));
    ws.once('error', () => {});
  });
}

/** The frames one side sent on a tapped connection, decoded from the tap's bytes after the HTTP head. */
function framesFrom(bytes: Buffer, sender: 'client' | 'server'): Frame[] {
  const head = bytes.indexOf('\r\n\r\n') + 4;
  return new WireDecoder({ sender, maxPayload: 1 << 21 }).push(bytes.subarray(head)).frames;
}

describe('/wsnode/seed: the seed slide’s WebSocket-Node code, running', () => {
  it('negotiates echo-protocol, answers every message with "some message", and logs as the seed does', async () => {
    const s = await start();
    const inspector = await TestInspector.open(s);
    const ws = await openWs(await inspector.socketUrl('wsnode-seed'), 'echo-protocol');
    expect(ws.protocol).toBe('echo-protocol');
    ws.send('hello');
    expect((await nextMessage(ws)).data.toString()).toBe('some message');
    const open = await inspector.find((r) => r.kind === 'open' && r.path === '/wsnode/seed', 'open');
    const accepted = await inspector.find((r) => r.kind === 'notice' && r.name === 'log', 'log line');
    expect(accepted.message).toMatch(/ Connection accepted\.$/);
    // The 101 as WebSocket-Node writes it: the seed passes request.origin, so a browser gets `Origin:` back.
    const response = inspector.bytes(open.connection!, 'write').toString('latin1');
    expect(response).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    expect(response).toContain('Sec-WebSocket-Protocol: echo-protocol\r\n');
    ws.close();
    await inspector.find((r) => r.kind === 'notice' && / disconnected\.$/.test(String(r.message)), 'bye');
  });

  it('answers a browser with the non-standard Origin header in its 101', async () => {
    const s = await start();
    const inspector = await TestInspector.open(s);
    const origin = `http://127.0.0.1:${s.port}`;
    const ws = await openWs(await inspector.socketUrl('wsnode-seed'), 'echo-protocol', {
      origin,
    });
    const open = await inspector.find((r) => r.kind === 'open', 'open');
    await waitFor(() => (inspector.bytes(open.connection!, 'write').length > 0 ? true : undefined), '101');
    expect(inspector.bytes(open.connection!, 'write').toString('latin1')).toContain(
      `\r\nOrigin: ${origin}\r\n`,
    );
    ws.close();
  });

  it('refuses a client that offers no echo-protocol, cleanly, and keeps serving', async () => {
    const s = await start();
    // WebSocket-Node's accept() would write a 500 and throw here: the process would end.
    expect(await refusedWith(wsUrl(s, '/wsnode/seed'))).toEqual({
      status: 400,
      reason: 'offer the echo-protocol subprotocol',
    });
    expect((await refusedWith(wsUrl(s, '/wsnode/echo'), ['chat'])).status).toBe(400);
    const ws = await openWs(wsUrl(s, '/wsnode/seed'), 'echo-protocol');
    ws.send('again');
    expect((await nextMessage(ws)).data.toString()).toBe('some message');
    const echo = await openWs(wsUrl(s, '/echo'));
    echo.send('still here');
    expect((await nextMessage(echo)).data.toString()).toBe('still here');
    ws.close();
    echo.close();
  });
});

describe('/wsnode/echo: WebSocket-Node echoing, with its own defaults on the wire', () => {
  it('echoes text as text', async () => {
    const s = await start();
    const ws = await openWs(wsUrl(s, '/wsnode/echo'), 'echo-protocol');
    ws.send('hello');
    const reply = await nextMessage(ws);
    expect(reply).toEqual({ data: Buffer.from('hello'), isBinary: false });
    ws.close();
  });

  it('echoes a 70,000-byte binary message, which it sends in 16 KiB fragments', async () => {
    const s = await start();
    const inspector = await TestInspector.open(s);
    const ws = await openWs(await inspector.socketUrl('wsnode-echo'), 'echo-protocol');
    const sent = Buffer.alloc(70_000);
    for (let i = 0; i < sent.length; i++) sent[i] = (i * 7) & 0xff;
    ws.send(sent);
    const reply = await nextMessage(ws);
    expect(reply.isBinary).toBe(true);
    expect(Buffer.compare(reply.data, sent)).toBe(0);
    const open = await inspector.find((r) => r.kind === 'open' && r.path === '/wsnode/echo', 'open');
    const frames = await waitFor(() => {
      const decoded = framesFrom(inspector.bytes(open.connection!, 'write'), 'server');
      return decoded.length >= 5 && decoded.at(-1)!.fin ? decoded : undefined;
    }, 'five fragments');
    // RFC 6455 §5.4: a binary frame with FIN 0, continuations, the last with FIN 1.
    expect(frames.map((f) => [f.opcode, f.fin, f.payloadLength])).toEqual([
      [Opcode.binary, false, 16384],
      [Opcode.continuation, false, 16384],
      [Opcode.continuation, false, 16384],
      [Opcode.continuation, false, 16384],
      [Opcode.continuation, true, 70_000 - 4 * 16384],
    ]);
    ws.close();
  });

  it('closes a message over the payload cap with 1009, and a flood over the rate with 1008', async () => {
    const s = await start({ maxPayload: 1000, messagesPerSecond: 5 });
    const big = await openWs(wsUrl(s, '/wsnode/echo'), 'echo-protocol');
    const bigClosed = closed(big);
    big.send(Buffer.alloc(1001));
    expect((await bigClosed).code).toBe(1009);
    const flood = await openWs(wsUrl(s, '/wsnode/echo'), 'echo-protocol');
    const floodClosed = closed(flood);
    for (let i = 0; i < 20; i++) flood.send(`m${i}`);
    expect((await floodClosed).code).toBe(1008);
  });
});
