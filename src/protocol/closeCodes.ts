import type { Bilingual } from './i18n.ts';

export type CloseCodeInfo = {
  readonly code: number;
  readonly name: string;
  /** May this code appear in a close frame on the wire? (RFC 6455 §7.4) */
  readonly mayBeSent: boolean;
  readonly meaning: Bilingual;
};

type Entry = [name: string, mayBeSent: boolean, en: string, zh: string];

const registered: Record<number, Entry> = {
  1000: ['Normal Closure', true, 'normal closure: the purpose is fulfilled', '正常关闭：任务完成'],
  1001: ['Going Away', true, 'going away: server shutting down or page left', '离开：服务器关闭或页面跳转'],
  1002: ['Protocol Error', true, 'protocol error', '协议错误'],
  1003: ['Unsupported Data', true, 'unsupported data type', '收到无法处理的数据类型'],
  1004: ['Reserved', false, 'reserved, meaning not yet defined', '保留，尚未定义含义'],
  1005: [
    'No Status Received',
    false,
    'no status code was present (never sent on the wire)',
    '没有状态码（不能出现在线路上）',
  ],
  1006: [
    'Abnormal Closure',
    false,
    'closed without a close frame (never sent on the wire)',
    '异常关闭：没有收到关闭帧（不能出现在线路上）',
  ],
  1007: [
    'Invalid Payload Data',
    true,
    'data inconsistent with its type (e.g. invalid UTF-8)',
    '数据与类型不符（如非法 UTF-8）',
  ],
  1008: ['Policy Violation', true, 'policy violation', '违反策略'],
  1009: ['Message Too Big', true, 'message too big to process', '消息太大，无法处理'],
  1010: [
    'Mandatory Extension',
    true,
    'client expected an extension the server did not negotiate',
    '客户端需要的扩展服务器没有协商',
  ],
  1011: ['Internal Error', true, 'unexpected condition on the server', '服务器内部错误'],
  1012: ['Service Restart', true, 'service is restarting (IANA registry)', '服务重启（IANA 注册）'],
  1013: ['Try Again Later', true, 'try again later (IANA registry)', '稍后再试（IANA 注册）'],
  1014: ['Bad Gateway', true, 'bad gateway (IANA registry)', '网关错误（IANA 注册）'],
  1015: [
    'TLS Handshake',
    false,
    'TLS handshake failed (never sent on the wire)',
    'TLS 握手失败（不能出现在线路上）',
  ],
};

/** The ranges of RFC 6455 §7.4.2, for codes not registered one by one. */
const ranges: readonly [from: number, to: number, entry: Entry][] = [
  [
    3000,
    3999,
    [
      'Registered (libraries, frameworks)',
      true,
      'for libraries and frameworks, registered with IANA',
      '供库和框架使用，在 IANA 注册',
    ],
  ],
  [
    4000,
    4999,
    ['Private use', true, "private use: the application's own meaning", '私有：由应用自己定义含义'],
  ],
  [0, 999, ['Unused', false, '0–999 are not used', '0–999 不被使用']],
  [
    1016,
    2999,
    [
      'Unassigned',
      false,
      'reserved for this protocol and its extensions, not assigned',
      '保留给协议及扩展，尚未分配',
    ],
  ],
];

const invalid: Entry = ['Invalid', false, 'not a close code', '不是合法的关闭码'];

/** RFC 6455 §7.4.1–7.4.2 and the IANA registry: which close codes exist and which may be sent. */
export function closeCodeInfo(code: number): CloseCodeInfo {
  const entry = registered[code] ?? ranges.find(([from, to]) => code >= from && code <= to)?.[2] ?? invalid;
  const [name, mayBeSent, en, zh] = entry;
  return { code, name, mayBeSent, meaning: { en, zh } };
}

export const wellKnownCloseCodes: readonly CloseCodeInfo[] = /* @__PURE__ */ Object.keys(registered).map(
  (code) => closeCodeInfo(Number(code)),
);
