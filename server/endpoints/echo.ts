import type { LiveConnection } from '../connections.ts';

/**
 * RFC 6455 §1.2's simplest server: every message back, with the same type (text stays text).
 *
 * A client that sends but never reads would make the echoes pile up in our memory. Past `highWater`
 * buffered bytes we stop reading its socket until ours drains: its own writes then fill TCP and stall
 * (and the heartbeat closes a connection that stays past it).
 */
export function acceptEcho(connection: LiveConnection, highWater: number): void {
  const { ws, socket } = connection;
  let paused = false;
  ws.on('message', (data, isBinary) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(data as Buffer, { binary: isBinary });
    if (paused || ws.bufferedAmount <= highWater) return;
    paused = true;
    socket.pause();
    socket.once('drain', () => {
      paused = false;
      socket.resume();
    });
  });
}

/** The seed's WebSocket-Node example accepts `echo-protocol`; we choose it when offered, else none. */
export function echoSubprotocol(offered: Set<string>): string | false {
  return offered.has('echo-protocol') ? 'echo-protocol' : false;
}
