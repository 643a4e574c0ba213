import {
  type Bilingual,
  checkUpgradeRequest,
  checkUpgradeResponse,
  concatBytes,
  type HandshakeProblem,
  type HttpMessage,
  headerValue,
  parseHttpHead,
} from '../protocol/index.ts';
import type { Endpoint, RoleEvidence, TcpConnection } from './connections.ts';
import { type DeflateParameters, negotiatedDeflate } from './deflateParameters.ts';
import { type CapturedFrame, type DirectionDecode, decodeDirection } from './directionDecoder.ts';
import { type ReassembledStream, reassembleStream } from './tcpStream.ts';
import { looksLikeTls, tlsExplanation } from './tls.ts';

type ConnectionBase = {
  readonly id: number;
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly roleEvidence: RoleEvidence;
  readonly firstPacket: number;
};

export type Handshake = {
  readonly request: HttpMessage;
  readonly response: HttpMessage | null;
  readonly problems: readonly HandshakeProblem[];
};

export type WebSocketConnection = ConnectionBase & {
  readonly kind: 'websocket';
  /**
   * 'capture': frames decoded from the bytes on the wire. 'har': frames re-encoded from the messages a
   * browser exported (no masking key, no fragmentation, no control frames: a HAR holds none of them).
   */
  readonly source: 'capture' | 'har';
  /** Null when the handshake was not captured and the user named the port. */
  readonly handshake: Handshake | null;
  readonly deflate: DeflateParameters | null;
  readonly client: Endpoint;
  readonly fromClient: DirectionDecode;
  readonly fromServer: DirectionDecode;
  /** Both directions' frames in capture order. */
  readonly timeline: readonly CapturedFrame[];
  readonly notes: readonly Bilingual[];
};

export type TlsConnection = ConnectionBase & { readonly kind: 'tls'; readonly explanation: Bilingual };

/** A TCP connection that is neither WebSocket nor TLS (plain HTTP, a database, …): counted, not decoded. */
export type OtherConnection = ConnectionBase & { readonly kind: 'other' };

export type CaptureConnection = WebSocketConnection | TlsConnection | OtherConnection;

/** The first bytes of a stream, up to `limit`, across pieces: enough to read an HTTP head. */
function streamStart(stream: ReassembledStream, limit = 64 * 1024): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  for (const piece of stream.pieces) {
    if (piece.kind === 'gap' || length >= limit) break;
    parts.push(piece.bytes);
    length += piece.bytes.length;
  }
  return concatBytes(parts);
}

const firstOffset = (stream: ReassembledStream) => stream.pieces[0]?.offset ?? 0;

function isUpgradeRequest(head: HttpMessage): boolean {
  return (
    head.startLine.startsWith('GET ') &&
    headerValue(head, 'upgrade')?.toLowerCase().includes('websocket') === true
  );
}

/** Both directions' frames by the time their last byte was captured, then by packet. */
export function inCaptureOrder(fromClient: DirectionDecode, fromServer: DirectionDecode): CapturedFrame[] {
  return [...fromClient.frames, ...fromServer.frames].sort(
    (a, b) => a.timestampMicros - b.timestampMicros || (a.packets.at(-1) ?? 0) - (b.packets.at(-1) ?? 0),
  );
}

/** What one TCP connection is, and for a WebSocket everything in it decoded. */
export function decodeConnection(connection: TcpConnection, namedPort?: number): CaptureConnection {
  const base: ConnectionBase = {
    id: connection.id,
    client: connection.client,
    server: connection.server,
    roleEvidence: connection.roleEvidence,
    firstPacket: Math.min(
      connection.clientSegments[0]?.packet ?? Number.POSITIVE_INFINITY,
      connection.serverSegments[0]?.packet ?? Number.POSITIVE_INFINITY,
    ),
  };
  const clientStream = reassembleStream(connection.clientSegments);
  const serverStream = reassembleStream(connection.serverSegments);
  const clientStart = streamStart(clientStream);
  const serverStart = streamStart(serverStream);
  if (looksLikeTls(clientStart) || looksLikeTls(serverStart)) {
    return { ...base, kind: 'tls', explanation: tlsExplanation };
  }
  const notes: Bilingual[] = [];
  const request =
    firstOffset(clientStream) === 0 && clientStream.startKnown ? parseHttpHead(clientStart) : null;
  const requestSeen = request !== null && isUpgradeRequest(request);
  const named = namedPort !== undefined && connection.server.port === namedPort;
  if (!requestSeen && !named) return { ...base, kind: 'other' };

  let handshake: Handshake | null = null;
  let deflate: DeflateParameters | null = null;
  let clientFrames: number | null = null;
  let serverFrames: number | null = null;
  if (requestSeen && request) {
    const response = firstOffset(serverStream) === 0 ? parseHttpHead(serverStart) : null;
    const problems = [...checkUpgradeRequest(request)];
    if (response)
      problems.push(...checkUpgradeResponse(response, headerValue(request, 'sec-websocket-key') ?? ''));
    handshake = { request, response, problems };
    clientFrames = request.headLength;
    if (response && / 101( |$)/.test(response.startLine)) {
      serverFrames = response.headLength;
      deflate = negotiatedDeflate(response);
    } else if (!response) {
      notes.push({
        en: 'the server’s 101 response was not captured: its frames are decoded from the first provable frame boundary',
        zh: '没有抓到服务器的 101 响应：它的帧从第一个可证明的帧边界开始解码',
      });
    } else {
      notes.push({
        en: `the server refused the upgrade (${response.startLine}): no frames follow`,
        zh: `服务器拒绝了升级（${response.startLine}）：之后没有帧`,
      });
      serverFrames = Number.POSITIVE_INFINITY;
      clientFrames = Number.POSITIVE_INFINITY;
    }
  } else {
    notes.push({
      en: `no opening handshake in this capture: decoded as WebSocket because port ${namedPort} was named; whether permessage-deflate was agreed is unknown, so RSV1 is read as compression`,
      zh: `抓包中没有开始握手：因为指定了端口 ${namedPort} 才按 WebSocket 解码；不知道是否协商了 permessage-deflate，所以 RSV1 被当作压缩标志`,
    });
  }
  const unknownExtensions = handshake === null;
  const fromClient = decodeDirection(
    clientStream,
    'client',
    clientFrames,
    deflate !== null || unknownExtensions,
  );
  const fromServer = decodeDirection(
    serverStream,
    'server',
    serverFrames,
    deflate !== null || unknownExtensions,
  );
  const timeline = [...fromClient.frames, ...fromServer.frames].sort(
    (a, b) =>
      a.timestampMicros - b.timestampMicros ||
      a.packets[a.packets.length - 1]! - b.packets[b.packets.length - 1]!,
  );
  return {
    ...base,
    kind: 'websocket',
    source: 'capture',
    handshake,
    deflate,
    fromClient,
    fromServer,
    timeline,
    notes,
  };
}
