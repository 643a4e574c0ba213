import {
  type Bilingual,
  base64Decode,
  checkUpgradeResponse,
  encodeFrame,
  type HttpMessage,
  parseHttpHead,
  type Sender,
} from '../protocol/index.ts';
import type { DecodedCapture } from './decodeCapture.ts';
import { decodeDirection } from './directionDecoder.ts';
import { captureProblem } from './problems.ts';
import type { ReassembledStream, StreamPiece } from './tcpStream.ts';
import { inCaptureOrder, type WebSocketConnection } from './websocketCapture.ts';

type HarHeader = { name?: unknown; value?: unknown };
/** One message as Chrome (and HTTP Toolkit, mitmproxy, Playwright) export it in `_webSocketMessages`. */
type HarMessage = { type?: unknown; time?: unknown; opcode?: unknown; data?: unknown };
type HarEntry = {
  _resourceType?: unknown;
  startedDateTime?: unknown;
  request?: { method?: unknown; url?: unknown; httpVersion?: unknown; headers?: HarHeader[] };
  response?: { status?: unknown; statusText?: unknown; httpVersion?: unknown; headers?: HarHeader[] };
  _webSocketMessages?: HarMessage[];
};

export const reconstructedNote: Bilingual = {
  en: 'reconstructed from a HAR: the browser exported messages, not bytes, so each frame here was re-encoded from one message, whole (no fragmentation seen), unmasked (the masking key was never exported), and uncompressed; pings, pongs and the close are not in a HAR',
  zh: '由 HAR 重建：浏览器导出的是消息而不是字节，所以这里每个帧都是由一条消息重新编码的：完整（看不到分片）、不掩码（掩码密钥从未导出）、不压缩；HAR 中也没有 ping、pong 和关闭帧',
};

const noMessagesNote: Bilingual = {
  en: 'this HAR entry has the handshake but no messages: Firefox’s HAR export leaves WebSocket messages out (Chrome’s keeps them in _webSocketMessages)',
  zh: '这个 HAR 条目只有握手，没有消息：Firefox 导出的 HAR 不包含 WebSocket 消息（Chrome 的会放在 _webSocketMessages 中）',
};

const headerLines = (headers: HarHeader[] | undefined) =>
  (headers ?? [])
    .filter((h) => typeof h.name === 'string' && !h.name.startsWith(':'))
    .map((h) => `${String(h.name)}: ${String(h.value ?? '')}\r\n`)
    .join('');

function isWebSocketEntry(entry: HarEntry): boolean {
  if (entry._resourceType === 'websocket' || Array.isArray(entry._webSocketMessages)) return true;
  if (entry.response?.status === 101) return true;
  return (entry.request?.headers ?? []).some(
    (h) => String(h.name).toLowerCase() === 'upgrade' && String(h.value).toLowerCase() === 'websocket',
  );
}

/** Seconds since the epoch (Chrome) or milliseconds (Playwright): told apart by size. */
function messageMicros(time: unknown, fallback: number): number {
  if (typeof time !== 'number' || time < 0) return fallback;
  return time > 1e11 ? time * 1000 : time * 1e6;
}

function messageBytes(message: HarMessage): Uint8Array | null {
  const data = typeof message.data === 'string' ? message.data : '';
  if (message.opcode === 2) return base64Decode(data);
  return new TextEncoder().encode(data);
}

/**
 * A HAR file's WebSocket entries as connections like a capture's: the upgrade request and response from
 * the entry, and frames re-encoded from `_webSocketMessages`, decoded by the same core and marked
 * `source: 'har'`. Never throws: a file that is not HAR JSON is a problem in the result.
 */
export function decodeHar(text: string): DecodedCapture {
  let entries: HarEntry[];
  try {
    const parsed = JSON.parse(text) as { log?: { entries?: HarEntry[] } };
    if (!Array.isArray(parsed.log?.entries)) throw new Error('no log.entries');
    entries = parsed.log.entries;
  } catch {
    return {
      format: 'har',
      packets: 0,
      interfaces: [],
      connections: [],
      problems: [
        captureProblem(
          'not-a-capture',
          'not a HAR file: no JSON with log.entries',
          '不是 HAR 文件：没有包含 log.entries 的 JSON',
        ),
      ],
    };
  }
  const connections: WebSocketConnection[] = [];
  for (const entry of entries.filter(isWebSocketEntry)) {
    connections.push(harConnection(entry, connections.length));
  }
  return { format: 'har', packets: 0, interfaces: [], connections, problems: [] };
}

/** scheme://host:port/path?query, without the platform's URL (the core has no DOM and no Node). */
function splitUrl(url: string): { host: string; port: number; path: string } {
  const match = /^(\w+):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^#]*)/.exec(url);
  if (!match) return { host: 'unknown', port: 0, path: '/' };
  const secure = match[1] === 'wss' || match[1] === 'https';
  return {
    host: match[2]!.replace(/^\[|\]$/g, ''),
    port: Number(match[3]) || (secure ? 443 : 80),
    path: match[4] || '/',
  };
}

function harConnection(entry: HarEntry, id: number): WebSocketConnection {
  const url = splitUrl(String(entry.request?.url ?? ''));
  const requestHead = `GET ${url.path} HTTP/1.1\r\n${headerLines(entry.request?.headers)}\r\n`;
  const request = parseHttpHead(requestHead) as HttpMessage;
  const status = typeof entry.response?.status === 'number' ? entry.response.status : 0;
  const response =
    status > 0
      ? parseHttpHead(
          `HTTP/1.1 ${status} ${String(entry.response?.statusText ?? '')}\r\n${headerLines(entry.response?.headers)}\r\n`,
        )
      : null;
  const started = Date.parse(String(entry.startedDateTime ?? '')) * 1000 || 0;
  const pieces: Record<Sender, Extract<StreamPiece, { kind: 'data' }>[]> = { client: [], server: [] };
  const offsets: Record<Sender, number> = { client: 0, server: 0 };
  const messages = entry._webSocketMessages ?? [];
  messages.forEach((message, index) => {
    const sender: Sender = message.type === 'send' ? 'client' : 'server';
    const payload = messageBytes(message);
    if (payload === null || (message.opcode !== 1 && message.opcode !== 2)) return;
    const bytes = encodeFrame({ opcode: message.opcode, payload });
    pieces[sender].push({
      kind: 'data',
      offset: offsets[sender],
      bytes,
      packet: index + 1,
      timestampMicros: messageMicros(message.time, started),
    });
    offsets[sender] += bytes.length;
  });
  const stream = (sender: Sender): ReassembledStream => ({
    pieces: pieces[sender],
    startKnown: true,
    retransmissions: 0,
    overlaps: 0,
    missingBytes: 0,
  });
  const fromClient = decodeDirection(stream('client'), 'client', 0, false, false);
  const fromServer = decodeDirection(stream('server'), 'server', 0, false, false);
  const notes = [reconstructedNote];
  if (messages.length === 0) notes.push(noMessagesNote);
  return {
    id,
    kind: 'websocket',
    source: 'har',
    client: { address: 'browser', port: 0 },
    server: { address: url.host, port: url.port },
    roleEvidence: 'http-request',
    firstPacket: 0,
    handshake: { request, response, problems: response ? checkUpgradeResponse(response) : [] },
    deflate: null,
    fromClient,
    fromServer,
    timeline: inCaptureOrder(fromClient, fromServer),
    notes,
  };
}
