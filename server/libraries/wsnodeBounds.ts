import type { Socket } from 'node:net';
import type websocket from 'websocket';

/**
 * The parts of WebSocket-Node's connection (lib/WebSocketConnection.js, 1.0.x) these bounds reach: not in
 * its typings, stable across its 1.0 releases. `bufferList` holds bytes read and not yet parsed (it parses
 * one frame per event-loop turn); `frameQueue` the fragments of the message being assembled.
 */
type Internals = websocket.connection & {
  bufferList: { length: number };
  frameQueue: unknown[];
  inputPaused: boolean;
  /** The frame being parsed: its payload length once its header is read. */
  currentFrame: { length?: number };
  receivedDataHandler: () => void;
  _addSocketEventListeners(): void;
  processFrame(frame: { opcode: number }): void;
};

export type WsNodeBounds = {
  /** Fragments one message may have (ws: `maxFragments`, 16,384 by default), the first one included. */
  maxFragments: number;
  /** Bytes read and not parsed yet past which the socket is not read, beyond the frame being parsed. */
  readAheadBytes: number;
};

/**
 * The receive bounds ws has, given to a WebSocket-Node connection, which has neither:
 *
 * - fragments per message. WebSocket-Node bounds a message by its bytes only, and an empty continuation
 *   frame adds 0 bytes but one more frame object to its queue: 12 MB of them on the wire became 710 MiB of
 *   heap. Past `maxFragments`, the connection is closed with 1008 "Too many message fragments", ws's own
 *   words and code (RFC 6455 §7.4.1: 1008, a message that violates its policy).
 * - bytes read and not parsed. It reads whatever the socket delivers into its buffer, and parses one frame
 *   per event-loop turn: a client sending small frames fast grows that buffer without bound. Past
 *   `readAheadBytes` beyond the frame it is parsing (which it needs whole, up to `maxPayload`), the socket
 *   is paused (TCP pushes back on the client) until parsing catches up.
 *
 * Both are checked where WebSocket-Node does the work, so no path around them exists: every frame goes
 * through `processFrame`, every read through the socket's `data` event.
 */
export function boundWsNodeConnection(connection: websocket.connection, bounds: WsNodeBounds): void {
  const internals = connection as Internals;
  const socket = connection.socket as Socket;
  let pausedByUs = false;
  // Over this, the buffer holds the current frame whole and more: parsing can always go on.
  const overBound = () =>
    internals.bufferList.length > bounds.readAheadBytes + (internals.currentFrame.length ?? 0);

  const processFrame = internals.processFrame.bind(internals);
  internals.processFrame = (frame) => {
    // A continuation joins the queue; the first fragment is already in it (RFC 6455 §5.4).
    if (frame.opcode === 0x0 && internals.frameQueue.length >= bounds.maxFragments) {
      connection.drop(1008, 'Too many message fragments');
      return;
    }
    processFrame(frame);
  };

  // Beside the library's own listeners, which it adds once its 101 is written (a `data` listener added
  // earlier would set the socket flowing before the library reads it), and after them: the bytes of each
  // read are in its buffer when this looks.
  const addListeners = internals._addSocketEventListeners.bind(internals);
  internals._addSocketEventListeners = () => {
    addListeners();
    socket.on('data', () => {
      if (!overBound()) return;
      // The library takes a paused socket for a paused connection and stops parsing too: this pauses the
      // reads only, and the parser goes on through what it has.
      const parsing = !internals.inputPaused;
      pausedByUs = true;
      socket.pause();
      internals.inputPaused = !parsing;
    });
  };
  // It parses the rest of its buffer one frame per turn through this handler: read again once it is back
  // under the bound. Over the bound, its buffer always holds the current frame whole, so parsing goes on
  // and this is reached again: a paused socket is never forgotten.
  const parseMore = internals.receivedDataHandler;
  internals.receivedDataHandler = () => {
    parseMore();
    if (!pausedByUs || overBound()) return;
    pausedByUs = false;
    // The echo's own back-pressure (connection.pause) keeps the socket paused until its drain.
    if (!internals.inputPaused) socket.resume();
  };
}
