import { readUint16, readUint32 } from '../capture/linkLayer.ts';
import type { TcpSegment } from '../capture/tcpSegment.ts';
import { type Bilingual, toHex } from '../protocol/index.ts';
import type { ByteField, ColourKind, FieldGroup } from './byteFields.ts';
import { inBoth, type PlainKeyUnder, strings, t } from './strings.ts';

/** The field names whose label is a plain word (not made from a value): `field.<name>`. */
type HeaderFieldName = PlainKeyUnder<'field.'> extends `field.${infer Name}` ? Name : never;

type Spec = {
  readonly at: number;
  readonly length: number;
  readonly name: HeaderFieldName;
  readonly value: string;
  readonly meaning: Bilingual;
};

function group(
  kind: ColourKind,
  title: PlainKeyUnder<'group.'>,
  base: number,
  specs: readonly Spec[],
): FieldGroup {
  const fields: ByteField[] = specs.map((spec) => ({
    offset: base + spec.at,
    length: spec.length,
    kind,
    label: strings.both(`field.${spec.name}`),
    value: spec.value,
    meaning: spec.meaning,
  }));
  return { title: strings.both(title), fields };
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
    group('ethernet', 'group.ethernet', 0, [
      {
        at: 0,
        length: 6,
        name: 'destinationMac',
        value: mac(data.subarray(0, 6)),
        meaning: strings.both('meaning.destinationMac'),
      },
      {
        at: 6,
        length: 6,
        name: 'sourceMac',
        value: mac(data.subarray(6, 12)),
        meaning: strings.both('meaning.sourceMac'),
      },
      {
        at: 12,
        length: 2,
        name: 'etherType',
        value: `0x${toHex(data.subarray(12, 14))}`,
        meaning: strings.both('meaning.etherType', { hex: `0x${toHex(data.subarray(12, 14))}` }),
      },
    ]),
    group('ip', 'group.ipv4', ipStart, [
      {
        at: 0,
        length: 1,
        name: 'versionIhl',
        value: `4, ${ihl}`,
        meaning: strings.both('meaning.versionIhl', { ihl }),
      },
      { at: 1, length: 1, name: 'dscp', value: String(ip[1]), meaning: strings.both('meaning.dscp') },
      {
        at: 2,
        length: 2,
        name: 'totalLength',
        value: String(readUint16(ip, 2)),
        meaning: strings.both('meaning.totalLength', { n: readUint16(ip, 2) }),
      },
      {
        at: 4,
        length: 2,
        name: 'identification',
        value: String(readUint16(ip, 4)),
        meaning: strings.both('meaning.identification', { n: readUint16(ip, 4) }),
      },
      {
        at: 6,
        length: 2,
        name: 'flagsFragment',
        value: `0x${toHex(ip.subarray(6, 8))}`,
        meaning: strings.both('meaning.flagsFragment'),
      },
      {
        at: 8,
        length: 1,
        name: 'ttl',
        value: String(ip[8]),
        meaning: strings.both('meaning.ttl', { n: ip[8]! }),
      },
      {
        at: 9,
        length: 1,
        name: 'protocol',
        value: String(ip[9]),
        meaning: strings.both('meaning.protocol', { n: ip[9]! }),
      },
      {
        at: 10,
        length: 2,
        name: 'ipChecksum',
        value: `0x${toHex(ip.subarray(10, 12))}`,
        meaning: strings.both('meaning.ipChecksum'),
      },
      {
        at: 12,
        length: 4,
        name: 'sourceAddress',
        value: segment.source,
        meaning: strings.both('meaning.sourceAddress', { address: segment.source }),
      },
      {
        at: 16,
        length: 4,
        name: 'destinationAddress',
        value: segment.destination,
        meaning: strings.both('meaning.destinationAddress', { address: segment.destination }),
      },
    ]),
    group('tcp', 'group.tcp', tcpStart, [
      {
        at: 0,
        length: 2,
        name: 'sourcePort',
        value: String(segment.sourcePort),
        meaning: inBoth((lang) =>
          t(lang, 'meaning.sourcePort', { port: segment.sourcePort, role: t(lang, `role.${sender}`) }),
        ),
      },
      {
        at: 2,
        length: 2,
        name: 'destinationPort',
        value: String(segment.destinationPort),
        meaning: inBoth((lang) =>
          t(lang, 'meaning.destinationPort', {
            port: segment.destinationPort,
            role: t(lang, `role.${receiver}`),
          }),
        ),
      },
      {
        at: 4,
        length: 4,
        name: 'sequence',
        value: String(segment.seq),
        meaning: strings.both('meaning.sequence', { n: segment.seq }),
      },
      {
        at: 8,
        length: 4,
        name: 'acknowledgement',
        value: String(ackNumber),
        meaning: strings.both(segment.ack ? 'meaning.acknowledgement' : 'meaning.acknowledgementUnused', {
          n: ackNumber,
        }),
      },
      {
        at: 12,
        length: 1,
        name: 'dataOffset',
        value: String((tcp[12]! >> 4) * 4),
        meaning: strings.both('meaning.dataOffset', { n: (tcp[12]! >> 4) * 4 }),
      },
      {
        at: 13,
        length: 1,
        name: 'tcpFlags',
        value: flagNames.map((flag) => flag.toUpperCase()).join(', '),
        meaning: inBoth((lang) =>
          t(lang, 'meaning.tcpFlags', {
            names: flagNames.map((flag) => t(lang, `tcpFlag.${flag}`)).join(' + '),
          }),
        ),
      },
      {
        at: 14,
        length: 2,
        name: 'window',
        value: String(readUint16(tcp, 14)),
        meaning: strings.both('meaning.window', { n: readUint16(tcp, 14) }),
      },
      {
        at: 16,
        length: 2,
        name: 'tcpChecksum',
        value: `0x${toHex(tcp.subarray(16, 18))}`,
        meaning: strings.both('meaning.tcpChecksum'),
      },
      {
        at: 18,
        length: 2,
        name: 'urgent',
        value: String(readUint16(tcp, 18)),
        meaning: strings.both('meaning.urgent'),
      },
    ]),
  ];
}
