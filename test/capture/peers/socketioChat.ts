// Records the slide's "public-style application": a socket.io chat (socket.io's own server and client, as a
// chat app ships them: long-polling first, then the upgrade to WebSocket) behind a small reverse proxy, as
// an application sits behind nginx. dumpcap captures the browser side of the proxy on loopback.
//
//   node --import tsx test/capture/peers/socketioChat.ts slides/captures/socketio-chat.pcapng   (as root)
//
// The file is committed (slides/captures/); test/capture/slideCaptures.test.ts checks it against tshark.
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer, type Socket as NetSocket } from 'node:net';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { captureWhile } from '../../helpers/liveCapture.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const once = (socket: Socket, event: string) =>
  new Promise<unknown>((resolve) => socket.once(event, resolve));

/** A TCP reverse proxy on `port` to the app on `target`: every byte passed on as it is. */
async function startProxy(port: number, target: number): Promise<() => Promise<void>> {
  const sockets = new Set<NetSocket>();
  const proxy = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  return () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      proxy.close(() => resolve());
    });
}

/** The chat: whoever joins is announced, every message goes to everyone with its author. */
async function startChat(): Promise<{ port: number; close: () => Promise<void> }> {
  const http = createHttpServer();
  // A short heartbeat, so the capture shows Engine.IO's own ping ("2") and pong ("3") messages.
  const chat = new Server(http, { pingInterval: 600, pingTimeout: 2000 });
  chat.on('connection', (socket) => {
    const name = String(socket.handshake.query.name ?? 'someone');
    socket.broadcast.emit('joined', name);
    socket.on('chat message', (text: string) => chat.emit('chat message', { from: name, text }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () => new Promise((resolve) => chat.close(() => resolve())),
  };
}

async function conversation(proxyPort: number): Promise<void> {
  const url = `http://127.0.0.1:${proxyPort}`;
  const join = async (name: string) => {
    const socket = io(url, { query: { name }, reconnection: false });
    await once(socket, 'connect');
    // Wait for the upgrade from long-polling to WebSocket, as it happens in a browser.
    while (socket.io.engine.transport.name !== 'websocket') await wait(20);
    return socket;
  };
  const alice = await join('alice');
  const bob = await join('bob');
  const lines: [Socket, string][] = [
    [alice, 'hi bob, are you on the 5 o’clock train?'],
    [bob, 'yes, platform 3'],
    [alice, '好的，一会儿见'],
    [bob, 'see you 👋'],
  ];
  for (const [socket, text] of lines) {
    const heard = once(alice, 'chat message');
    socket.emit('chat message', text);
    await heard;
    await wait(300);
  }
  // Long enough for a heartbeat or two, then both leave: close frames each way.
  await wait(1300);
  bob.disconnect();
  alice.disconnect();
  await wait(200);
}

const out = process.argv[2];
if (!out) throw new Error('usage: socketioChat.ts OUT.pcapng');
const chat = await startChat();
await captureWhile('lo', '127.0.0.1', out, async (port) => {
  const stopProxy = await startProxy(port, chat.port);
  try {
    await conversation(port);
  } finally {
    await stopProxy();
  }
});
await chat.close();
console.log(`wrote ${out}`);
