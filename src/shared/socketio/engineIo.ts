import { type Bilingual, base64Decode, bilingual, decodeUtf8Lenient } from '../../protocol/index.ts';

/**
 * Engine.IO protocol v4 (socket.io's transport layer, what its `EIO=4` query parameter names). Every
 * packet is a type digit and its data; it rides inside a WebSocket message or, in long polling, inside
 * an HTTP body where several packets are joined by the record separator 0x1E.
 */
export const engineIoTypes = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;

export type EngineIoTypeName = (typeof engineIoTypes)[number];

export type EngineIoPacket = {
  /** 0–6, or null when the first character is no packet type. */
  readonly type: number | null;
  readonly name: EngineIoTypeName | null;
  /** The digit as sent (`4` of `42["echo"]`); empty for a binary packet, which has none over WebSocket. */
  readonly typeText: string;
  /** What follows the type: text, or bytes for a binary message. */
  readonly data: string | Uint8Array;
  /** True when the bytes came in a binary WebSocket frame, or as `b<base64>` in a polling body. */
  readonly binary: boolean;
  /** The `open` packet's handshake, parsed. */
  readonly open?: EngineIoOpen;
  readonly problem?: Bilingual;
};

/** What the server says in its `open` packet: its session id, the upgrades it offers, its heartbeat. */
export type EngineIoOpen = {
  readonly sid: string;
  readonly upgrades: readonly string[];
  readonly pingInterval: number;
  readonly pingTimeout: number;
  readonly maxPayload: number;
};

/** One packet from a WebSocket message: a text message is type + data, a binary one is a message's bytes. */
export function decodeEngineIoPacket(message: string | Uint8Array): EngineIoPacket {
  if (typeof message !== 'string') {
    // Engine.IO v4 over WebSocket: a binary frame is a `message` packet, with no type byte in front.
    return { type: 4, name: 'message', typeText: '', data: message, binary: true };
  }
  return decodeTextPacket(message);
}

/** A long-polling body: packets joined by the record separator (v4; v3 used length prefixes instead). */
export const recordSeparator = '\u001e';

export function decodeEngineIoPayload(body: string | Uint8Array): EngineIoPacket[] {
  const text = typeof body === 'string' ? body : decodeUtf8Lenient(body);
  if (text.length === 0) return [];
  return text.split(recordSeparator).map((part) => {
    if (!part.startsWith('b')) return decodeTextPacket(part);
    // A binary message in a text body: `b` and the bytes in base64.
    const bytes = base64Decode(part.slice(1));
    if (bytes) return { type: 4, name: 'message', typeText: 'b', data: bytes, binary: true };
    return { ...decodeTextPacket(part), problem: bilingual('b… is not base64', 'b… 后面不是 base64') };
  });
}

function decodeTextPacket(text: string): EngineIoPacket {
  const typeText = text.slice(0, 1);
  const type = /^[0-6]$/.test(typeText) ? Number(typeText) : null;
  const name = type === null ? null : (engineIoTypes[type] ?? null);
  const data = type === null ? text : text.slice(1);
  if (type === null) {
    return {
      type,
      name,
      typeText,
      data,
      binary: false,
      problem: bilingual(
        `"${typeText}" is no Engine.IO packet type (0–6)`,
        `"${typeText}" 不是 Engine.IO 包类型（0–6）`,
      ),
    };
  }
  if (name !== 'open') return { type, name, typeText, data, binary: false };
  const open = parseOpen(data);
  return open
    ? { type, name, typeText, data, binary: false, open }
    : {
        type,
        name,
        typeText,
        data,
        binary: false,
        problem: bilingual('the open packet carries no handshake JSON', 'open 包里没有握手 JSON'),
      };
}

function parseOpen(data: string): EngineIoOpen | null {
  try {
    const value = JSON.parse(data) as Partial<EngineIoOpen>;
    if (typeof value.sid !== 'string') return null;
    return {
      sid: value.sid,
      upgrades: Array.isArray(value.upgrades) ? value.upgrades.map(String) : [],
      pingInterval: Number(value.pingInterval),
      pingTimeout: Number(value.pingTimeout),
      maxPayload: Number(value.maxPayload),
    };
  } catch {
    return null;
  }
}
