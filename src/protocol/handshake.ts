import { base64Decode, base64Encode } from './base64.ts';
import { toHex } from './hex.ts';
import type { Bilingual } from './i18n.ts';
import { sha1, sha1Pad } from './sha1.ts';

/** RFC 6455 §1.3: the GUID every server appends to the client's key. */
export const websocketGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export type AcceptKeySteps = {
  readonly key: string;
  readonly guid: string;
  /** key + GUID, the string that is hashed. */
  readonly concatenated: string;
  /** Its bytes after SHA-1 padding, in hex (one 64-byte block per line), for the slide that shows it. */
  readonly paddedBlocksHex: readonly string[];
  readonly sha1Hex: string;
  readonly sha1Bytes: Uint8Array;
  /** base64 of the 20 SHA-1 bytes: the Sec-WebSocket-Accept value. */
  readonly accept: string;
};

const encoder = new TextEncoder();

/** Sec-WebSocket-Accept with every intermediate step, computed without crypto.subtle. */
export function acceptKeySteps(key: string): AcceptKeySteps {
  const concatenated = key + websocketGuid;
  const message = encoder.encode(concatenated);
  const padded = sha1Pad(message);
  const paddedBlocksHex: string[] = [];
  for (let i = 0; i < padded.length; i += 64) paddedBlocksHex.push(toHex(padded.subarray(i, i + 64), ' '));
  const digest = sha1(message);
  return {
    key,
    guid: websocketGuid,
    concatenated,
    paddedBlocksHex,
    sha1Hex: toHex(digest),
    sha1Bytes: digest,
    accept: base64Encode(digest),
  };
}

export function acceptKey(key: string): string {
  return base64Encode(sha1(encoder.encode(key + websocketGuid)));
}

export type HttpHeader = {
  readonly name: string;
  readonly value: string /** The line exactly as sent. */;
  readonly raw: string;
};

export type HttpMessage = {
  readonly startLine: string;
  readonly headers: readonly HttpHeader[];
  /** Bytes of the head, up to and including the blank line. */
  readonly headLength: number;
  /** Anything after the head (frames that came in the same read). */
  readonly rest: Uint8Array;
};

export type HandshakeProblem = {
  readonly rule:
    | 'incomplete'
    | 'not-get'
    | 'http-version'
    | 'missing-host'
    | 'missing-upgrade'
    | 'missing-connection-upgrade'
    | 'wrong-version'
    | 'missing-key'
    | 'bad-key-length'
    | 'not-101'
    | 'missing-accept'
    | 'wrong-accept';
  readonly header?: string;
  readonly message: Bilingual;
};

/** Splits an HTTP/1.1 head into its lines; null when the blank line that ends it has not arrived. */
export function parseHttpHead(input: Uint8Array | string): HttpMessage | null {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  let end = -1;
  for (let i = 3; i < bytes.length; i++) {
    if (bytes[i] === 10 && bytes[i - 1] === 13 && bytes[i - 2] === 10 && bytes[i - 3] === 13) {
      end = i + 1;
      break;
    }
  }
  if (end < 0) return null;
  // Header bytes are ISO-8859-1 on the wire (RFC 9110 §5.5), so read them one byte per character.
  let head = '';
  for (let i = 0; i < end - 4; i++) head += String.fromCharCode(bytes[i]!);
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers = lines.map((raw) => {
    const colon = raw.indexOf(':');
    return colon < 0
      ? { name: raw.trim(), value: '', raw }
      : { name: raw.slice(0, colon).trim(), value: raw.slice(colon + 1).trim(), raw };
  });
  return { startLine, headers, headLength: end, rest: bytes.subarray(end) };
}

export function headerValue(message: HttpMessage, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return message.headers.find((header) => header.name.toLowerCase() === wanted)?.value;
}

function hasToken(value: string | undefined, token: string): boolean {
  return value?.split(',').some((part) => part.trim().toLowerCase() === token) ?? false;
}

function problem(rule: HandshakeProblem['rule'], en: string, zh: string, header?: string): HandshakeProblem {
  return header ? { rule, header, message: { en, zh } } : { rule, message: { en, zh } };
}

/** RFC 6455 §4.1 and §4.2.1: both sides of the handshake must say Upgrade: websocket, Connection: Upgrade. */
function upgradeHeaderProblems(message: HttpMessage): HandshakeProblem[] {
  const problems: HandshakeProblem[] = [];
  if (!hasToken(headerValue(message, 'upgrade'), 'websocket')) {
    problems.push(
      problem('missing-upgrade', 'Upgrade must name websocket', 'Upgrade 头必须是 websocket', 'Upgrade'),
    );
  }
  if (!hasToken(headerValue(message, 'connection'), 'upgrade')) {
    problems.push(
      problem(
        'missing-connection-upgrade',
        'Connection must include Upgrade',
        'Connection 头必须包含 Upgrade',
        'Connection',
      ),
    );
  }
  return problems;
}

/** RFC 6455 §4.2.1: what a server checks in the client's opening handshake. */
export function checkUpgradeRequest(message: HttpMessage | null): HandshakeProblem[] {
  if (!message)
    return [
      problem('incomplete', 'the request head has not ended (no blank line)', '请求头还没有结束（没有空行）'),
    ];
  const problems: HandshakeProblem[] = [];
  const [method, , version] = message.startLine.split(' ');
  if (method !== 'GET')
    problems.push(
      problem(
        'not-get',
        `method is ${method ?? 'missing'}, not GET`,
        `请求方法是 ${method ?? '空'}，不是 GET`,
      ),
    );
  if (version !== 'HTTP/1.1') {
    problems.push(
      problem(
        'http-version',
        `${version ?? 'no version'}: HTTP/1.1 is required`,
        `${version ?? '没有版本'}：需要 HTTP/1.1`,
      ),
    );
  }
  if (headerValue(message, 'host') === undefined)
    problems.push(problem('missing-host', 'no Host header', '缺少 Host 头', 'Host'));
  problems.push(...upgradeHeaderProblems(message));
  const wsVersion = headerValue(message, 'sec-websocket-version');
  if (wsVersion !== '13') {
    problems.push(
      problem(
        'wrong-version',
        `Sec-WebSocket-Version is ${wsVersion ?? 'missing'}, must be 13`,
        `Sec-WebSocket-Version 是 ${wsVersion ?? '空'}，必须是 13`,
        'Sec-WebSocket-Version',
      ),
    );
  }
  const key = headerValue(message, 'sec-websocket-key');
  if (key === undefined) {
    problems.push(
      problem('missing-key', 'no Sec-WebSocket-Key', '缺少 Sec-WebSocket-Key', 'Sec-WebSocket-Key'),
    );
  } else {
    const decoded = base64Decode(key);
    if (decoded?.length !== 16) {
      problems.push(
        problem(
          'bad-key-length',
          `Sec-WebSocket-Key must be base64 of 16 bytes, got ${decoded ? `${decoded.length} bytes` : 'no valid base64'}`,
          `Sec-WebSocket-Key 必须是 16 字节的 base64，实际是${decoded ? ` ${decoded.length} 字节` : '非法 base64'}`,
          'Sec-WebSocket-Key',
        ),
      );
    }
  }
  return problems;
}

/** RFC 6455 §4.1: what a client checks in the server's answer, given the key it sent. */
export function checkUpgradeResponse(message: HttpMessage | null, sentKey?: string): HandshakeProblem[] {
  if (!message)
    return [
      problem(
        'incomplete',
        'the response head has not ended (no blank line)',
        '响应头还没有结束（没有空行）',
      ),
    ];
  const problems: HandshakeProblem[] = [];
  const status = message.startLine.split(' ')[1];
  if (status !== '101')
    problems.push(
      problem('not-101', `status ${status ?? 'missing'}, not 101`, `状态码是 ${status ?? '空'}，不是 101`),
    );
  problems.push(...upgradeHeaderProblems(message));
  const accept = headerValue(message, 'sec-websocket-accept');
  if (accept === undefined) {
    problems.push(
      problem(
        'missing-accept',
        'no Sec-WebSocket-Accept',
        '缺少 Sec-WebSocket-Accept',
        'Sec-WebSocket-Accept',
      ),
    );
  } else if (sentKey !== undefined) {
    const expected = acceptKey(sentKey);
    if (accept !== expected) {
      problems.push(
        problem(
          'wrong-accept',
          `Sec-WebSocket-Accept is ${accept}, expected ${expected}`,
          `Sec-WebSocket-Accept 是 ${accept}，应该是 ${expected}`,
          'Sec-WebSocket-Accept',
        ),
      );
    }
  }
  return problems;
}
