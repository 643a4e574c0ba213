import { afterEach, describe, expect, it } from 'vitest';
import { wsnodeMaxFragments } from '../../../server/libraries/wsnode.ts';
import type { ServerOptions } from '../../../server/options.ts';
import type { RunningServer } from '../../../server/server.ts';
import { encodeFrame, Opcode, WireDecoder } from '../../../src/protocol/index.ts';
import { headerEnd, RawClient, startTestServer, upgradeRequest, waitFor } from '../helpers.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const frame = (opcode: number, payload: Uint8Array, fin: boolean) =>
  Buffer.from(encodeFrame({ opcode, payload, fin, mask: true }));

/** A raw client past WebSocket-Node's handshake on /wsnode/echo (no ticket: anyone may open it). */
async function rawWsNode(
  options: Partial<ServerOptions> = {},
): Promise<{ s: RunningServer; client: RawClient }> {
  const s = await startTestServer(options);
  server = s;
  const client = await RawClient.open(s.port);
  await client.write(upgradeRequest('/wsnode/echo', s.port, ['Sec-WebSocket-Protocol: echo-protocol']));
  const head = await client.untilReceived(headerEnd, '101');
  expect(head.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
  client.read.length = 0;
  return { s, client };
}

const serverFrames = (client: RawClient) =>
  new WireDecoder({ sender: 'server' }).push(client.received()).frames;

describe('WebSocket-Node: fragments per message are bounded as in ws', () => {
  it('a flood of empty continuation frames is closed with 1008 "Too many message fragments"', async () => {
    const { client } = await rawWsNode();
    const empty = frame(Opcode.continuation, new Uint8Array(0), false);
    // One message begun, then twice the bound of empty fragments: each adds 0 bytes to its size.
    const flood = Buffer.concat([
      frame(Opcode.text, new Uint8Array([0x61]), false),
      ...Array.from({ length: 2 * wsnodeMaxFragments }, () => empty),
    ]);
    void client.write(flood);
    await client.untilClosed();
    const close = serverFrames(client).find((f) => f.opcode === Opcode.close)!;
    expect(close.payload.slice(0, 2)).toEqual(new Uint8Array([0x03, 0xf0])); // 1008
    expect(Buffer.from(close.payload.slice(2)).toString()).toBe('Too many message fragments');
  });

  it('a message in as many fragments as the bound allows is still echoed whole', async () => {
    const { client } = await rawWsNode();
    const count = wsnodeMaxFragments;
    const parts = Array.from({ length: count }, (_, i) =>
      frame(i === 0 ? Opcode.text : Opcode.continuation, new Uint8Array([0x62]), i === count - 1),
    );
    await client.write(Buffer.concat(parts));
    await client.untilReceived(
      () => serverFrames(client).some((f) => f.opcode === Opcode.text || f.opcode === Opcode.continuation),
      'the echo',
    );
    const echoed = serverFrames(client)
      .filter((f) => f.opcode === Opcode.text || f.opcode === Opcode.continuation)
      .reduce((n, f) => n + f.payload.length, 0);
    expect(echoed).toBe(count);
  });
});

describe('WebSocket-Node: bytes read ahead of its parser are bounded', () => {
  it('still takes in a frame of the largest size whole, read in many pieces beyond the read-ahead bound', async () => {
    const maxPayload = 1024 * 1024;
    const { client } = await rawWsNode({ maxPayload });
    const payload = new Uint8Array(maxPayload).fill(0x5a);
    await client.write(frame(Opcode.binary, payload, true));
    // WebSocket-Node sends it back in 16 KiB fragments: 64 of them, each behind a 4-byte header.
    await waitFor(
      () => (client.read.reduce((n, chunk) => n + chunk.length, 0) >= maxPayload + 64 * 4 ? true : undefined),
      'the whole echo',
      30_000,
    );
    const echoed = Buffer.concat(serverFrames(client).map((f) => f.payload));
    expect(echoed.length).toBe(maxPayload);
    expect(echoed.every((byte) => byte === 0x5a)).toBe(true);
  }, 40_000);

  it('pauses the socket while more than the bound waits to be parsed, and loses nothing', async () => {
    const maxPayload = 16 * 1024;
    const { s, client } = await rawWsNode({ maxPayload, messagesPerSecond: 1_000_000 });
    const connection = [...s.context.registry.connections.values()].find((c) => c.path === '/wsnode/echo')!;
    let pausedSeen = 0;
    // It parses one frame per event-loop turn: 40,000 small frames (280 KB) come in far faster than that.
    connection.socket.on('pause', () => pausedSeen++);
    const count = 40_000;
    void client.write(
      Buffer.concat(Array.from({ length: count }, () => frame(Opcode.binary, new Uint8Array([7]), true))),
    );
    // Each echo is 3 bytes (0x82, length 1, the byte): counted without decoding the growing stream.
    await waitFor(
      () => (client.read.reduce((n, chunk) => n + chunk.length, 0) >= 3 * count ? true : undefined),
      'every echo',
      60_000,
    );
    expect(serverFrames(client).filter((f) => f.opcode === Opcode.binary)).toHaveLength(count);
    expect(pausedSeen).toBeGreaterThan(0);
    expect(client.ended).toBe(false);
  }, 90_000);
});
