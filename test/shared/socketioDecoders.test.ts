import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../server/server.ts';
import {
  decodeEngineIoPacket,
  decodeEngineIoPayload,
  decodeSocketIoPacket,
  isPlaceholder,
  SocketIoReader,
} from '../../src/shared/socketio/index.ts';
import { startTestServer, TestInspector, waitFor } from '../server/helpers.ts';
import { exchangeBodies, opens, socketIoClient, wsMessages } from '../server/libraries/socketIoHelpers.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Frames the real socket.io server and client exchanged over WebSocket, from our tap's bytes. */
async function wireOf(
  action: (socket: Awaited<ReturnType<typeof socketIoClient>>) => Promise<void>,
  serverSent: (messages: (string | Uint8Array)[]) => boolean = () => true,
) {
  server = await startTestServer();
  const inspector = await TestInspector.open(server);
  const socket = await socketIoClient(server, inspector, ['websocket']);
  await action(socket);
  const [open] = opens(inspector, 'socket.io');
  // Records reach the inspector a moment after the bytes cross the wire.
  await waitFor(
    () => (serverSent(wsMessages(inspector, open!.connection!, 'write')) ? true : undefined),
    'records',
  );
  socket.close();
  return {
    fromServer: () => wsMessages(inspector, open!.connection!, 'write'),
    fromClient: () => wsMessages(inspector, open!.connection!, 'read'),
    inspector,
  };
}

describe('Engine.IO v4 packets, from the real socket.io server', () => {
  it('open (0): the session id, the upgrades and the heartbeat, as JSON', async () => {
    const wire = await wireOf(async () => {});
    const packet = decodeEngineIoPacket(wire.fromServer()[0]!);
    expect(packet.name).toBe('open');
    expect(packet.open).toMatchObject({ upgrades: [], pingInterval: 25000, pingTimeout: 20000 });
    expect(packet.open?.sid).toMatch(/^[\w-]{20}$/);
  });

  it('ping (2) and pong (3) are text packets, not RFC 6455 control frames', async () => {
    const http = createServer();
    const io = new Server(http, { pingInterval: 50, pingTimeout: 1000 });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
    const texts: string[] = [];
    let rfcPings = 0;
    ws.on('ping', () => rfcPings++);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) texts.push(data.toString());
      if (data.toString() === '2') ws.send('3');
    });
    await waitFor(() => (texts.filter((t) => t === '2').length >= 2 ? true : undefined), 'two pings');
    expect(decodeEngineIoPacket(texts[0]!).name).toBe('open');
    expect(decodeEngineIoPacket('2')).toMatchObject({ type: 2, name: 'ping', data: '' });
    expect(decodeEngineIoPacket('3')).toMatchObject({ type: 3, name: 'pong' });
    expect(rfcPings).toBe(0);
    ws.close();
    io.close();
  });

  it('probe, upgrade and close; several packets in one polling body', async () => {
    expect(decodeEngineIoPacket('2probe')).toMatchObject({ name: 'ping', data: 'probe' });
    expect(decodeEngineIoPacket('3probe')).toMatchObject({ name: 'pong', data: 'probe' });
    expect(decodeEngineIoPacket('5')).toMatchObject({ name: 'upgrade' });
    server = await startTestServer();
    const inspector = await TestInspector.open(server);
    const socket = await socketIoClient(server, inspector, ['polling']);
    socket.close();
    // The client's last POST: socket.io's disconnect (41) and Engine.IO's close (1), joined by 0x1E.
    const body = await waitFor(() => {
      const bodies = opens(inspector, 'socket.io-polling').map((o) =>
        exchangeBodies(inspector, o.connection!),
      );
      return bodies.find((b) => decodeEngineIoPayload(b.request).some((p) => p.name === 'close'))?.request;
    }, 'the close packet');
    const packets = decodeEngineIoPayload(body);
    expect(packets.map((p) => p.name)).toContain('close');
    const disconnect = packets.find((p) => p.name === 'message');
    if (disconnect) expect(decodeSocketIoPacket(disconnect.data as string).name).toBe('disconnect');
  });

  it('names what is no packet, without throwing', () => {
    expect(decodeEngineIoPacket('x').problem?.en).toContain('no Engine.IO packet type');
    expect(decodeEngineIoPacket('0{').problem?.en).toContain('no handshake JSON');
  });
});

describe('socket.io v5 packets, from the real socket.io server', () => {
  it('connect (40 and 40{sid}), event (42), ack (43 with its id)', async () => {
    const wire = await wireOf(
      async (socket) => {
        await new Promise<void>((resolve) => {
          socket.once('echo', () => resolve());
          socket.emit('echo', 'hello', 5);
        });
        await socket.emitWithAck('echo', 'ack me');
      },
      (sent) => sent.includes('430["ack me"]'),
    );
    const client = wire.fromClient().map((m) => decodeEngineIoPacket(m));
    const server = wire.fromServer().map((m) => decodeEngineIoPacket(m));
    const clientIo = client
      .filter((p) => p.name === 'message')
      .map((p) => decodeSocketIoPacket(p.data as string));
    const serverIo = server
      .filter((p) => p.name === 'message')
      .map((p) => decodeSocketIoPacket(p.data as string));
    expect(clientIo[0]).toMatchObject({ name: 'connect', namespace: '/', ackId: null });
    expect(serverIo[0]).toMatchObject({ name: 'connect' });
    expect((serverIo[0]!.data as { sid: string }).sid).toMatch(/^[\w-]{20}$/);
    expect(clientIo[1]).toMatchObject({ name: 'event', event: 'echo', args: ['hello', 5], ackId: null });
    expect(serverIo[1]).toMatchObject({ name: 'event', event: 'echo', args: ['hello', 5] });
    expect(clientIo[2]).toMatchObject({ name: 'event', event: 'echo', ackId: 0, args: ['ack me'] });
    const ack = serverIo.find((p) => p.name === 'ack');
    expect(ack).toMatchObject({ ackId: 0, args: ['ack me'], json: '["ack me"]' });
  });

  it('binary event (451-): a placeholder in the JSON, the bytes in the next binary frame', async () => {
    const bytes = new Uint8Array([1, 2, 3, 250]);
    const wire = await wireOf(
      async (socket) => {
        await new Promise<void>((resolve) => {
          socket.once('echo', () => resolve());
          socket.emit('echo', 'file', Buffer.from(bytes));
        });
      },
      (sent) => sent.some((m) => typeof m !== 'string'),
    );
    for (const messages of [wire.fromClient(), wire.fromServer()]) {
      const reader = new SocketIoReader();
      const readings = messages.map((m) => reader.read(decodeEngineIoPacket(m)));
      const eventAt = readings.findIndex((r) => r.kind === 'packet' && r.packet.name === 'binary_event');
      const event = readings[eventAt];
      expect(event?.kind === 'packet' && event.packet).toMatchObject({ attachments: 1, event: 'echo' });
      const placeholder = event?.kind === 'packet' ? event.packet.args[1] : undefined;
      expect(isPlaceholder(placeholder) && placeholder.num).toBe(0);
      expect(readings[eventAt + 1]).toEqual({ kind: 'attachment', index: 0, of: 1, bytes });
    }
  });

  it('reads a namespace and an ack id, and names bad JSON', () => {
    expect(decodeSocketIoPacket('2/admin,12["hi"]')).toMatchObject({
      name: 'event',
      namespace: '/admin',
      ackId: 12,
      event: 'hi',
    });
    expect(decodeSocketIoPacket('2["x"').problem?.en).toBe('the data is not JSON');
    expect(decodeSocketIoPacket('2{}').problem?.en).toContain('starts with its name');
  });
});
