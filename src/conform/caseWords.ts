import type { CaseDef } from './types.ts';

/**
 * Each group's title and reason in Chinese, beside the English the case table carries (`def.group`,
 * `def.why`): case explanations are data, like the cases. Keyed by group id: a case's id without its last
 * number. The slide's labels (results, buttons) are in src/widgets/conform/strings.ts.
 */
const utf8Why =
  '文本消息必须是合法的 UTF-8（RFC 3629）：不能有过长编码、代理项（U+D800–DFFF）、超过 U+10FFFF 的码点或多余的延续字节。' +
  '服务端若把非法字节原样转发，每个客户端都会遇到解码问题（过长编码还能把 “/” 或 NUL 绕过过滤）。接收方用 1007 关闭连接（§8.1），' +
  '并且可以在字节不可能再构成 UTF-8 的那一刻就失败，哪怕消息还没结束。';

type GroupWords = { title: string; why: string };

const groups: Record<string, GroupWords> = {
  '1.1': {
    title: '文本消息',
    why: '负载长度占 7 位（0–125），或 126 加 16 位，或 127 加 64 位。每个边界（125/126、65535/65536）都会换一种写法；读错写法的服务端会把长度字节当成负载，从此在字节流里迷路。TCP 还可能把一帧拆成任意多次读取。',
  },
  '1.2': { title: '二进制消息', why: '' },
  'ws101.1': {
    title: 'Autobahn 测不到的帧头规则（它的客户端总是掩码、总用最短长度）',
    why: '客户端的每一帧都要掩码，攻击者选定的字节才不会以明文穿过代理（缓存投毒，§10.3）；服务端收到未掩码的帧必须失败。64 位长度的最高位必须是 0，免得被当成负数。',
  },
  '2': {
    title: 'Ping 与 Pong',
    why: 'Ping 问“你还在吗？”，Pong 必须带回同样的负载，发送方才能对上号。控制帧最多 125 字节，才能插在大消息的分片之间而不拖慢它。主动发来的 Pong 只是单向心跳，不需要回答。',
  },
  '3': {
    title: '保留位',
    why: 'RSV1–3 留给扩展（permessage-deflate 用 RSV1）。除非协商了赋予它含义的扩展，接收方必须让连接失败：不能把一个含义未知的帧当普通数据。',
  },
  '4.1': {
    title: '保留的数据操作码（3–7）',
    why: '操作码 3–7 留给将来的数据帧，11–15 留给将来的控制帧。接收方不知道这种帧的消息有多长、能否穿插，所以必须让连接失败，而不是去猜。',
  },
  '4.2': { title: '保留的控制操作码（11–15）', why: '' },
  '5': {
    title: '分片',
    why: '一条消息可以拆成多帧：第一帧写明文本或二进制且 FIN = 0，随后是延续帧（操作码 0），最后一帧 FIN = 1。这样发送方可以流式发送长度未知的消息。控制帧可以插在分片之间，但自身不能分片；没有可延续的延续帧、上一条还没结束就开始新消息，都无法再正确拼装。',
  },
  '6.1': { title: '带空分片的合法 UTF-8', why: utf8Why },
  '6.2': { title: '合法 UTF-8：不分片、在码点之间分片、在码点内部分片', why: utf8Why },
  '6.3': { title: '非法 UTF-8，以不同方式分片', why: utf8Why },
  '6.4': { title: '非法 UTF-8 要尽早失败', why: utf8Why },
  '6.5': { title: '一些合法的 UTF-8 序列', why: utf8Why },
  '6.6': { title: '一个多字节合法字符串的所有前缀', why: utf8Why },
  '6.7': { title: '各长度的第一个可能序列', why: utf8Why },
  '6.8': { title: '长度 5 和 6 的第一个序列（超出 Unicode）', why: utf8Why },
  '6.9': { title: '各长度的最后一个可能序列', why: utf8Why },
  '6.10': { title: '长度 4、5、6 的最后一个序列（超出 Unicode）', why: utf8Why },
  '6.11': { title: '其他边界情况', why: utf8Why },
  '6.12': { title: '意外的延续字节', why: utf8Why },
  '6.13': { title: '孤立的起始字节，后跟空格', why: utf8Why },
  '6.14': { title: '缺少最后一个延续字节的序列', why: utf8Why },
  '6.15': { title: '不完整序列的拼接', why: utf8Why },
  '6.16': { title: '不可能出现的字节', why: utf8Why },
  '6.17': { title: '“/” 的过长编码', why: utf8Why },
  '6.18': { title: '最大的过长编码', why: utf8Why },
  '6.19': { title: 'NUL 的过长编码', why: utf8Why },
  '6.20': { title: '单个 UTF-16 代理项', why: utf8Why },
  '6.21': { title: '成对的 UTF-16 代理项', why: utf8Why },
  '6.22': { title: '非字符（合法的 UTF-8）', why: utf8Why },
  '6.23': { title: 'Unicode 特殊字符，例如替换字符', why: utf8Why },
  '7.1': {
    title: '基本的关闭行为',
    why: '发出 Close 之后不再发送数据；收到 Close 之后回一个 Close 并停止。这样双方都知道 Close 之前的内容全部到达：这就是“干净”关闭与掉线的区别。',
  },
  '7.3': {
    title: 'Close 帧结构：负载长度',
    why: 'Close 的负载要么为空，要么是 2 字节状态码加可选的 UTF-8 原因；和所有控制帧一样最多 125 字节，所以原因最多 123 字节。1 个字节两样都不是。',
  },
  '7.5': {
    title: 'Close 帧结构：负载内容',
    why: 'Close 的原因和文本消息一样必须是 UTF-8；非法字节用 1007 让连接失败。',
  },
  '7.7': {
    title: '合法的关闭码',
    why: '1000–1003、1007–1011 由 RFC 及其注册表定义，3000–3999 给库和框架，4000–4999 给应用。收到这些码的一方回一个自己的 Close。',
  },
  '7.9': {
    title: '非法的关闭码',
    why: '0–999 不使用；1004 保留；1005（无状态码）和 1006（异常关闭）只存在于端点内部，不得发送；1016–2999 未分配。收到不能发送的码说明对方有问题：用 1002 让连接失败。',
  },
  '9.1': {
    title: '大文本消息',
    why: '一条消息可以远大于一次 TCP 读取，也可以分成任意多块到达。端点必须逐字节拼回；它可以用 1009 拒绝超过自身上限的消息（§7.4.1），也应该设上限（§10.4），但在上限以内，大小不是丢字节的理由。',
  },
  '9.2': { title: '大二进制消息', why: '' },
  '7.13': {
    title: '范围之外的关闭码',
    why: 'RFC 只定义到 4999，对 5000 及以上没有规定：服务端怎么做由它自己决定。',
  },
};

/** Inherited reasons: 1.2 shares 1.1's, 4.2 shares 4.1's. */
const sameWhy: Record<string, string> = {
  '1.2': '1.1',
  '4.2': '4.1',
  '9.2': '9.1',
  '9.5': '9.1',
  '9.6': '9.1',
};

export function groupIdOf(caseId: string): string {
  return caseId.split('.').slice(0, -1).join('.');
}

/** A case's group title and reason in the deck's language (English comes from the table itself). */
export function caseWords(def: CaseDef, lang: 'en' | 'zh'): GroupWords {
  if (lang === 'en') return { title: def.group, why: def.why };
  const id = groupIdOf(def.id);
  const words = groups[id];
  if (!words) return { title: def.group, why: def.why };
  return { title: words.title, why: words.why || groups[sameWhy[id] ?? '']?.why || def.why };
}
