import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { ServerOptions } from '../../../server/options.ts';
import type { RunningServer } from '../../../server/server.ts';
import { encodeFrame, Opcode } from '../../../src/protocol/index.ts';
import {
  closed,
  headerEnd,
  openWs,
  RawClient,
  startTestServer,
  TestInspector,
  upgradeRequest,
  waitFor,
  wsUrl,
} from '../helpers.ts';

/**
 * Issue 15, items 6, 7, 8 and 12: every send is bounded (records and replies on /inspect, lab writes),
 * messages are checked by size and shape before they cost a parse, and only a pong that answers our
 * own ping keeps a connection alive.
 */
let server: RunningServer | undefined;
async function start(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  server = await startTestServer(options);
  return server;
}
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Stops reading a client's socket: the server's writes pile up in the kernel, then in its memory. */
function stopReading(ws: WebSocket): void {
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
}
function resumeReading(ws: WebSocket): void {
  (ws as unknown as { _socket: { resume(): void } })._socket.resume();
}

const serverSide = (s: RunningServer, endpoint: string) =>
  [...s.context.registry.connections.values()].filter((c) => c.endpoint === endpoint);

describe('item 6: replies on /inspect go through the socket’s bound', () => {
  it('an inspector that asks and never reads is closed with 1008 instead of growing', async () => {
    const s = await start({ inspectorBufferLimit: 64 * 1024, messagesPerSecond: 1_000_000 });
    const inspector = await TestInspector.open(s);
    // Twenty connections make each `connections` reply a few KiB.
    const echoes: WebSocket[] = [];
    for (let i = 0; i < 20; i++) echoes.push(await openWs(await inspector.echoUrl()));
    const received = inspector.replies.length;
    const sideBefore = serverSide(s, 'inspect')[0]!;
    stopReading(inspector.ws);
    const asked = 4000;
    for (let i = 0; i < asked; i++) inspector.ws.send(JSON.stringify({ type: 'list', id: `l${i}` }));
    await waitFor(() => (sideBefore.ws.readyState === sideBefore.ws.OPEN ? undefined : true), 'closed');
    const done = closed(inspector.ws);
    resumeReading(inspector.ws);
    expect((await done).code).toBe(1008);
    expect(inspector.replies.length - received).toBeLessThan(asked);
    for (const ws of echoes) ws.close();
  });
});

describe('item 7: lab writes into one’s own non-reading socket are bounded', () => {
  it('refuses a lab write once the connection’s send queue is over its bound', async () => {
    // Commands big enough to fill the kernel's buffers quickly; the bound is the default 2 MiB.
    const s = await start({ inspectorMessageLimit: 4 << 20, messagesPerSecond: 1_000_000 });
    const inspector = await TestInspector.open(s);
    const echo = await openWs(await inspector.echoUrl());
    echo.on('error', () => {});
    const id = serverSide(s, 'echo')[0]!.id;
    stopReading(echo);
    // One text frame of 500,000 bytes, as a server writes it (unmasked), in base64.
    const frame = Buffer.from(
      encodeFrame({ opcode: Opcode.text, payload: new Uint8Array(500_000).fill(0x61), mask: false }),
    ).toString('base64');
    let refused: Record<string, unknown> | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const reply = await inspector.request({ type: 'lab.serverWrite', connection: id, data: frame });
      if (reply.type === 'error') refused = reply;
    }
    expect(refused).toMatchObject({ code: 'backlog' });
    const socket = serverSide(s, 'echo')[0]!.socket;
    expect(socket.writableLength).toBeLessThanOrEqual(s.context.options.sendQueueLimit + 500_010);
    echo.terminate();
    inspector.close();
  });
});

describe('item 8: messages on /inspect are checked by size and shape before they are parsed', () => {
  it('closes with 1009 an inspector whose first message is over a few KiB', async () => {
    const s = await start();
    const ws = await openWs(wsUrl(s, '/inspect'));
    const done = closed(ws);
    ws.send(`${'['.repeat(8 * 1024)}${']'.repeat(8 * 1024)}`);
    expect((await done).code).toBe(1009);
  });

  it('after hello, refuses nested JSON unparsed and closes on a message over the command cap', async () => {
    const s = await start();
    const inspector = await TestInspector.open(s);
    const nested = `{"type":"list","id":"deep","x":${'['.repeat(1000)}${']'.repeat(1000)}}`;
    inspector.ws.send(nested);
    const reply = await waitFor(() => inspector.replies.find((r) => r.code === 'not-flat'), 'refusal');
    expect(reply.type).toBe('error');
    const done = closed(inspector.ws);
    inspector.ws.send(JSON.stringify({ type: 'lab.serverWrite', connection: 1, hex: ' '.repeat(1 << 20) }));
    expect((await done).code).toBe(1009);
  });

  it('rate-limits by bytes: a burst of large commands closes the inspector with 1008', async () => {
    const s = await start({ messagesPerSecond: 1_000_000 });
    const inspector = await TestInspector.open(s);
    const big = JSON.stringify({ type: 'list', pad: 'x'.repeat(60 * 1024) });
    const done = closed(inspector.ws);
    for (let i = 0; i < 40; i++) inspector.ws.send(big.replace('"list"', `"list","id":"b${i}"`));
    expect(await done).toMatchObject({ code: 1008, reason: 'too many bytes per second' });
    // 256 KiB of credit answers four (five if a refill lands), and nothing past it is parsed.
    const answered = inspector.replies.filter((r) => r.type === 'connections').length;
    expect(answered).toBeGreaterThanOrEqual(4);
    expect(answered).toBeLessThanOrEqual(5);
  });

  it('the chat refuses a message over its own small cap with 1009', async () => {
    const s = await start();
    const page = await TestInspector.open(s);
    const ws = await openWs(await page.chatUrl());
    const done = closed(ws);
    ws.send(`{"type":"message","text":${'['.repeat(64 * 1024)}`);
    expect((await done).code).toBe(1009);
  });
});

describe('item 12: only a pong that answers our ping counts', () => {
  it('a client that never reads but sends unasked pongs (even guessed ones) is terminated', async () => {
    const s = await start({ heartbeatMs: 30 });
    const raw = await RawClient.open(s.port);
    await raw.write(upgradeRequest('/echo', s.port));
    await raw.untilReceived(headerEnd, '101');
    raw.socket.pause();
    const pongs = setInterval(() => {
      for (let n = 1; n <= 40; n++) {
        const payload = new TextEncoder().encode(`hb ${n}`);
        raw.socket.write(encodeFrame({ opcode: Opcode.pong, payload, mask: true }));
      }
      raw.socket.write(encodeFrame({ opcode: Opcode.pong, payload: new Uint8Array(0), mask: true }));
    }, 10);
    await waitFor(() => (serverSide(s, 'echo').length === 0 ? true : undefined), 'terminated');
    clearInterval(pongs);
    raw.socket.destroy();
  });
});
