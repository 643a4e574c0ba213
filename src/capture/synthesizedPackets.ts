import type { Sender } from '../protocol/index.ts';
import type { Endpoint } from './connections.ts';

/** A run of bytes one side of a connection handed to its socket, and when (from a tap record). */
export type RecordedChunk = {
  readonly sender: Sender;
  readonly timestampMicros: number;
  readonly bytes: Uint8Array;
};

/** One connection as a tap saw it: the real endpoints and every read and write, in order. */
export type RecordedConnection = {
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly chunks: readonly RecordedChunk[];
  /** True when the connection ended: FINs are written after the last chunk. */
  readonly closed: boolean;
};

/** One synthesized TCP segment, before it is wrapped in IP and Ethernet. */
export type TcpPacket = {
  readonly timestampMicros: number;
  readonly fromClient: boolean;
  readonly source: Endpoint;
  readonly destination: Endpoint;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly payload: Uint8Array;
};

export const TcpFlag = { fin: 0x01, syn: 0x02, psh: 0x08, ack: 0x10 } as const;

/** Below IPv4's 65,535-byte datagram, as a loopback interface's MTU would cut it. */
const maxSegment = 32 * 1024;
/** Fixed initial sequence numbers: a saved session is the same file each time it is saved. */
const clientIsn = 0x1000_0000;
const serverIsn = 0x2000_0000;

/**
 * The TCP segments a connection's tap records would have made: a three-way handshake just before the first
 * byte, each recorded chunk as one or more segments (PSH on the last) with its own timestamp, and FINs
 * when the connection closed. Sequence and acknowledgement numbers are consistent, so Wireshark's TCP
 * analysis finds nothing lost, nothing retransmitted.
 */
export function tcpPackets(connection: RecordedConnection): TcpPacket[] {
  const { client, server } = connection;
  const first = connection.chunks[0]?.timestampMicros ?? 0;
  let clientSeq = clientIsn;
  let serverSeq = serverIsn;
  const packets: TcpPacket[] = [];
  const add = (sender: Sender, timestampMicros: number, flags: number, payload: Uint8Array) => {
    const fromClient = sender === 'client';
    // Non-decreasing within a connection: a read and a write stamped out of order must not put an ACK
    // before the segment it acknowledges.
    const previous = packets[packets.length - 1]?.timestampMicros ?? timestampMicros;
    packets.push({
      timestampMicros: Math.max(previous, timestampMicros),
      fromClient,
      source: fromClient ? client : server,
      destination: fromClient ? server : client,
      seq: fromClient ? clientSeq : serverSeq,
      ack: flags & TcpFlag.ack ? (fromClient ? serverSeq : clientSeq) : 0,
      flags,
      payload,
    });
    const consumed = payload.length + (flags & (TcpFlag.syn | TcpFlag.fin) ? 1 : 0);
    if (fromClient) clientSeq = (clientSeq + consumed) >>> 0;
    else serverSeq = (serverSeq + consumed) >>> 0;
  };
  add('client', first - 3, TcpFlag.syn, new Uint8Array(0));
  add('server', first - 2, TcpFlag.syn | TcpFlag.ack, new Uint8Array(0));
  add('client', first - 1, TcpFlag.ack, new Uint8Array(0));
  let last = first;
  for (const chunk of connection.chunks) {
    for (let at = 0; at < chunk.bytes.length; at += maxSegment) {
      const end = Math.min(chunk.bytes.length, at + maxSegment);
      const flags = TcpFlag.ack | (end === chunk.bytes.length ? TcpFlag.psh : 0);
      add(chunk.sender, chunk.timestampMicros, flags, chunk.bytes.subarray(at, end));
    }
    last = Math.max(last, chunk.timestampMicros);
  }
  if (connection.closed) {
    add('client', last + 1, TcpFlag.fin | TcpFlag.ack, new Uint8Array(0));
    add('server', last + 2, TcpFlag.fin | TcpFlag.ack, new Uint8Array(0));
    add('client', last + 3, TcpFlag.ack, new Uint8Array(0));
  }
  return packets;
}
