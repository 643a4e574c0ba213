import { deflateRawSync, constants as zlib } from 'node:zlib';
import type { Endpoint, RecordedChunk, RecordedConnection } from '../../src/capture/index.ts';
import { acceptKey, closePayload, encodeFrame, Opcode } from '../../src/protocol/index.ts';

const key = 'dGhlIHNhbXBsZSBub25jZQ==';

/** The frames of a small echo session, client's masked with a fixed key so files are the same each run. */
export function echoSessionFrames(messageSizes: readonly number[] = [5, 200, 70_000]): {
  client: Uint8Array[];
  server: Uint8Array[];
} {
  const client: Uint8Array[] = [];
  const server: Uint8Array[] = [];
  const mask = Uint8Array.of(1, 2, 3, 4);
  messageSizes.forEach((size, i) => {
    const text = `${i}:`.padEnd(size, String.fromCharCode(97 + (i % 26)));
    client.push(encodeFrame({ opcode: Opcode.text, payload: text, mask }));
    server.push(encodeFrame({ opcode: Opcode.text, payload: text }));
  });
  // A fragmented message with a ping between its fragments.
  client.push(encodeFrame({ opcode: Opcode.text, payload: 'frag-', fin: false, mask }));
  client.push(encodeFrame({ opcode: Opcode.ping, payload: 'between', mask }));
  client.push(encodeFrame({ opcode: Opcode.continuation, payload: 'ment', mask }));
  server.push(encodeFrame({ opcode: Opcode.pong, payload: 'between' }));
  server.push(encodeFrame({ opcode: Opcode.text, payload: 'frag-ment' }));
  client.push(encodeFrame({ opcode: Opcode.close, payload: closePayload(1000, 'bye'), mask }));
  server.push(encodeFrame({ opcode: Opcode.close, payload: closePayload(1000, 'bye') }));
  return { client, server };
}

/** A deflated message as permessage-deflate sends it: raw deflate, sync-flushed, the 4-byte tail removed. */
export function deflatedMessage(text: string): Uint8Array {
  const flushed = deflateRawSync(Buffer.from(text), { finishFlush: zlib.Z_SYNC_FLUSH });
  return new Uint8Array(flushed.subarray(0, flushed.length - 4));
}

/**
 * A whole recorded connection: upgrade request, 101, then client and server frames alternating, one chunk
 * per frame, a millisecond apart.
 */
export function echoSession(
  client: Endpoint = { address: '127.0.0.1', port: 50_000 },
  server: Endpoint = { address: '127.0.0.1', port: 8080 },
  frames = echoSessionFrames(),
  extensions = '',
): RecordedConnection {
  const request = `GET /echo HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extensions ? `Sec-WebSocket-Extensions: ${extensions}\r\n` : ''}\r\n`;
  const response = `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n${extensions ? `Sec-WebSocket-Extensions: ${extensions}\r\n` : ''}\r\n`;
  let t = 1_780_000_000_000_000;
  const next = () => {
    t += 1000;
    return t;
  };
  const chunks: RecordedChunk[] = [
    { sender: 'client', timestampMicros: t, bytes: new TextEncoder().encode(request) },
    { sender: 'server', timestampMicros: next(), bytes: new TextEncoder().encode(response) },
  ];
  const longest = Math.max(frames.client.length, frames.server.length);
  for (let i = 0; i < longest; i++) {
    const fromClient = frames.client[i];
    const fromServer = frames.server[i];
    if (fromClient) chunks.push({ sender: 'client', timestampMicros: next(), bytes: fromClient });
    if (fromServer) chunks.push({ sender: 'server', timestampMicros: next(), bytes: fromServer });
  }
  return { client, server, chunks, closed: true };
}
