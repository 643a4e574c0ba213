import type { EventEmitter } from 'node:events';

/** The part of an Engine.IO socket (engine.io 6, lib/socket.ts) whose backlog is counted here. */
export type EngineSocket = EventEmitter & {
  readonly id: string;
  readonly transport: { readonly name: string; readonly socket?: { readonly bufferedAmount?: number } };
  close(discard?: boolean): void;
};

type Packet = { data?: string | Buffer | ArrayBuffer | ArrayBufferView };

/**
 * What one Engine.IO session has waiting to be written, in bytes: the packets it holds for its next flush,
 * and, over WebSocket, what the WebSocket has not written yet.
 *
 * Engine.IO keeps every packet for a polling session until that session's next GET: a client that posts
 * echo requests and never GETs grew it by 75 MB/s, without any bound. This counts each packet as it is
 * made, and past `limit` (our send-queue bound) ends the session at once, discarding what it holds. Below
 * it, `bytes` is the connection's backlog, reported as its `bufferedAmount`: the send-queue guard and the
 * chat's slow-reader cut see it as they see a WebSocket's.
 */
export class EngineBacklog {
  private unflushed = 0;
  private cut = false;

  constructor(
    private readonly socket: EngineSocket,
    limit: number,
  ) {
    socket.on('packetCreate', (packet: Packet) => {
      this.unflushed += packetBytes(packet);
      if (this.unflushed <= limit || this.cut) return;
      this.cut = true;
      socket.close(true);
    });
    // The packets held go to the transport: over WebSocket they are then in its `bufferedAmount`, over
    // polling in the GET's response (that exchange's own socket).
    socket.on('flush', () => {
      this.unflushed = 0;
    });
  }

  /** Bytes waiting: held packets, plus the WebSocket's unwritten bytes when upgraded. */
  get bytes(): number {
    const { transport } = this.socket;
    return this.unflushed + (transport.name === 'websocket' ? (transport.socket?.bufferedAmount ?? 0) : 0);
  }

  /** True once the session was ended for holding more than the bound. */
  get wasCut(): boolean {
    return this.cut;
  }
}

/** A packet's payload in bytes, plus one for its type: a close enough measure of what it will cost. */
function packetBytes({ data }: Packet): number {
  if (data === undefined) return 1;
  if (typeof data === 'string') return 1 + Buffer.byteLength(data);
  return 1 + data.byteLength;
}
