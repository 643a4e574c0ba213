import type { CapturedPacket } from './captureFile.ts';
import { type NetworkPacket, readUint16, readUint32 } from './linkLayer.ts';

/** One TCP segment out of one packet: who sent it to whom, its sequence number, flags and payload. */
export type TcpSegment = {
  readonly packet: number;
  readonly timestampMicros: number;
  readonly source: string;
  readonly destination: string;
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly seq: number;
  readonly syn: boolean;
  readonly ack: boolean;
  readonly fin: boolean;
  readonly rst: boolean;
  readonly payload: Uint8Array;
  /** True when the capture's snapshot length cut the payload short. */
  readonly snapped: boolean;
};

const tcpProtocol = 6;
/** IPv6 extension headers that are skipped on the way to TCP (RFC 8200 §4). */
const ipv6Skippable = new Set([0, 43, 60]);
const ipv6Fragment = 44;

export type SegmentResult = TcpSegment | 'not-tcp' | 'fragment' | 'malformed';

/** The TCP segment in an IP packet, or why not. */
export function tcpSegment(packet: CapturedPacket, ip: NetworkPacket): SegmentResult {
  const bytes = ip.bytes;
  let source: string;
  let destination: string;
  let tcp: Uint8Array;
  let declaredEnd: number;
  if (ip.version === 4) {
    if (bytes.length < 20) return 'malformed';
    const headerLength = (bytes[0]! & 0x0f) * 4;
    const totalLength = readUint16(bytes, 2);
    if (bytes[9] !== tcpProtocol) return 'not-tcp';
    const flagsAndOffset = readUint16(bytes, 6);
    // More-fragments set, or a non-zero offset: a piece of a datagram, which TCP on loopback never needs.
    if ((flagsAndOffset & 0x2000) !== 0 || (flagsAndOffset & 0x1fff) !== 0) return 'fragment';
    source = bytes.subarray(12, 16).join('.');
    destination = bytes.subarray(16, 20).join('.');
    // Total length 0 is TSO on the capturing host: the packet is as long as was captured.
    declaredEnd = totalLength === 0 ? packet.originalLength : totalLength;
    tcp = bytes.subarray(headerLength);
    declaredEnd -= headerLength;
  } else {
    if (bytes.length < 40) return 'malformed';
    let next = bytes[6]!;
    let at = 40;
    while (ipv6Skippable.has(next)) {
      if (at + 2 > bytes.length) return 'malformed';
      next = bytes[at]!;
      at += (bytes[at + 1]! + 1) * 8;
    }
    if (next === ipv6Fragment) return 'fragment';
    if (next !== tcpProtocol) return 'not-tcp';
    source = ipv6Text(bytes.subarray(8, 24));
    destination = ipv6Text(bytes.subarray(24, 40));
    declaredEnd = readUint16(bytes, 4) + 40 - at;
    tcp = bytes.subarray(at);
  }
  if (tcp.length < 20) return 'malformed';
  const dataOffset = (tcp[12]! >> 4) * 4;
  if (dataOffset < 20) return 'malformed';
  const flags = tcp[13]!;
  const payloadEnd = Math.min(declaredEnd, tcp.length);
  // Ethernet pads short frames: the IP length, not the captured length, says where the payload ends.
  const payload = tcp.subarray(Math.min(dataOffset, payloadEnd), payloadEnd);
  return {
    packet: packet.number,
    timestampMicros: packet.timestampMicros,
    source,
    destination,
    sourcePort: readUint16(tcp, 0),
    destinationPort: readUint16(tcp, 2),
    seq: readUint32(tcp, 4),
    syn: (flags & 0x02) !== 0,
    ack: (flags & 0x10) !== 0,
    fin: (flags & 0x01) !== 0,
    rst: (flags & 0x04) !== 0,
    payload,
    snapped: declaredEnd > tcp.length,
  };
}

/** RFC 5952 text: lower case, leading zeros dropped, the longest run of two or more zero groups as ::. */
export function ipv6Text(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(readUint16(bytes, i));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
