import type { Bilingual } from './i18n.ts';

/**
 * Every protocol rule the decoder checks, with the close code a conforming peer would answer with.
 * One table, so the CLI, the inspector and the lab all name a violation the same way.
 */
export const rules = {
  'reserved-opcode': {
    closeCode: 1002,
    section: '5.2',
    en: 'opcode is reserved: no frame type is defined for it',
    zh: '操作码是保留值，没有定义对应的帧类型',
  },
  'rsv-without-extension': {
    closeCode: 1002,
    section: '5.2',
    en: 'RSV bit set but no extension that defines it was negotiated',
    zh: 'RSV 位被置 1，但没有协商定义它的扩展',
  },
  'rsv1-on-continuation-or-control': {
    closeCode: 1002,
    section: 'RFC 7692 §6',
    en: 'permessage-deflate allows RSV1 only on the first frame of a data message',
    zh: 'permessage-deflate 只允许在数据消息的第一帧设置 RSV1',
  },
  'control-frame-too-long': {
    closeCode: 1002,
    section: '5.5',
    en: 'control frame payload is longer than 125 bytes',
    zh: '控制帧的负载超过 125 字节',
  },
  'control-frame-fragmented': {
    closeCode: 1002,
    section: '5.5',
    en: 'control frame is fragmented (FIN is 0)',
    zh: '控制帧被分片了（FIN 为 0）',
  },
  'non-minimal-length': {
    closeCode: 1002,
    section: '5.2',
    en: 'payload length is not in its minimal form',
    zh: '负载长度没有使用最短的编码形式',
  },
  'length-top-bit-set': {
    closeCode: 1002,
    section: '5.2',
    en: '64-bit payload length has its most significant bit set',
    zh: '64 位负载长度的最高位被置 1',
  },
  'unmasked-client-frame': {
    closeCode: 1002,
    section: '5.1',
    en: 'a client frame must be masked (MASK is 0)',
    zh: '客户端发出的帧必须掩码（MASK 为 0）',
  },
  'masked-server-frame': {
    closeCode: 1002,
    section: '5.1',
    en: 'a server frame must not be masked (MASK is 1)',
    zh: '服务器发出的帧不能掩码（MASK 为 1）',
  },
  'continuation-without-message': {
    closeCode: 1002,
    section: '5.4',
    en: 'continuation frame but no fragmented message is open',
    zh: '收到延续帧，但没有正在进行的分片消息',
  },
  'data-frame-inside-message': {
    closeCode: 1002,
    section: '5.4',
    en: 'new data frame while a fragmented message is still open',
    zh: '分片消息还没结束，又开始了新的数据帧',
  },
  'invalid-utf8': {
    closeCode: 1007,
    section: '8.1',
    en: 'text message is not valid UTF-8',
    zh: '文本消息不是合法的 UTF-8',
  },
  'close-payload-one-byte': {
    closeCode: 1002,
    section: '5.5.1',
    en: 'close payload of 1 byte: a status code needs 2',
    zh: '关闭帧负载只有 1 字节：状态码需要 2 字节',
  },
  'close-code-invalid': {
    closeCode: 1002,
    section: '7.4',
    en: 'close code may not be sent on the wire',
    zh: '这个关闭码不能出现在线路上',
  },
  'close-reason-invalid-utf8': {
    closeCode: 1007,
    section: '5.5.1',
    en: 'close reason is not valid UTF-8',
    zh: '关闭原因不是合法的 UTF-8',
  },
  'frame-after-close': {
    closeCode: 1002,
    section: '5.5.1',
    en: 'frame sent after a close frame',
    zh: '关闭帧之后又发送了帧',
  },
  'payload-too-large': {
    closeCode: 1009,
    section: '10.4',
    en: 'payload is larger than the configured limit',
    zh: '负载超过了配置的上限',
  },
} as const satisfies Record<string, { closeCode: number; section: string; en: string; zh: string }>;

export type Rule = keyof typeof rules;

export type Violation = {
  readonly rule: Rule;
  /** The status code of the close frame a peer would answer with. */
  readonly closeCode: number;
  /** The section of RFC 6455 (or another RFC, named) that states the rule. */
  readonly section: string;
  readonly message: Bilingual;
  /** Which bits of the frame break the rule: [bitOffset, bitLength], for views to highlight. */
  readonly bits?: readonly [number, number];
};

/** The one place a violation is made, so its code and wording come from the rule table. */
export function violation(rule: Rule, detail?: Bilingual, bits?: readonly [number, number]): Violation {
  const { closeCode, section, en, zh } = rules[rule];
  const message = detail ? { en: `${en}: ${detail.en}`, zh: `${zh}：${detail.zh}` } : { en, zh };
  return bits ? { rule, closeCode, section, message, bits } : { rule, closeCode, section, message };
}
