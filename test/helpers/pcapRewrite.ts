import { writeFileSync } from 'node:fs';
import { type CapturedPacket, LinkType } from '../../src/capture/index.ts';

/** Writes packets as a classic little-endian microsecond pcap with one link type. */
export function writeClassicPcap(
  file: string,
  linkType: number,
  packets: readonly { timestampMicros: number; data: Uint8Array }[],
): void {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(linkType, 20);
  const parts: Buffer[] = [header];
  for (const packet of packets) {
    const record = Buffer.alloc(16);
    const micros = Math.round(packet.timestampMicros);
    record.writeUInt32LE(Math.floor(micros / 1e6), 0);
    record.writeUInt32LE(micros % 1e6, 4);
    record.writeUInt32LE(packet.data.length, 8);
    record.writeUInt32LE(packet.data.length, 12);
    parts.push(record, Buffer.from(packet.data));
  }
  writeFileSync(file, Buffer.concat(parts));
}

/** The IP packet of an Ethernet or Linux cooked (SLL) packet, and its EtherType. */
function ipOf(packet: CapturedPacket): { etherType: number; ip: Uint8Array } {
  if (packet.linkType === LinkType.ethernet) {
    return { etherType: (packet.data[12]! << 8) | packet.data[13]!, ip: packet.data.subarray(14) };
  }
  if (packet.linkType === LinkType.linuxSll) {
    return { etherType: (packet.data[14]! << 8) | packet.data[15]!, ip: packet.data.subarray(16) };
  }
  throw new Error(`cannot rewrite link type ${packet.linkType}`);
}

/** The same packets under another link-layer header: raw IP, BSD loopback (null) or Linux cooked v2. */
export function relinked(packets: readonly CapturedPacket[], target: 'raw' | 'null' | 'sll2') {
  return packets.map((packet) => {
    const { etherType, ip } = ipOf(packet);
    let data: Uint8Array;
    if (target === 'raw') data = ip;
    else if (target === 'null') {
      // DLT_NULL: the address family in the capturing host's byte order (little-endian here); 30 is BSD's AF_INET6.
      const family = Buffer.alloc(4);
      family.writeUInt32LE(etherType === 0x86dd ? 30 : 2, 0);
      data = Buffer.concat([family, ip]);
    } else {
      // SLL2 (tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html): protocol, reserved, ifindex, ARPHRD, type, address.
      const header = Buffer.alloc(20);
      header.writeUInt16BE(etherType, 0);
      header.writeUInt32BE(1, 4);
      header.writeUInt16BE(772, 8); // ARPHRD_LOOPBACK
      header.writeUInt8(0, 10);
      header.writeUInt8(6, 11);
      data = Buffer.concat([header, ip]);
    }
    return { timestampMicros: packet.timestampMicros, data };
  });
}
