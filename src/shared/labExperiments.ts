import {
  type Bilingual,
  closePayload,
  concatBytes,
  encodeFrame,
  type FrameSpec,
  Opcode,
} from '../protocol/index.ts';

/**
 * The frame lab's named experiments: one table for the server (which puts the bytes on the wire) and the
 * page (which says what to expect, shows the bytes, and checks what happened). Directions:
 * `to-browser` — the server writes the frames raw on the page's own /echo connection;
 * `to-server` — a lab client the server opens writes them, masked like a client, to the server's /echo.
 *
 * For each experiment the table keeps apart what RFC 6455 requires of the receiver and what each receiver
 * was measured to do (browsers by `npm run lab:browsers`, ws by the server tests): browsers differ, and a
 * browser that departs from the RFC is shown as doing so. A browser not in the table is "not yet measured".
 */
export type LabDirection = 'to-browser' | 'to-server';

/** The browsers whose behaviour the table holds, measured on the wire. */
export const measuredBrowsers = ['chromium', 'firefox'] as const;
export type MeasuredBrowser = (typeof measuredBrowsers)[number];

/**
 * What the RFC requires of the receiver: take the message(s); fail the connection (§7.1.7: it SHOULD send
 * a close frame with `code` first, and MAY simply drop the TCP connection); or answer a close with a close.
 */
export type RfcReaction =
  | { readonly kind: 'accepts' }
  | { readonly kind: 'fails'; readonly code: number }
  | { readonly kind: 'closes'; readonly code: number };

export type RfcRule = {
  readonly section: string;
  /** The rule and what the receiver must do, in a sentence. */
  readonly says: Bilingual;
  readonly receiver: RfcReaction;
};

/**
 * One receiver's behaviour, as measured: what the application was given and what the receiver put on
 * the wire. The same shape describes a run, so a run compares field by field with what is known.
 */
export type Behaviour = {
  /** The message(s) reached the application (`message` events). */
  readonly delivers: boolean;
  /** The receiver's close frame on the wire: its code (null: an empty close), or 'none' when it sent none. */
  readonly closeFrame: number | null | 'none';
  /**
   * How it ended for the application (browsers: the `close` event's code and wasClean); 'open' when the
   * connection stayed open. Absent for ws, whose application side the lab does not watch.
   */
  readonly page?: 'open' | { readonly code: number; readonly clean: boolean };
};

export type LabExperiment = {
  readonly name: string;
  readonly title: Bilingual;
  readonly directions: readonly LabDirection[];
  readonly rfc: RfcRule;
  /** Each measured browser as the receiver of `to-browser` bytes. */
  readonly browsers?: Readonly<Partial<Record<MeasuredBrowser, Behaviour>>>;
  /** ws, as the receiver of `to-server` bytes. */
  readonly server?: Behaviour;
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

// Receivers, as measured. Chromium fails the connection on any protocol error: it sends close 1002 with a
// reason, stops reading, and reports 1006 (no close frame received) to the page. ws answers with the RFC's
// code in its own close frame.
const chromiumFails: Behaviour = { delivers: false, closeFrame: 1002, page: { code: 1006, clean: false } };
// Firefox fails the connection by dropping TCP without a close frame (the page sees an error and 1006), takes
// a masked server frame as a message, and answers a close carrying 1005 or one byte with an empty close,
// reporting a clean 1005 (measured with Firefox 153 ESR).
const firefoxDrops: Behaviour = { delivers: false, closeFrame: 'none', page: { code: 1006, clean: false } };
const firefoxTakesBadClose: Behaviour = {
  delivers: false,
  closeFrame: null,
  page: { code: 1005, clean: true },
};
const browserAccepts: Behaviour = { delivers: true, closeFrame: 'none', page: 'open' };
const wsAccepts: Behaviour = { delivers: true, closeFrame: 'none' };
const wsFails = (code: number): Behaviour => ({ delivers: false, closeFrame: code });

const failsWith = (code: number): RfcReaction => ({ kind: 'fails', code });

export const labExperiments: readonly LabExperiment[] = [
  {
    name: 'masked-server-frame',
    title: { en: 'Masked server frame', zh: '服务器发送掩码帧' },
    directions: ['to-browser'],
    rfc: {
      section: '5.1',
      says: {
        en: 'A server MUST NOT mask; a client that sees MASK=1 MUST fail the connection (1002).',
        zh: '服务器不能掩码；客户端看到 MASK=1 必须断开连接（1002）。',
      },
      receiver: failsWith(1002),
    },
    browsers: {
      chromium: chromiumFails,
      firefox: { delivers: true, closeFrame: 'none', page: 'open' },
    },
    frames: () => [{ opcode: Opcode.text, payload: 'masked by the server', mask: true }],
  },
  {
    name: 'unmasked-client-frame',
    title: { en: 'Unmasked client frame', zh: '客户端发送未掩码帧' },
    directions: ['to-server'],
    rfc: {
      section: '5.1',
      says: {
        en: 'A client MUST mask every frame, so proxies cannot be fooled; the server MUST fail the connection (1002).',
        zh: '客户端必须对每一帧掩码，防止欺骗代理；服务器必须断开连接（1002）。',
      },
      receiver: failsWith(1002),
    },
    server: wsFails(1002),
    frames: () => [{ opcode: Opcode.text, payload: 'not masked', mask: false }],
  },
  {
    name: 'reserved-opcode',
    title: { en: 'Reserved opcode 0x3', zh: '保留操作码 0x3' },
    directions: ['to-browser', 'to-server'],
    rfc: {
      section: '5.2',
      says: {
        en: 'No frame type is defined for 0x3; the receiver MUST fail the connection (1002).',
        zh: '0x3 没有定义帧类型；接收方必须断开连接（1002）。',
      },
      receiver: failsWith(1002),
    },
    browsers: { chromium: chromiumFails, firefox: firefoxDrops },
    server: wsFails(1002),
    frames: () => [{ opcode: 0x3, payload: 'opcode 0x3' }],
  },
  {
    name: 'ping-126',
    title: { en: '126-byte ping', zh: '126 字节的 ping' },
    directions: ['to-browser', 'to-server'],
    rfc: {
      section: '5.5',
      says: {
        en: 'Control frames carry at most 125 bytes, so they fit in one small frame; 126 is a protocol error (1002).',
        zh: '控制帧最多 125 字节；126 字节是协议错误（1002）。',
      },
      receiver: failsWith(1002),
    },
    browsers: { chromium: chromiumFails, firefox: firefoxDrops },
    server: wsFails(1002),
    frames: () => [{ opcode: Opcode.ping, payload: new Uint8Array(126).fill(0x2a) }],
  },
  {
    name: 'fragmented-ping',
    title: { en: 'Fragmented ping', zh: '分片的 ping' },
    directions: ['to-browser', 'to-server'],
    rfc: {
      section: '5.5',
      says: {
        en: 'Control frames MUST NOT be fragmented (FIN must be 1); the receiver fails the connection (1002).',
        zh: '控制帧不能分片（FIN 必须为 1）；接收方断开连接（1002）。',
      },
      receiver: failsWith(1002),
    },
    browsers: { chromium: chromiumFails, firefox: firefoxDrops },
    server: wsFails(1002),
    frames: () => [
      { opcode: Opcode.ping, payload: 'frag', fin: false },
      { opcode: Opcode.continuation, payload: 'mented' },
    ],
  },
  {
    name: 'invalid-utf8',
    title: { en: 'Invalid UTF-8 in a text frame', zh: '文本帧里的非法 UTF-8' },
    directions: ['to-browser', 'to-server'],
    rfc: {
      section: '8.1',
      says: {
        en: 'Text MUST be UTF-8; the receiver fails the connection, and 1007 is the code for bad data (§7.4.1).',
        zh: '文本必须是 UTF-8；接收方断开连接，1007 是数据不合法的关闭码（§7.4.1）。',
      },
      receiver: failsWith(1007),
    },
    browsers: { chromium: chromiumFails, firefox: firefoxDrops },
    server: wsFails(1007),
    frames: () => [{ opcode: Opcode.text, payload: invalidUtf8 }],
  },
  {
    name: 'utf8-split',
    title: { en: 'A code point split across fragments', zh: '一个字符被拆在两个分片里' },
    directions: ['to-browser', 'to-server'],
    rfc: {
      section: '5.6',
      says: {
        en: 'Valid: UTF-8 is checked over the whole message, so "1€2" arrives intact.',
        zh: '合法：UTF-8 按整条消息检查，"1€2" 完整到达。',
      },
      receiver: { kind: 'accepts' },
    },
    browsers: { chromium: browserAccepts, firefox: browserAccepts },
    server: wsAccepts,
    frames: () => [
      { opcode: Opcode.text, payload: Uint8Array.of(0x31, euro[0]!), fin: false },
      { opcode: Opcode.continuation, payload: Uint8Array.of(euro[1]!, euro[2]!, 0x32) },
    ],
  },
  {
    name: 'ping-between-fragments',
    title: { en: 'A ping between fragments', zh: '分片之间插入 ping' },
    directions: ['to-browser', 'to-server'],
    rfc: {
      section: '5.4',
      says: {
        en: 'Valid: control frames may be injected in the middle of a fragmented message.',
        zh: '合法：控制帧可以插在分片消息的中间。',
      },
      receiver: { kind: 'accepts' },
    },
    browsers: { chromium: browserAccepts, firefox: browserAccepts },
    server: wsAccepts,
    frames: () => [
      { opcode: Opcode.text, payload: 'frag', fin: false },
      { opcode: Opcode.ping, payload: 'in between' },
      { opcode: Opcode.continuation, payload: 'mented' },
    ],
  },
  {
    name: 'orphan-continuation',
    title: { en: 'Continuation with no message open', zh: '没有消息时的延续帧' },
    directions: ['to-browser', 'to-server'],
    rfc: {
      section: '5.4',
      says: {
        en: 'A continuation frame must follow a first fragment; alone it is a protocol error (1002).',
        zh: '延续帧必须跟在第一个分片之后；单独出现是协议错误（1002）。',
      },
      receiver: failsWith(1002),
    },
    browsers: { chromium: chromiumFails, firefox: firefoxDrops },
    server: wsFails(1002),
    frames: () => [{ opcode: Opcode.continuation, payload: 'no message is open' }],
  },
  {
    name: 'rsv1-without-extension',
    title: { en: 'RSV1 without an extension', zh: '没有扩展却设置 RSV1' },
    directions: ['to-browser', 'to-server'],
    rfc: {
      section: '5.2',
      says: {
        en: 'RSV bits mean something only when an extension (permessage-deflate) was negotiated; otherwise the receiver MUST fail (1002).',
        zh: 'RSV 位只有在协商了扩展（如 permessage-deflate）时才有意义；否则接收方必须断开（1002）。',
      },
      receiver: failsWith(1002),
    },
    browsers: { chromium: chromiumFails, firefox: firefoxDrops },
    server: wsFails(1002),
    frames: () => [{ opcode: Opcode.text, payload: 'rsv1', rsv1: true }],
  },
  {
    name: 'oversize',
    title: { en: "Payload over the server's limit", zh: '负载超过服务器上限' },
    directions: ['to-server'],
    rfc: {
      section: '10.4',
      says: {
        en: 'The header alone declares too many bytes; the server may refuse with 1009 before the payload arrives.',
        zh: '仅凭帧头声明的长度就超限；服务器可以在负载到达前以 1009 拒绝。',
      },
      receiver: failsWith(1009),
    },
    server: wsFails(1009),
    frames: (maxPayload) => [
      { opcode: Opcode.binary, payload: new Uint8Array(16), declaredLength: maxPayload + 1 },
    ],
  },
  {
    name: 'close-1005',
    title: { en: 'Close with code 1005 on the wire', zh: '线路上出现关闭码 1005' },
    directions: ['to-browser', 'to-server'],
    rfc: {
      section: '7.4.1',
      says: {
        en: '1005 means "no code was sent"; it MUST NOT appear in a close frame, so the receiver fails (1002).',
        zh: '1005 表示"没有发送关闭码"，绝不能出现在关闭帧里，接收方应断开（1002）。',
      },
      receiver: failsWith(1002),
    },
    browsers: { chromium: chromiumFails, firefox: firefoxTakesBadClose },
    server: wsFails(1002),
    frames: () => [{ opcode: Opcode.close, payload: closePayload(1005) }],
  },
  {
    name: 'close-1-byte',
    title: { en: 'Close with a 1-byte payload', zh: '只有 1 字节负载的关闭帧' },
    directions: ['to-browser', 'to-server'],
    rfc: {
      section: '5.5.1',
      says: {
        en: 'A close payload is empty or starts with a 2-byte code; 1 byte is a protocol error (1002).',
        zh: '关闭帧负载要么为空，要么以 2 字节关闭码开头；1 字节是协议错误（1002）。',
      },
      receiver: failsWith(1002),
    },
    browsers: { chromium: chromiumFails, firefox: firefoxTakesBadClose },
    server: wsFails(1002),
    frames: () => [{ opcode: Opcode.close, payload: Uint8Array.of(0x03) }],
  },
  {
    name: 'close-4000-bye',
    title: { en: 'Close 4000 "bye"', zh: '关闭 4000 "bye"' },
    directions: ['to-browser', 'to-server'],
    rfc: {
      section: '7.4.2',
      says: {
        en: '4000–4999 are for applications. The receiver answers with its own close: a clean close.',
        zh: '4000–4999 供应用使用。接收方回应自己的关闭帧：干净地关闭。',
      },
      receiver: { kind: 'closes', code: 4000 },
    },
    browsers: {
      chromium: { delivers: false, closeFrame: 4000, page: { code: 4000, clean: true } },
      firefox: { delivers: false, closeFrame: 4000, page: { code: 4000, clean: true } },
    },
    server: { delivers: false, closeFrame: 4000 },
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
