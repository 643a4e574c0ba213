import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server.ts';
import { FrameStreamDecoder } from '../../../src/protocol/index.ts';
import { nextMessage, openWs, startTestServer, TestInspector, waitFor, wsUrl } from '../helpers.ts';

let server: RunningServer;
let inspector: TestInspector;

beforeAll(async () => {
  server = await startTestServer();
  inspector = await TestInspector.open(server);
});
afterAll(async () => {
  inspector.close();
  await server.close();
});

/** The server's frames on a connection, decoded from the tap by the protocol core. */
function serverFrames(connection: number) {
  const bytes = inspector.bytes(connection, 'write');
  const body = bytes.subarray(bytes.indexOf('\r\n\r\n') + 4);
  return new FrameStreamDecoder({ sender: 'server', perMessageDeflate: true }).push(body);
}

async function connectionOf(count: number): Promise<number> {
  const opens = () => inspector.records.filter((r) => r.kind === 'open' && r.endpoint === 'echo');
  return waitFor(() => opens()[count]?.connection, `open #${count}`).then(() => opens()[count]!.connection!);
}

describe('RFC 6455 §1.2: /echo sends every message back with the same type', () => {
  const lengths = [0, 1, 125, 126, 127, 65535, 65536, 70000];
  const lengthCode = (n: number) => (n < 126 ? n : n < 65536 ? 126 : 127);

  it.each(['text', 'binary'] as const)(
    'echoes %s at lengths across the 125/126 and 65535/65536 edges',
    async (type) => {
      const index = inspector.records.filter((r) => r.kind === 'open').length;
      const ws = await openWs(await inspector.echoUrl());
      const id = await connectionOf(index);
      for (const n of lengths) {
        const payload = type === 'text' ? 'é'.repeat(n >> 1) + 'x'.repeat(n & 1) : Buffer.alloc(n, n & 0xff);
        ws.send(payload);
        const echo = await nextMessage(ws);
        expect(echo.isBinary).toBe(type === 'binary');
        expect(echo.data.equals(Buffer.from(payload))).toBe(true);
      }
      await waitFor(
        () => (serverFrames(id).length === lengths.length ? true : undefined),
        'all echoes tapped',
      );
      const frames = serverFrames(id);
      expect(frames.map((f) => f.lengthCode)).toEqual(lengths.map(lengthCode));
      expect(frames.map((f) => f.opcode)).toEqual(lengths.map(() => (type === 'text' ? 1 : 2)));
      expect(frames.every((f) => !f.masked && f.fin)).toBe(true);
      ws.close();
    },
  );
});

describe('RFC 6455 §1.9: the subprotocol echo-protocol is chosen when offered', () => {
  it.each([
    [['echo-protocol'], 'echo-protocol'],
    [['chat', 'echo-protocol'], 'echo-protocol'],
    [[], ''],
  ])('offered %j, chose %j', async (offered, chosen) => {
    const ws = await openWs(wsUrl(server, '/echo'), offered);
    expect(ws.protocol).toBe(chosen);
    ws.close();
  });

  it('answers an offer without echo-protocol with no subprotocol, which the client then refuses', async () => {
    await expect(openWs(wsUrl(server, '/echo'), ['chat'])).rejects.toThrow(/Server sent no subprotocol/);
  });
});

describe('RFC 7692: permessage-deflate only when asked for with ?deflate=1', () => {
  it('compresses with RSV1 set on /echo?deflate=1', async () => {
    const index = inspector.records.filter((r) => r.kind === 'open').length;
    const ws = await openWs(await inspector.echoUrl('&deflate=1'), [], {
      perMessageDeflate: true,
    });
    expect(ws.extensions).toContain('permessage-deflate');
    const id = await connectionOf(index);
    ws.send('hello hello hello hello');
    expect((await nextMessage(ws)).data.toString()).toBe('hello hello hello hello');
    await waitFor(() => (serverFrames(id).length === 1 ? true : undefined), 'echo tapped');
    const [frame] = serverFrames(id);
    expect(frame!.rsv1).toBe(true);
    expect(frame!.payloadLength).toBeLessThan(23);
    ws.close();
  });

  it('does not negotiate it on plain /echo even when the client offers it', async () => {
    const ws = await openWs(wsUrl(server, '/echo'), [], { perMessageDeflate: true });
    expect(ws.extensions).toBe('');
    ws.send('plain');
    expect((await nextMessage(ws)).data.toString()).toBe('plain');
    ws.close();
  });
});

describe('RFC 6455 §5.5.2: a ping is answered with a pong carrying the same payload', () => {
  it('pongs the client ping', async () => {
    const ws = await openWs(wsUrl(server, '/echo'));
    const pong = new Promise<Buffer>((resolve) => ws.once('pong', resolve));
    ws.ping('are you there');
    expect((await pong).toString()).toBe('are you there');
    ws.close();
  });
});
