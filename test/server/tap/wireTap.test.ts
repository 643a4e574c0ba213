import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server.ts';
import { encodeFrame, Opcode } from '../../../src/protocol/index.ts';
import {
  headerEnd,
  openWs,
  RawClient,
  startTestServer,
  TestInspector,
  upgradeRequest,
  waitFor,
} from '../helpers.ts';

let server: RunningServer;
const serverSockets: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  server.http.on('connection', (socket: Socket) => serverSockets.push(socket));
});
afterAll(() => server.close());

/** Waits until the server's socket has read `total` bytes: then each earlier write was its own read. */
function serverRead(total: number): Promise<unknown> {
  return waitFor(
    () => (serverSockets.some((s) => s.bytesRead === total) ? true : undefined),
    `${total} bytes read`,
  );
}

describe('the wire tap is byte-exact', () => {
  it('keeps the request as the client wrote it: odd casing, order, spacing and chunk boundaries', async () => {
    const inspector = await TestInspector.open(server);
    const client = await RawClient.open(server.port);
    client.socket.setNoDelay(true);
    const request = [
      `GET ${new URL(await inspector.echoUrl()).search.replace(/^/, '/echo')} HTTP/1.1`,
      'sec-websocket-KEY:    dGhlIHNhbXBsZSBub25jZQ==',
      `hOsT: 127.0.0.1:${server.port}`,
      'X-Ws101-Odd:\tspaced   out  ',
      'UPGRADE: WebSocket',
      'connection: keep-alive,   Upgrade',
      'Sec-WebSocket-Version:13',
      '',
      '',
    ].join('\r\n');
    // The request crosses in three reads, cut in the middle of a header name.
    const parts = [request.slice(0, 40), request.slice(40, 97), request.slice(97)];
    let sent = 0;
    for (const part of parts) {
      await client.write(part);
      sent += part.length;
      await serverRead(sent);
    }
    await client.untilReceived(headerEnd, '101');
    expect(client.received().toString('latin1')).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);

    // A masked frame in two reads: header and masking key, then payload.
    const frame = Buffer.from(encodeFrame({ opcode: Opcode.text, payload: 'chunks', mask: true }));
    for (const part of [frame.subarray(0, 6), frame.subarray(6)]) {
      await client.write(part);
      sent += part.length;
      await serverRead(sent);
    }
    await client.untilReceived((all) => all.length >= client.read[0]!.length + 8, 'echo');

    const open = await inspector.find((r) => r.kind === 'open' && r.path === '/echo', 'open record');
    const id = open.connection!;
    await waitFor(
      () => (inspector.bytes(id, 'write').length === client.received().length ? true : undefined),
      'tap',
    );

    const reads = inspector.wire(id, 'read').map((r) => Buffer.from(r.data!, 'base64'));
    expect(reads).toEqual(client.written);
    const tappedRequest = Buffer.concat(reads.slice(0, 3)).toString('latin1');
    expect(tappedRequest).toBe(request);
    expect(tappedRequest).toContain('sec-websocket-KEY:    dGhlIHNhbXBsZSBub25jZQ==\r\nhOsT:');
    expect(tappedRequest).toContain('X-Ws101-Odd:\tspaced   out  \r\n');
    expect(inspector.bytes(id, 'write')).toEqual(client.received());
    expect(inspector.wire(id, 'write').map((r) => Buffer.from(r.data!, 'base64'))).toEqual(client.read);

    const times = inspector.wire(id).map((r) => r.t as number);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times.some((t) => !Number.isInteger(t))).toBe(true);
    client.socket.destroy();
    inspector.close();
  });

  it('gives a late watcher the open record and the handshake, then live records', async () => {
    const owner = await TestInspector.open(server, { watch: false });
    const echo = await openWs(await owner.echoUrl());
    const connection = [...server.context.registry.connections.values()].find(
      (c) => c.ws.protocol === '' && c.path === '/echo' && c.session?.token === owner.welcome.session,
    )!;
    // Nobody watches: the tap's sink is null, so reads and writes cost one check and make no record.
    expect(connection.tap.sink).toBeNull();
    echo.send('before');
    await new Promise((resolve) => echo.once('message', resolve));

    await owner.request({ type: 'watch' });
    expect(connection.tap.sink).not.toBeNull();
    echo.send('after');
    await owner.find(
      (r) =>
        r.kind === 'write' &&
        r.connection === connection.id &&
        Buffer.from(r.data!, 'base64').includes('after'),
      'live echo',
    );
    const kinds = owner.records.filter((r) => r.connection === connection.id).map((r) => r.kind);
    expect(kinds).toEqual(['open', 'read', 'write', 'read', 'write']);
    const [request, response] = [owner.bytes(connection.id, 'read'), owner.bytes(connection.id, 'write')];
    expect(request.toString('latin1')).toMatch(/^GET \/echo\?ticket=/);
    expect(response.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
    expect(request.toString('latin1')).not.toContain('before');

    await owner.request({ type: 'unwatch' });
    expect(connection.tap.sink).toBeNull();
    echo.close();
    owner.close();
  });
});

describe('a client that does not wait for the 101', () => {
  it('records the request and a first frame sent in one write as one read, once', async () => {
    const inspector = await TestInspector.open(server);
    const client = await RawClient.open(server.port);
    const frame = Buffer.from(encodeFrame({ opcode: Opcode.text, payload: 'eager', mask: true }));
    const request = Buffer.concat([
      Buffer.from(
        upgradeRequest(new URL(await inspector.echoUrl()).href.replace(/^ws:\/\/[^/]+/, ''), server.port),
      ),
      frame,
    ]);
    await client.write(request);
    await client.untilReceived((all) => all.includes('eager'), 'echo');
    const open = await inspector.find((r) => r.kind === 'open' && r.path === '/echo', 'open record');
    const id = open.connection!;
    await waitFor(
      () => (inspector.bytes(id, 'write').length === client.received().length ? true : undefined),
      'tap',
    );
    expect(inspector.bytes(id, 'read')).toEqual(request);
    expect(inspector.bytes(id, 'write')).toEqual(client.received());
    client.socket.destroy();
    inspector.close();
  });
});
