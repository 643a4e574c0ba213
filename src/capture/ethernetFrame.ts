import { concatBytes } from '../protocol/index.ts';
import type { TcpPacket } from './synthesizedPackets.ts';

/**
 * An address as the 4 or 16 bytes IP carries. An IPv4-mapped IPv6 address (Node's `::ffff:127.0.0.1` on a
 * dual-stack socket) is written as the IPv4 address it is.
 */
export function addressBytes(address: string): Uint8Array {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const v4 = mapped ? mapped[1]! : address;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4)) return Uint8Array.from(v4.split('.').map(Number));
  const [head = '', tail] = address.replace(/%.*$/, '').split('::') as [string, string | undefined];
  const groups = (text: string) =>
    text === '' ? [] : text.split(':').map((group) => Number.parseInt(group, 16));
  const before = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  const all = [...before, ...new Array(8 - before.length - after.length).fill(0), ...after];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    bytes[i * 2] = (group >> 8) & 0xff;
    bytes[i * 2 + 1] = group & 0xff;
  });
  return bytes;
}

/** The Internet checksum (RFC 1071) over the parts, as if concatenated. */
function internetChecksum(parts: readonly Uint8Array[]): number {
  let sum = 0;
  let odd: number | null = null;
  for (const part of parts) {
    for (const byte of part) {
      if (odd === null) odd = byte;
      else {
        sum += (odd << 8) | byte;
        odd = null;
      }
    }
  }
  if (odd !== null) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

const uint16 = (value: number) => Uint8Array.of((value >> 8) & 0xff, value & 0xff);
const uint32 = (value: number) =>
  Uint8Array.of((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);

/** Locally administered MACs: the frame is synthesized, no real card sent it. */
const clientMac = Uint8Array.of(0x02, 0, 0, 0, 0, 0x01);
const serverMac = Uint8Array.of(0x02, 0, 0, 0, 0, 0x02);

/** A synthesized packet as Ethernet, IPv4 or IPv6 (by its addresses), TCP, with correct checksums. */
export function ethernetFrame(packet: TcpPacket, ipId: number): Uint8Array {
  const { fromClient } = packet;
  const source = addressBytes(packet.source.address);
  const destination = addressBytes(packet.destination.address);
  const v4 = source.length === 4 && destination.length === 4;
  const tcpHeader = concatBytes([
    uint16(packet.source.port),
    uint16(packet.destination.port),
    uint32(packet.seq),
    uint32(packet.ack),
    Uint8Array.of(0x50, packet.flags),
    uint16(0xffff),
    uint16(0), // checksum, filled below
    uint16(0),
  ]);
  const tcpLength = tcpHeader.length + packet.payload.length;
  const pseudoHeader = v4
    ? concatBytes([source, destination, Uint8Array.of(0, 6), uint16(tcpLength)])
    : concatBytes([source, destination, uint32(tcpLength), Uint8Array.of(0, 0, 0, 6)]);
  const checksum = internetChecksum([pseudoHeader, tcpHeader, packet.payload]);
  tcpHeader[16] = checksum >> 8;
  tcpHeader[17] = checksum & 0xff;
  let ipHeader: Uint8Array;
  if (v4) {
    ipHeader = concatBytes([
      Uint8Array.of(0x45, 0),
      uint16(20 + tcpLength),
      uint16(ipId & 0xffff),
      uint16(0x4000), // don't fragment
      Uint8Array.of(64, 6),
      uint16(0),
      source,
      destination,
    ]);
    const ipChecksum = internetChecksum([ipHeader]);
    ipHeader[10] = ipChecksum >> 8;
    ipHeader[11] = ipChecksum & 0xff;
  } else {
    ipHeader = concatBytes([
      uint32(0x6000_0000),
      uint16(tcpLength),
      Uint8Array.of(6, 64),
      source,
      destination,
    ]);
  }
  return concatBytes([
    fromClient ? serverMac : clientMac,
    fromClient ? clientMac : serverMac,
    uint16(v4 ? 0x0800 : 0x86dd),
    ipHeader,
    tcpHeader,
    packet.payload,
  ]);
}
