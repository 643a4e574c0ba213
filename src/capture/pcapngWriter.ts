import { concatBytes } from '../protocol/index.ts';
import { ethernetFrame } from './ethernetFrame.ts';
import { LinkType } from './linkLayer.ts';
import { type RecordedConnection, type TcpPacket, tcpPackets } from './synthesizedPackets.ts';

const encoder = new TextEncoder();

/** A pcapng option: code, length, value padded to 32 bits (all little-endian, as our section says). */
function option(code: number, value: Uint8Array): Uint8Array {
  const padded = new Uint8Array(4 + Math.ceil(value.length / 4) * 4);
  const view = new DataView(padded.buffer);
  view.setUint16(0, code, true);
  view.setUint16(2, value.length, true);
  padded.set(value, 4);
  return padded;
}

const endOfOptions = new Uint8Array(4);

/** A block: type, total length, body, total length again. */
function block(type: number, body: Uint8Array): Uint8Array {
  const length = 12 + body.length;
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, length, true);
  out.set(body, 8);
  view.setUint32(length - 4, length, true);
  return out;
}

function sectionHeader(comment: string): Uint8Array {
  const fixed = new Uint8Array(16);
  const view = new DataView(fixed.buffer);
  view.setUint32(0, 0x1a2b3c4d, true);
  view.setUint16(4, 1, true);
  view.setUint16(6, 0, true);
  view.setBigInt64(8, -1n, true); // section length unknown
  const options = [option(1, encoder.encode(comment)), option(4, encoder.encode('ws101')), endOfOptions];
  return block(0x0a0d0d0a, concatBytes([fixed, ...options]));
}

function interfaceDescription(): Uint8Array {
  const fixed = new Uint8Array(8);
  const view = new DataView(fixed.buffer);
  view.setUint16(0, LinkType.ethernet, true);
  view.setUint32(4, 0, true); // no snapshot limit
  const options = [
    option(2, encoder.encode('ws101 tap')),
    option(9, Uint8Array.of(6)), // if_tsresol: microseconds
    endOfOptions,
  ];
  return block(0x00000001, concatBytes([fixed, ...options]));
}

function enhancedPacket(timestampMicros: number, data: Uint8Array): Uint8Array {
  const padded = Math.ceil(data.length / 4) * 4;
  const body = new Uint8Array(20 + padded);
  const view = new DataView(body.buffer);
  const micros = Math.max(0, Math.round(timestampMicros));
  view.setUint32(0, 0, true);
  view.setUint32(4, Math.floor(micros / 2 ** 32), true);
  view.setUint32(8, micros % 2 ** 32, true);
  view.setUint32(12, data.length, true);
  view.setUint32(16, data.length, true);
  body.set(data, 20);
  return block(0x00000006, body);
}

/** Synthesized packets as a pcapng file with one Ethernet interface, in the order given. */
export function packetsPcapng(
  packets: readonly TcpPacket[],
  comment = 'WebSocket session saved by ws101',
): Uint8Array {
  const blocks = [sectionHeader(comment), interfaceDescription()];
  packets.forEach((packet, i) => {
    blocks.push(enhancedPacket(packet.timestampMicros, ethernetFrame(packet, i + 1)));
  });
  return concatBytes(blocks);
}

/**
 * A session's connections as a pcapng file Wireshark opens: the tap's real bytes, each in TCP/IP/Ethernet
 * headers synthesized around it, the connections' packets merged in time order.
 */
export function sessionPcapng(connections: readonly RecordedConnection[], comment?: string): Uint8Array {
  const packets = connections
    .flatMap((connection) => tcpPackets(connection))
    .map((packet, order) => ({ packet, order }))
    .sort((a, b) => a.packet.timestampMicros - b.packet.timestampMicros || a.order - b.order)
    .map(({ packet }) => packet);
  return packetsPcapng(packets, comment);
}
