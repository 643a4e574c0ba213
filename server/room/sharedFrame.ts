import { createRequire } from 'node:module';
import type { WebSocket } from 'ws';

/**
 * One frame, many sockets: a move to 5,000 pages is framed once (ws's own `Sender.frame`, the code every
 * `send` runs) and the same bytes are handed to each socket's sender. Each socket still writes them through
 * its own `net.Socket`, so the wire tap records what crossed every connection, byte for byte.
 *
 * @types/ws does not describe the Sender; the little used here is typed here.
 */
type FrameOptions = { fin: boolean; opcode: number; mask: boolean; rsv1: boolean; readOnly: boolean };
type SenderStatic = { frame(data: Buffer, options: FrameOptions): Buffer[] };
/** A socket's sender: idle (`_state` 0) with nothing queued means a frame written now goes out in order. */
type SenderOfSocket = { _state: number; _queue: unknown[]; sendFrame(list: Buffer[]): void };

const { Sender } = createRequire(import.meta.url)('ws') as { Sender: SenderStatic };

/** A whole text frame from the server (RFC 6455 §5.1: a server never masks), header and payload in one buffer. */
export function textFrame(text: string): Buffer {
  const list = Sender.frame(Buffer.from(text), {
    fin: true,
    opcode: 0x1,
    mask: false,
    rsv1: false,
    readOnly: false,
  });
  return list.length === 1 ? list[0]! : Buffer.concat(list);
}

/**
 * Writes a frame built by `textFrame` to one socket. A sender busy with something else (a queued message)
 * gets the text through `send` instead, so frames never overtake each other on one connection.
 */
export function sendFramed(ws: WebSocket, frame: Buffer, text: string): void {
  if (ws.readyState !== ws.OPEN) return;
  const sender = (ws as unknown as { _sender?: SenderOfSocket })._sender;
  if (sender && sender._state === 0 && sender._queue.length === 0) sender.sendFrame([frame]);
  else ws.send(text);
}
