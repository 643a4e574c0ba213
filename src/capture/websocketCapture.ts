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

/** Whether `a` was complete before `b`: by the time its last byte was captured, then by packet. */
const before = (a: CapturedFrame, b: CapturedFrame) =>
  a.timestampMicros < b.timestampMicros ||
  (a.timestampMicros === b.timestampMicros && (a.packets.at(-1) ?? 0) <= (b.packets.at(-1) ?? 0));

/**
 * Both directions' frames in capture order: a merge, so each direction keeps its stream order (a frame never
 * passes the one sent before it, even when a retransmission gave it an earlier timestamp), and neither
 * direction is held whole. On a tie the client's frame comes first.
 */
export function* mergeInCaptureOrder(
  fromClient: Iterable<CapturedFrame>,
  fromServer: Iterable<CapturedFrame>,
): Generator<CapturedFrame, void, undefined> {
  const client = fromClient[Symbol.iterator]();
  const server = fromServer[Symbol.iterator]();
  let a = client.next();
  let b = server.next();
  while (!a.done || !b.done) {
    if (b.done || (!a.done && before(a.value, b.value))) {
      yield a.value as CapturedFrame;
      a = client.next();
    } else {
      yield b.value;
      b = server.next();
    }
  }
}

/** Both directions' decoded frames in capture order. */
export function inCaptureOrder(fromClient: DirectionDecode, fromServer: DirectionDecode): CapturedFrame[] {
  return [...mergeInCaptureOrder(fromClient.frames, fromServer.frames)];
}

/**
 * What one TCP connection is and, for a WebSocket, where each direction's frames start: everything but the
 * frames themselves, which `decodeConnection` decodes whole and the frame index one at a time.
 */
export type ConnectionPlan =
  | TlsConnection
  | OtherConnection
  | {
      readonly kind: 'websocket-plan';
      readonly base: ConnectionBase;
      readonly handshake: Handshake | null;
      readonly deflate: DeflateParameters | null;
      readonly clientStream: ReassembledStream;
      readonly serverStream: ReassembledStream;
      /** Where each direction's frames start; null: at the first provable frame boundary. */
      readonly clientFrames: number | null;
      readonly serverFrames: number | null;
      /** RSV1 read as compression: agreed in the handshake, or the handshake is missing. */
      readonly perMessageDeflate: boolean;
      readonly notes: readonly Bilingual[];
    };

export function planConnection(connection: TcpConnection, namedPort?: number): ConnectionPlan {
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
  return {
    kind: 'websocket-plan',
    base,
    handshake,
    deflate,
    clientStream,
    serverStream,
    clientFrames,
    serverFrames,
    perMessageDeflate: deflate !== null || handshake === null,
    notes,
  };
}

/** What one TCP connection is, and for a WebSocket everything in it decoded. */
export function decodeConnection(connection: TcpConnection, namedPort?: number): CaptureConnection {
  const plan = planConnection(connection, namedPort);
  if (plan.kind !== 'websocket-plan') return plan;
  const fromClient = decodeDirection(plan.clientStream, 'client', plan.clientFrames, plan.perMessageDeflate);
  const fromServer = decodeDirection(plan.serverStream, 'server', plan.serverFrames, plan.perMessageDeflate);
  return {
    ...plan.base,
    kind: 'websocket',
    source: 'capture',
    handshake: plan.handshake,
    deflate: plan.deflate,
    fromClient,
    fromServer,
    timeline: inCaptureOrder(fromClient, fromServer),
    notes: plan.notes,
  };
}
