import { type CaptureFile, readCaptureFile } from './captureFile.ts';
import { type TcpConnection, tcpConnections } from './connections.ts';
import { networkPacket } from './linkLayer.ts';
import { type CaptureProblem, captureProblem } from './problems.ts';
import { type TcpSegment, tcpSegment } from './tcpSegment.ts';
import { type CaptureConnection, decodeConnection } from './websocketCapture.ts';

export type CaptureOptions = {
  /** A server port to decode as WebSocket even without a captured handshake. */
  readonly port?: number;
};

export type DecodedCapture = {
  readonly format: CaptureFile['format'] | 'har';
  readonly packets: number;
  readonly interfaces: CaptureFile['interfaces'];
  readonly connections: readonly CaptureConnection[];
  readonly problems: readonly CaptureProblem[];
};

const linkTypeNamesForProblems = (linkType: number) => `link type ${linkType}`;

/**
 * A capture file to WebSocket connections: packets → IP → TCP segments → connections → reassembled
 * streams → handshake and frames, decoded by the protocol core. Pure and synchronous (inflating compressed
 * messages is `inflateCapture`'s job, with the platform's inflater); never throws on bad input.
 */
export function decodeCapture(bytes: Uint8Array, options: CaptureOptions = {}): DecodedCapture {
  const { file, connections, problems } = captureTcpConnections(bytes, options);
  return {
    format: file.format,
    packets: file.packets.length,
    interfaces: file.interfaces,
    connections: connections.map((connection) => decodeConnection(connection, options.port)),
    problems,
  };
}

/** The first half of `decodeCapture`: a file's TCP connections, their segments still whole. */
export function captureTcpConnections(
  bytes: Uint8Array,
  options: CaptureOptions = {},
): { file: CaptureFile; connections: TcpConnection[]; problems: CaptureProblem[] } {
  const file = readCaptureFile(bytes);
  const problems: CaptureProblem[] = [...file.problems];
  const segments: TcpSegment[] = [];
  const unsupported = new Set<number>();
  let fragments = 0;
  let snapped = 0;
  for (const packet of file.packets) {
    const ip = networkPacket(packet.linkType, packet.data);
    if (ip === 'unsupported') {
      if (!unsupported.has(packet.linkType)) {
        unsupported.add(packet.linkType);
        problems.push(
          captureProblem(
            'unsupported-link-type',
            `${linkTypeNamesForProblems(packet.linkType)} is not read (Ethernet, Linux cooked SLL/SLL2, raw IP and loopback are): its packets were skipped`,
            `不支持链路类型 ${packet.linkType}（支持以太网、Linux cooked SLL/SLL2、原始 IP 和环回）：跳过了它的数据包`,
            packet.number,
          ),
        );
      }
      continue;
    }
    if (ip === 'not-ip') continue;
    const segment = tcpSegment(packet, ip);
    if (segment === 'not-tcp') continue;
    if (segment === 'fragment') {
      fragments++;
      continue;
    }
    if (segment === 'malformed') {
      problems.push(
        captureProblem(
          'malformed-packet',
          'the IP or TCP header is shorter than its own length field says',
          'IP 或 TCP 头比它自己的长度字段说的要短',
          packet.number,
        ),
      );
      continue;
    }
    if (segment.snapped) snapped++;
    segments.push(segment);
  }
  if (fragments > 0) {
    problems.push(
      captureProblem(
        'ip-fragment',
        `${fragments} IP fragments were skipped: TCP over IP fragments is not reassembled`,
        `跳过了 ${fragments} 个 IP 分片：不重组分片的 IP 上的 TCP`,
      ),
    );
  }
  if (snapped > 0) {
    problems.push(
      captureProblem(
        'snapped-packet',
        `${snapped} packets were cut by the capture’s snapshot length: their missing bytes are gaps (capture with -s 0)`,
        `${snapped} 个数据包被抓包的快照长度截断：缺失的字节显示为空洞（抓包时用 -s 0）`,
      ),
    );
  }
  return { file, connections: tcpConnections(segments, options.port), problems };
}
