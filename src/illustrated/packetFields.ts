import { readUint16, readUint32 } from '../capture/linkLayer.ts';
import type { TcpSegment } from '../capture/tcpSegment.ts';
import { toHex } from '../protocol/index.ts';
import type { ByteField, ColourKind, FieldGroup } from './byteFields.ts';
import { both, type IllustratedStrings } from './strings.ts';

type FieldWords = IllustratedStrings['fields'];
/** The field names whose label is a plain word (not made from a value). */
type HeaderFieldName = {
  [K in keyof FieldWords]: FieldWords[K] extends string ? K : never;
}[keyof FieldWords];

type Spec = {
  readonly at: number;
  readonly length: number;
  readonly name: HeaderFieldName;
  readonly value: string;
  readonly meaning: Parameters<typeof both>[0];
};

function group(
  kind: ColourKind,
  title: Parameters<typeof both>[0],
  base: number,
  specs: readonly Spec[],
): FieldGroup {
  const fields: ByteField[] = specs.map((spec) => ({
    offset: base + spec.at,
    length: spec.length,
    kind,
    label: both((s) => s.fields[spec.name]),
    value: spec.value,
    meaning: both(spec.meaning),
  }));
  return { title: both(title), fields };
}

const mac = (bytes: Uint8Array) => toHex(bytes, ':');

/**
 * The Ethernet II, IPv4 and TCP headers of one synthesized packet (a SYN, an ACK, a FIN: no payload), laid
 * out by RFC 791 and RFC 9293; ports, sequence numbers, flags and addresses are the capture decoder's
 * (src/capture/tcpSegment.ts) reading of the packet.
 */
export function packetHeaderGroups(data: Uint8Array, segment: TcpSegment, fromClient: boolean): FieldGroup[] {
  const ipStart = 14;
  const ihl = (data[ipStart]! & 0x0f) * 4;
  const tcpStart = ipStart + ihl;
  const ip = data.subarray(ipStart);
  const tcp = data.subarray(tcpStart);
  const ackNumber = readUint32(tcp, 8);
  const flagNames = (['syn', 'ack', 'fin', 'psh'] as const).filter((flag) =>
    flag === 'psh' ? (tcp[13]! & 0x08) !== 0 : segment[flag],
  );
  const sender = fromClient ? 'client' : 'server';
  const receiver = fromClient ? 'server' : 'client';
  return [
    group('ethernet', (s) => s.groups.ethernet, 0, [
      {
        at: 0,
        length: 6,
        name: 'destinationMac',
        value: mac(data.subarray(0, 6)),
        meaning: (s) => s.meanings.destinationMac,
      },
      {
        at: 6,
        length: 6,
        name: 'sourceMac',
        value: mac(data.subarray(6, 12)),
        meaning: (s) => s.meanings.sourceMac,
      },
      {
        at: 12,
        length: 2,
        name: 'etherType',
        value: `0x${toHex(data.subarray(12, 14))}`,
        meaning: (s) => s.meanings.etherType(`0x${toHex(data.subarray(12, 14))}`),
      },
    ]),
    group('ip', (s) => s.groups.ipv4, ipStart, [
      {
        at: 0,
        length: 1,
        name: 'versionIhl',
        value: `4, ${ihl}`,
        meaning: (s) => s.meanings.versionIhl(ihl),
      },
      { at: 1, length: 1, name: 'dscp', value: String(ip[1]), meaning: (s) => s.meanings.dscp },
      {
        at: 2,
        length: 2,
        name: 'totalLength',
        value: String(readUint16(ip, 2)),
        meaning: (s) => s.meanings.totalLength(readUint16(ip, 2)),
      },
      {
        at: 4,
        length: 2,
        name: 'identification',
        value: String(readUint16(ip, 4)),
        meaning: (s) => s.meanings.identification(readUint16(ip, 4)),
      },
      {
        at: 6,
        length: 2,
        name: 'flagsFragment',
        value: `0x${toHex(ip.subarray(6, 8))}`,
        meaning: (s) => s.meanings.flagsFragment,
      },
      { at: 8, length: 1, name: 'ttl', value: String(ip[8]), meaning: (s) => s.meanings.ttl(ip[8]!) },
      {
        at: 9,
        length: 1,
        name: 'protocol',
        value: String(ip[9]),
        meaning: (s) => s.meanings.protocol(ip[9]!),
      },
      {
        at: 10,
        length: 2,
        name: 'ipChecksum',
        value: `0x${toHex(ip.subarray(10, 12))}`,
        meaning: (s) => s.meanings.ipChecksum,
      },
      {
        at: 12,
        length: 4,
        name: 'sourceAddress',
        value: segment.source,
        meaning: (s) => s.meanings.sourceAddress(segment.source),
      },
      {
        at: 16,
        length: 4,
        name: 'destinationAddress',
        value: segment.destination,
        meaning: (s) => s.meanings.destinationAddress(segment.destination),
      },
    ]),
    group('tcp', (s) => s.groups.tcp, tcpStart, [
      {
        at: 0,
        length: 2,
        name: 'sourcePort',
        value: String(segment.sourcePort),
        meaning: (s) => s.meanings.sourcePort(segment.sourcePort, s.roles[sender]),
      },
      {
        at: 2,
        length: 2,
        name: 'destinationPort',
        value: String(segment.destinationPort),
        meaning: (s) => s.meanings.destinationPort(segment.destinationPort, s.roles[receiver]),
      },
      {
        at: 4,
        length: 4,
        name: 'sequence',
        value: String(segment.seq),
        meaning: (s) => s.meanings.sequence(segment.seq),
      },
      {
        at: 8,
        length: 4,
        name: 'acknowledgement',
        value: String(ackNumber),
        meaning: (s) => s.meanings.acknowledgement(ackNumber, segment.ack),
      },
      {
        at: 12,
        length: 1,
        name: 'dataOffset',
        value: String((tcp[12]! >> 4) * 4),
        meaning: (s) => s.meanings.dataOffset((tcp[12]! >> 4) * 4),
      },
      {
        at: 13,
        length: 1,
        name: 'tcpFlags',
        value: flagNames.map((flag) => flag.toUpperCase()).join(', '),
        meaning: (s) => s.meanings.tcpFlags(flagNames.map((flag) => s.tcpFlagNames[flag]).join(' + ')),
      },
      {
        at: 14,
        length: 2,
        name: 'window',
        value: String(readUint16(tcp, 14)),
        meaning: (s) => s.meanings.window(readUint16(tcp, 14)),
      },
      {
        at: 16,
        length: 2,
        name: 'tcpChecksum',
        value: `0x${toHex(tcp.subarray(16, 18))}`,
        meaning: (s) => s.meanings.tcpChecksum,
      },
      {
        at: 18,
        length: 2,
        name: 'urgent',
        value: String(readUint16(tcp, 18)),
        meaning: (s) => s.meanings.urgent,
      },
    ]),
  ];
}
