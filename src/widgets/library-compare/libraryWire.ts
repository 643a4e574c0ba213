import { decodeUtf8Lenient, opcodeInfo, type Sender } from '../../protocol/index.ts';
import type { StoredFrame } from '../../session/frameStore.ts';
import type { LiveSession } from '../../session/liveSession.ts';
import type { WireConnection } from '../../session/wireConnection.ts';
import {
  decodeEngineIoPacket,
  decodeEngineIoPayload,
  type EngineIoPacket,
  recordSeparator,
  SocketIoReader,
  type SocketIoReading,
} from '../../shared/socketio/index.ts';

/** One line of a library's inspector: a frame, or (socket.io's long polling) an HTTP body. */
export type WireRow = {
  readonly key: string;
  readonly t: number;
  readonly direction: Sender;
  /** `text FIN 1`, `continuation FIN 0`, or `HTTP POST` for a polling body. */
  readonly carrier: string;
  /** Bytes on the wire: frame header + payload, or an HTTP head + body. */
  readonly wireBytes: number;
  readonly payloadBytes: number;
  /** The payload as text (or the first bytes in hex). */
  readonly payload: string;
  /** socket.io's layers on top, one line per packet. */
  readonly layers: readonly PacketLayers[];
};

export type PacketLayers = { readonly engine: EngineIoPacket; readonly socketIo: SocketIoReading };

function payloadText(bytes: Uint8Array, text: boolean): string {
  if (text) return decodeUtf8Lenient(bytes.subarray(0, 200));
  const hex = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > 8 ? `${hex} …` : hex;
}

function frameRow(stored: StoredFrame, layers: PacketLayers[]): WireRow {
  const { frame } = stored;
  return {
    key: `f${stored.seq}`,
    t: stored.t,
    direction: stored.direction,
    carrier: `${opcodeInfo(frame.opcode).name} FIN ${frame.fin ? 1 : 0}`,
    wireBytes: frame.headerBytes.length + frame.payload.length,
    payloadBytes: frame.payload.length,
    payload: payloadText(
      frame.payload,
      frame.opcode !== 2 && (frame.opcode !== 0 || !stored.message || stored.message.opcode !== 2),
    ),
    layers,
  };
}

/**
 * The rows of one library's connections, oldest first, from the session's decoded frames and (for
 * socket.io's polling) the HTTP bodies the tap recorded. With `socketIo`, every text frame and every
 * polling body is read as Engine.IO packets, and those as socket.io packets, in order per direction.
 */
export function wireRows(
  session: LiveSession,
  connections: readonly WireConnection[],
  socketIo: boolean,
): WireRow[] {
  const ids = new Set(connections.map((c) => c.id));
  const readers: Record<Sender, SocketIoReader> = {
    client: new SocketIoReader(),
    server: new SocketIoReader(),
  };
  const items: { t: number; order: number; build: () => WireRow }[] = [];
  let order = 0;
  for (const connection of connections) {
    if (!connection.httpOnly) continue;
    for (const direction of ['client', 'server'] as const) {
      const side = connection.handshake[direction];
      if (!side.head || side.t === null) continue;
      const head = side.head;
      const body = side.body;
      const isPost = connection.handshake.client.head?.startLine.startsWith('POST') ?? false;
      items.push({
        t: side.t,
        order: order++,
        build: () => ({
          key: `h${connection.id}${direction}`,
          t: side.t ?? 0,
          direction,
          carrier:
            direction === 'client'
              ? `HTTP ${head.startLine.split(' ')[0]}`
              : `HTTP ${head.startLine.split(' ')[1] ?? ''}`,
          wireBytes: head.headLength + body.length,
          payloadBytes: body.length,
          payload: decodeUtf8Lenient(body.subarray(0, 200)),
          // A POST's answer is `ok`, no packet; a GET's is a payload of packets, as is a POST's body.
          layers:
            socketIo && (direction === 'client' || !isPost)
              ? decodeEngineIoPayload(body).map((engine) => ({
                  engine,
                  socketIo: readers[direction].read(engine),
                }))
              : [],
        }),
      });
    }
  }
  for (const stored of session.store.list('all')) {
    if (!ids.has(stored.connection)) continue;
    items.push({
      t: stored.t,
      order: order++,
      build: () => frameRow(stored, socketIo ? frameLayers(stored, readers[stored.direction]) : []),
    });
  }
  items.sort((a, b) => a.t - b.t || a.order - b.order);
  return items.map((item) => item.build());
}

/** A whole data message in one frame carries one Engine.IO packet (text: type + data; binary: bytes). */
function frameLayers(stored: StoredFrame, reader: SocketIoReader): PacketLayers[] {
  const { frame } = stored;
  if (frame.opcode !== 1 && frame.opcode !== 2) return [];
  if (!frame.fin) return [];
  const engine = decodeEngineIoPacket(frame.opcode === 1 ? decodeUtf8Lenient(frame.payload) : frame.payload);
  return [{ engine, socketIo: reader.read(engine) }];
}

/**
 * Bytes one message cost on the wire, each way: what carried it (a frame with its header, or for socket.io's
 * long polling the whole HTTP request or response) and the message alone.
 */
export type MessageCost = { readonly wire: number; readonly payload: number; readonly overHttp: boolean };

export type ByteRow = {
  readonly toServer: MessageCost | null;
  readonly toBrowser: MessageCost | null;
  /** Every HTTP byte before the first frame: the handshake, and for socket.io its polling exchanges. */
  readonly setup: number;
};

/**
 * One thing that crossed the wire and can hold a message: a whole text frame (one message), or a polling
 * body (socket.io's Engine.IO packets, split by the record separator).
 */
export type Carrier = {
  readonly t: number;
  readonly direction: Sender;
  readonly messages: readonly string[];
  readonly wire: number;
  readonly overHttp: boolean;
};

export const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * The last carrier from the browser holding `expected`, and the first from the server after it holding
 * `reply`, with what each cost. Carriers come oldest first.
 */
export function findMessage(
  carriers: readonly Carrier[],
  expected: string,
  reply: string,
): Pick<ByteRow, 'toServer' | 'toBrowser'> {
  const cost = (carrier: Carrier | undefined, text: string): MessageCost | null =>
    carrier ? { wire: carrier.wire, payload: utf8Length(text), overHttp: carrier.overHttp } : null;
  let sentAt = -1;
  for (let i = carriers.length - 1; i >= 0 && sentAt < 0; i--) {
    if (carriers[i]!.direction === 'client' && carriers[i]!.messages.includes(expected)) sentAt = i;
  }
  const answer =
    sentAt < 0
      ? undefined
      : carriers.slice(sentAt + 1).find((c) => c.direction === 'server' && c.messages.includes(reply));
  return { toServer: cost(carriers[sentAt], expected), toBrowser: cost(answer, reply) };
}

/** What `connections` carried, oldest first: their whole text frames, and the bodies of their polling. */
function carriersOf(session: LiveSession, connections: readonly WireConnection[]): Carrier[] {
  const ids = new Set(connections.map((c) => c.id));
  const carriers: Carrier[] = session.store
    .list('data')
    .filter((s) => ids.has(s.connection) && s.frame.fin && s.frame.opcode === 1)
    .map((s) => ({
      t: s.t,
      direction: s.direction,
      messages: [decodeUtf8Lenient(s.frame.payload)],
      wire: s.frame.headerBytes.length + s.frame.payload.length,
      overHttp: false,
    }));
  for (const connection of connections) {
    if (!connection.httpOnly) continue;
    for (const direction of ['client', 'server'] as const) {
      const side = connection.handshake[direction];
      if (!side.head || side.t === null || side.body.length === 0) continue;
      carriers.push({
        t: side.t,
        direction,
        messages: decodeUtf8Lenient(side.body).split(recordSeparator),
        wire: side.head.headLength + side.body.length,
        overHttp: true,
      });
    }
  }
  // A stable sort: frames stay in their order when two share a time.
  return carriers.sort((a, b) => a.t - b.t);
}

/**
 * Measures, from the tap's records only, what the message `expected` cost through one library and what
 * its `reply` cost back: over a frame, or (socket.io before its upgrade) over a polling request.
 */
export function measureMessage(
  session: LiveSession,
  connections: readonly WireConnection[],
  expected: string,
  reply: string,
): ByteRow {
  let setup = 0;
  for (const connection of connections) {
    for (const side of [connection.handshake.client, connection.handshake.server]) {
      setup += side.bytes.length + side.body.length;
    }
  }
  return { ...findMessage(carriersOf(session, connections), expected, reply), setup };
}
