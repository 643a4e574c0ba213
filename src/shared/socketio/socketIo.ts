import { type Bilingual, bilingual } from '../../protocol/index.ts';
import type { EngineIoPacket } from './engineIo.ts';

/**
 * socket.io protocol v5 (socket.io 3 and 4), carried in Engine.IO `message` packets:
 *   <type>[<attachments>-][<namespace>,][<ack id>][<JSON>]
 * e.g. `2["echo","hello"]` an event, `21["echo","hi"]` one that asks for ack 1, `31["hi"]` that ack,
 * `51-["echo",{"_placeholder":true,"num":0}]` an event whose one binary argument follows as its own packet.
 */
export const socketIoTypes = [
  'connect',
  'disconnect',
  'event',
  'ack',
  'connect_error',
  'binary_event',
  'binary_ack',
] as const;

export type SocketIoTypeName = (typeof socketIoTypes)[number];

export type SocketIoPacket = {
  readonly type: number | null;
  readonly name: SocketIoTypeName | null;
  /** Binary attachments announced (`51-`): that many binary packets follow this one. */
  readonly attachments: number;
  readonly namespace: string;
  /** Set when the namespace was written (anything but the main namespace `/`). */
  readonly namespaceText: string;
  readonly ackId: number | null;
  /** The JSON as sent, and parsed. */
  readonly json: string;
  readonly data: unknown;
  /** For events: the first array element. */
  readonly event: string | null;
  /** For events, the arguments after the name; for acks, the whole array. */
  readonly args: readonly unknown[];
  readonly problem?: Bilingual;
};

export function decodeSocketIoPacket(text: string): SocketIoPacket {
  let at = 0;
  const typeText = text.charAt(at++);
  const type = /^[0-6]$/.test(typeText) ? Number(typeText) : null;
  const name = type === null ? null : (socketIoTypes[type] ?? null);
  let attachments = 0;
  if (type === 5 || type === 6) {
    const dash = text.indexOf('-', at);
    const count = dash < 0 ? '' : text.slice(at, dash);
    if (/^\d+$/.test(count)) {
      attachments = Number(count);
      at = dash + 1;
    }
  }
  let namespaceText = '';
  if (text.charAt(at) === '/') {
    const comma = text.indexOf(',', at);
    namespaceText = comma < 0 ? text.slice(at) : text.slice(at, comma);
    at = comma < 0 ? text.length : comma + 1;
  }
  const ackDigits = /^\d*/.exec(text.slice(at))?.[0] ?? '';
  const ackId = ackDigits === '' ? null : Number(ackDigits);
  at += ackDigits.length;
  const json = text.slice(at);
  let data: unknown;
  let problem: Bilingual | undefined;
  if (json !== '') {
    try {
      data = JSON.parse(json);
    } catch {
      problem = bilingual('the data is not JSON', '数据不是 JSON');
    }
  }
  if (type === null) {
    problem = bilingual(
      `"${typeText}" is no socket.io packet type (0–6)`,
      `"${typeText}" 不是 socket.io 包类型（0–6）`,
    );
  }
  const isEvent = type === 2 || type === 5;
  const array = Array.isArray(data) ? (data as unknown[]) : [];
  const event = isEvent && typeof array[0] === 'string' ? array[0] : null;
  if (isEvent && !problem && event === null) {
    problem = bilingual('an event is an array that starts with its name', '事件是以事件名开头的数组');
  }
  return {
    type,
    name,
    attachments,
    namespace: namespaceText || '/',
    namespaceText,
    ackId,
    json,
    data,
    event,
    args: isEvent ? array.slice(1) : array,
    ...(problem ? { problem } : {}),
  };
}

/** `{"_placeholder":true,"num":0}`: where a binary attachment goes back into the arguments. */
export function isPlaceholder(value: unknown): value is { _placeholder: true; num: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { _placeholder?: unknown })._placeholder === true &&
    typeof (value as { num?: unknown }).num === 'number'
  );
}

/** One Engine.IO packet as the socket.io layer reads it, in order, for one direction. */
export type SocketIoReading =
  | { readonly kind: 'packet'; readonly packet: SocketIoPacket }
  /** A binary packet that a binary event announced: attachment `index` of `of`. */
  | { readonly kind: 'attachment'; readonly index: number; readonly of: number; readonly bytes: Uint8Array }
  /** Not a socket.io packet: Engine.IO's own (open, ping, pong, upgrade…) or a stray binary. */
  | { readonly kind: 'engine-only' };

/**
 * Reads one direction's Engine.IO packets as socket.io does: a binary event announces N attachments and
 * the next N binary packets are those, in order.
 */
export class SocketIoReader {
  private awaiting = 0;
  private announced = 0;

  read(packet: EngineIoPacket): SocketIoReading {
    if (packet.name !== 'message') return { kind: 'engine-only' };
    if (packet.binary) {
      if (this.awaiting === 0) return { kind: 'engine-only' };
      const index = this.announced - this.awaiting;
      this.awaiting--;
      return { kind: 'attachment', index, of: this.announced, bytes: packet.data as Uint8Array };
    }
    const decoded = decodeSocketIoPacket(packet.data as string);
    this.announced = decoded.attachments;
    this.awaiting = decoded.attachments;
    return { kind: 'packet', packet: decoded };
  }
}
