import { concatBytes } from '../protocol/bytes.ts';
import { closePayload, encodeFrame, type FrameSpec } from '../protocol/encoder.ts';
import type { Bilingual } from '../protocol/i18n.ts';
import { Opcode } from '../protocol/opcodes.ts';

/**
 * The frame lab's named experiments: one table for the server (which puts the bytes on the wire) and the
 * page (which says what to expect, shows the bytes, and checks what happened). Directions:
 * `to-browser` — the server writes the frames raw on the page's own /echo connection;
 * `to-server` — a lab client the server opens writes them, masked like a client, to the server's /echo.
 */
export type LabDirection = 'to-browser' | 'to-server';

/** What a conforming receiver does: take the message(s), or fail the connection with a close code. */
export type Reaction =
  | { readonly kind: 'accepts' }
  | { readonly kind: 'closes'; readonly code: number; readonly clean: boolean };

export type LabExperiment = {
  readonly name: string;
  readonly title: Bilingual;
  readonly section: string;
  readonly directions: readonly LabDirection[];
  /** What to expect and why, in a sentence. */
  readonly expect: Bilingual;
  /** Chromium, as the receiver of `to-browser` bytes: what the page's WebSocket reports. */
  readonly browser?: Reaction;
  /** ws, as the receiver of `to-server` bytes: the close code in the frame it sends back. */
  readonly server?: Reaction;
  readonly frames: (maxPayload: number) => readonly FrameSpec[];
  /**
   * Send these frames through the server's own WebSocket close instead of raw: a close written behind
   * ws's back makes ws answer the browser's reply with a second close, which the browser must treat as a
   * frame after the close (and fail). The bytes on the wire are the same; ws's state machine takes part.
   */
  readonly toBrowserAsServerClose?: { readonly code: number; readonly reason: string };
};

const invalidUtf8 = Uint8Array.of(0x48, 0x69, 0xc3, 0x28); // "Hi", then 0xC3 followed by a non-continuation byte
const euro = Uint8Array.of(0xe2, 0x82, 0xac); // "€", split between two fragments below

// Chromium fails the connection on any protocol error: it sends close 1002 and reports 1006 (no close
// frame received) to the page, wasClean false. ws answers with the RFC's code in its own close frame.
const browserFails: Reaction = { kind: 'closes', code: 1006, clean: false };
const accepts: Reaction = { kind: 'accepts' };

export const labExperiments: readonly LabExperiment[] = [
  {
    name: 'masked-server-frame',
    title: { en: 'Masked server frame', zh: '服务器发送掩码帧' },
    section: '5.1',
    directions: ['to-browser'],
    expect: {
      en: 'A server MUST NOT mask; a client that sees MASK=1 must fail the connection.',
      zh: '服务器不能掩码；客户端看到 MASK=1 必须断开连接。',
    },
    browser: browserFails,
    frames: () => [{ opcode: Opcode.text, payload: 'masked by the server', mask: true }],
  },
  {
    name: 'unmasked-client-frame',
    title: { en: 'Unmasked client frame', zh: '客户端发送未掩码帧' },
    section: '5.1',
    directions: ['to-server'],
    expect: {
      en: 'A client MUST mask every frame, so proxies cannot be fooled; the server closes with 1002.',
      zh: '客户端必须对每一帧掩码，防止欺骗代理；服务器以 1002 关闭。',
    },
    server: { kind: 'closes', code: 1002, clean: true },
    frames: () => [{ opcode: Opcode.text, payload: 'not masked', mask: false }],
  },
  {
    name: 'reserved-opcode',
    title: { en: 'Reserved opcode 0x3', zh: '保留操作码 0x3' },
    section: '5.2',
    directions: ['to-browser', 'to-server'],
    expect: {
      en: 'No frame type is defined for 0x3; the receiver must fail the connection (1002).',
      zh: '0x3 没有定义帧类型；接收方必须断开连接（1002）。',
    },
    browser: browserFails,
    server: { kind: 'closes', code: 1002, clean: true },
    frames: () => [{ opcode: 0x3, payload: 'opcode 0x3' }],
  },
  {
    name: 'ping-126',
    title: { en: '126-byte ping', zh: '126 字节的 ping' },
    section: '5.5',
    directions: ['to-browser', 'to-server'],
    expect: {
      en: 'Control frames carry at most 125 bytes, so they fit in one small frame; 126 is a protocol error.',
      zh: '控制帧最多 125 字节；126 字节是协议错误。',
    },
    browser: browserFails,
    server: { kind: 'closes', code: 1002, clean: true },
    frames: () => [{ opcode: Opcode.ping, payload: new Uint8Array(126).fill(0x2a) }],
  },
  {
    name: 'fragmented-ping',
    title: { en: 'Fragmented ping', zh: '分片的 ping' },
    section: '5.5',
    directions: ['to-browser', 'to-server'],
    expect: {
      en: 'Control frames MUST NOT be fragmented (FIN must be 1).',
      zh: '控制帧不能分片（FIN 必须为 1）。',
    },
    browser: browserFails,
    server: { kind: 'closes', code: 1002, clean: true },
    frames: () => [
      { opcode: Opcode.ping, payload: 'frag', fin: false },
      { opcode: Opcode.continuation, payload: 'mented' },
    ],
  },
  {
    name: 'invalid-utf8',
    title: { en: 'Invalid UTF-8 in a text frame', zh: '文本帧里的非法 UTF-8' },
    section: '8.1',
    directions: ['to-browser', 'to-server'],
    expect: {
      en: 'Text must be UTF-8. ws closes with 1007; Chromium fails the connection, so the page sees 1006.',
      zh: '文本必须是 UTF-8。ws 以 1007 关闭；Chromium 直接断开，页面看到 1006。',
    },
    browser: browserFails,
    server: { kind: 'closes', code: 1007, clean: true },
    frames: () => [{ opcode: Opcode.text, payload: invalidUtf8 }],
  },
  {
    name: 'utf8-split',
    title: { en: 'A code point split across fragments', zh: '一个字符被拆在两个分片里' },
    section: '5.6',
    directions: ['to-browser', 'to-server'],
    expect: {
      en: 'Valid: UTF-8 is checked over the whole message, so "1€2" arrives intact.',
      zh: '合法：UTF-8 按整条消息检查，"1€2" 完整到达。',
    },
    browser: accepts,
    server: accepts,
    frames: () => [
      { opcode: Opcode.text, payload: Uint8Array.of(0x31, euro[0]!), fin: false },
      { opcode: Opcode.continuation, payload: Uint8Array.of(euro[1]!, euro[2]!, 0x32) },
    ],
  },
  {
    name: 'ping-between-fragments',
    title: { en: 'A ping between fragments', zh: '分片之间插入 ping' },
    section: '5.4',
    directions: ['to-browser', 'to-server'],
    expect: {
      en: 'Valid: control frames may be injected in the middle of a fragmented message.',
      zh: '合法：控制帧可以插在分片消息的中间。',
    },
    browser: accepts,
    server: accepts,
    frames: () => [
      { opcode: Opcode.text, payload: 'frag', fin: false },
      { opcode: Opcode.ping, payload: 'in between' },
      { opcode: Opcode.continuation, payload: 'mented' },
    ],
  },
  {
    name: 'orphan-continuation',
    title: { en: 'Continuation with no message open', zh: '没有消息时的延续帧' },
    section: '5.4',
    directions: ['to-browser', 'to-server'],
    expect: {
      en: 'A continuation frame must follow a first fragment; alone it is a protocol error.',
      zh: '延续帧必须跟在第一个分片之后；单独出现是协议错误。',
    },
    browser: browserFails,
    server: { kind: 'closes', code: 1002, clean: true },
    frames: () => [{ opcode: Opcode.continuation, payload: 'no message is open' }],
  },
  {
    name: 'rsv1-without-extension',
    title: { en: 'RSV1 without an extension', zh: '没有扩展却设置 RSV1' },
    section: '5.2',
    directions: ['to-browser', 'to-server'],
    expect: {
      en: 'RSV bits mean something only when an extension (permessage-deflate) was negotiated.',
      zh: 'RSV 位只有在协商了扩展（如 permessage-deflate）时才有意义。',
    },
    browser: browserFails,
    server: { kind: 'closes', code: 1002, clean: true },
    frames: () => [{ opcode: Opcode.text, payload: 'rsv1', rsv1: true }],
  },
  {
    name: 'oversize',
    title: { en: "Payload over the server's limit", zh: '负载超过服务器上限' },
    section: '10.4',
    directions: ['to-server'],
    expect: {
      en: 'The header alone declares too many bytes; the server refuses with 1009 before the payload arrives.',
      zh: '仅凭帧头声明的长度就超限；服务器在负载到达前以 1009 拒绝。',
    },
    server: { kind: 'closes', code: 1009, clean: true },
    frames: (maxPayload) => [
      { opcode: Opcode.binary, payload: new Uint8Array(16), declaredLength: maxPayload + 1 },
    ],
  },
  {
    name: 'close-1005',
    title: { en: 'Close with code 1005 on the wire', zh: '线路上出现关闭码 1005' },
    section: '7.4.1',
    directions: ['to-browser', 'to-server'],
    expect: {
      en: '1005 means "no code was sent"; it must never appear in a close frame.',
      zh: '1005 表示"没有发送关闭码"，绝不能出现在关闭帧里。',
    },
    browser: browserFails,
    server: { kind: 'closes', code: 1002, clean: true },
    frames: () => [{ opcode: Opcode.close, payload: closePayload(1005) }],
  },
  {
    name: 'close-1-byte',
    title: { en: 'Close with a 1-byte payload', zh: '只有 1 字节负载的关闭帧' },
    section: '5.5.1',
    directions: ['to-browser', 'to-server'],
    expect: {
      en: 'A close payload is empty or starts with a 2-byte code; 1 byte is a protocol error.',
      zh: '关闭帧负载要么为空，要么以 2 字节关闭码开头；1 字节是协议错误。',
    },
    browser: browserFails,
    server: { kind: 'closes', code: 1002, clean: true },
    frames: () => [{ opcode: Opcode.close, payload: Uint8Array.of(0x03) }],
  },
  {
    name: 'close-4000-bye',
    title: { en: 'Close 4000 "bye"', zh: '关闭 4000 "bye"' },
    section: '7.4.2',
    directions: ['to-browser', 'to-server'],
    expect: {
      en: '4000–4999 are for applications. The receiver answers with its own close: a clean close.',
      zh: '4000–4999 供应用使用。接收方回应自己的关闭帧：干净地关闭。',
    },
    browser: { kind: 'closes', code: 4000, clean: true },
    server: { kind: 'closes', code: 4000, clean: true },
    frames: () => [{ opcode: Opcode.close, payload: closePayload(4000, 'bye') }],
    toBrowserAsServerClose: { code: 4000, reason: 'bye' },
  },
];

export function findLabExperiment(name: string): LabExperiment | undefined {
  return labExperiments.find((experiment) => experiment.name === name);
}

/**
 * An experiment's frames back to back, as one write: unmasked from the server and masked with a fresh key
 * from a client (RFC 6455 §5.1), unless a frame says otherwise because breaking that rule is the point.
 */
export function experimentBytes(
  experiment: LabExperiment,
  direction: LabDirection,
  maxPayload: number,
): Uint8Array {
  return concatBytes(
    experiment
      .frames(maxPayload)
      .map((spec) => encodeFrame({ ...spec, mask: spec.mask ?? direction === 'to-server' })),
  );
}
