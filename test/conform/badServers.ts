import { createServer, type Server, type Socket } from 'node:net';
import {
  acceptKey,
  closePayload,
  concatBytes,
  encodeFrame,
  FrameStreamDecoder,
  headerValue,
  Opcode,
  parseHttpHead,
} from '../../src/protocol/index.ts';

/**
 * Deliberately bad echo servers, hand-rolled over node:net: a correct opening handshake, then a frame loop
 * that breaks the rules each flaw names. The suite must catch every one of them. Our stream decoder only
 * cuts frames here; its violations are ignored on purpose (these servers validate nothing).
 */
export type Flaws = {
  /** Closes with 1009 for any message over 65535 bytes (a server that forgot the 64-bit length). */
  maxMessage65535?: boolean;
  /** Answers every ping with an empty pong. */
  emptyPongs?: boolean;
  /** Echoes each frame as its own message instead of reassembling fragments. */
  noReassembly?: boolean;
  /** Drops TCP when a close arrives instead of answering it. */
  dropOnClose?: boolean;
  /** Answers every message with this many bytes of text (a flood). */
  floodBytes?: number;
  /** Names this subprotocol in its 101, whatever the client offered (RFC 6455 §4.1 forbids it). */
  subprotocol?: string;
  /**
   * Once this many bytes of frames have arrived, ends the connection: a close 1002 then FIN, or (with
   * `finOnly`) a bare FIN, as a server that aborts does. Whatever arrives later is never read.
   */
  endAfterBytes?: number;
  finOnly?: boolean;
};

export type BadServer = { url: string; close(): Promise<void> };

function serve(socket: Socket, flaws: Flaws): void {
  const decoder = new FrameStreamDecoder({});
  let message: { opcode: number; parts: Uint8Array[] } | null = null;
  const send = (opcode: number, payload: Uint8Array) => {
    if (!socket.destroyed) socket.write(encodeFrame({ opcode, payload }));
  };
  let received = 0;
  socket.on('data', (chunk: Buffer) => {
    if (flaws.endAfterBytes !== undefined && received >= flaws.endAfterBytes) return;
    received += chunk.length;
    if (flaws.endAfterBytes !== undefined && received >= flaws.endAfterBytes) {
      // Frames complete before the cut are answered; then the end, the rest of the bytes left unread.
      const kept = chunk.subarray(0, chunk.length - (received - flaws.endAfterBytes));
      for (const frame of decoder.push(new Uint8Array(kept)))
        if (frame.opcode === Opcode.text) send(Opcode.text, frame.payload);
      if (flaws.finOnly) socket.end();
      else socket.end(encodeFrame({ opcode: Opcode.close, payload: closePayload(1002) }));
      return;
    }
    for (const frame of decoder.push(new Uint8Array(chunk))) {
      const { opcode, payload } = frame;
      if (opcode === Opcode.ping) {
        send(Opcode.pong, flaws.emptyPongs ? new Uint8Array(0) : payload);
      } else if (opcode === Opcode.pong) {
        // unsolicited: nothing to do
      } else if (opcode === Opcode.close) {
        if (flaws.dropOnClose) {
          socket.destroy();
          return;
        }
        // Lax: always 1000, whatever came (1 byte, a code that may not be sent, invalid UTF-8).
        socket.end(encodeFrame({ opcode: Opcode.close, payload: closePayload(1000) }));
        return;
      } else if (flaws.noReassembly) {
        send(opcode === Opcode.continuation ? Opcode.text : opcode, payload);
      } else {
        if (opcode !== Opcode.continuation || !message) message = { opcode, parts: [] };
        message.parts.push(payload);
        if (!frame.fin) continue;
        const whole = concatBytes(message.parts);
        message = null;
        if (flaws.floodBytes) {
          const block = new Uint8Array(1 << 20).fill(0x61);
          for (let sent = 0; sent < flaws.floodBytes && !socket.destroyed; sent += block.length)
            send(Opcode.text, block);
          continue;
        }
        if (flaws.maxMessage65535 && whole.length > 65535) {
          socket.end(encodeFrame({ opcode: Opcode.close, payload: closePayload(1009) }));
          return;
        }
        send(opcode === Opcode.continuation ? Opcode.text : opcode, whole);
      }
    }
  });
}

/** Starts a bad server on 127.0.0.1 (port 0: the system picks). */
export async function startBadServer(flaws: Flaws = {}, port = 0): Promise<BadServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let head = Buffer.alloc(0);
    const onHead = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const request = parseHttpHead(new Uint8Array(head));
      if (!request) return;
      socket.off('data', onHead);
      const key = headerValue(request, 'sec-websocket-key') ?? '';
      const chosen =
        flaws.subprotocol === undefined ? '' : `Sec-WebSocket-Protocol: ${flaws.subprotocol}\r\n`;
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n${chosen}\r\n`,
      );
      serve(socket, flaws);
      if (request.rest.length > 0) socket.emit('data', Buffer.from(request.rest));
    };
    socket.on('data', onHead);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `ws://127.0.0.1:${bound}/echo`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
