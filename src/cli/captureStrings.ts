import { defineStrings } from '../shared/strings/defineStrings.ts';

/** What `decode --pcap` prints (the `--json` keys stay English). Mechanism: src/shared/strings/defineStrings.ts. */
export const captureStrings = defineStrings({
  en: {
    unreadable: 'cannot read {file}: {reason}',
    badPort: "--port must be a TCP port (1-65535), not '{value}'",
    summaryOne: '{format}, {packets} packets: {websockets} WebSocket connection, {others} other',
    summaryMany: '{format}, {packets} packets: {websockets} WebSocket connections, {others} other',
    connection: 'Connection {id}  {client} → {server}',
    handshakeSeen: 'opening handshake captured',
    handshakeMissing: 'no handshake captured (port named)',
    deflate: 'permessage-deflate, {takeover}',
    'takeover.kept': 'context takeover',
    'takeover.noClient': 'no context takeover for client',
    'takeover.noServer': 'no context takeover for server',
    'takeover.notByEither': 'no context takeover for client and server',
    columns: '  #      time (s)   packet  from    opcode            FIN RSV MASK  length  payload',
    gap: '  ── gap: {bytes} bytes from the {sender} were not captured (before packet {packet}) ──',
    cut: '  ── {bytes} bytes of a {sender} frame end where the capture does: not decoded ──',
    undecodable: '  ── {bytes} bytes from the {sender} with no provable frame boundary: not decoded ──',
    tls: 'TLS',
    othersOne:
      '{count} other TCP connection (no WebSocket upgrade seen; name a server port with --port to decode one whose handshake was not captured)',
    othersMany:
      '{count} other TCP connections (no WebSocket upgrade seen; name a server port with --port to decode one whose handshake was not captured)',
    retransmissions: '  TCP: {count} retransmitted segments, {overlaps} overlapping ones (first copy kept)',
    inflated: 'inflated {length} B',
    inflateFailed: 'cannot inflate: {error}',
    problems: 'Capture problems:',
    'sender.client': 'client',
    'sender.server': 'server',
  },
  zh: {
    unreadable: '无法读取 {file}：{reason}',
    badPort: "--port 必须是 TCP 端口（1-65535），而不是 '{value}'",
    summaryOne: '{format}，{packets} 个数据包：{websockets} 条 WebSocket 连接，{others} 条其他连接',
    summaryMany: '{format}，{packets} 个数据包：{websockets} 条 WebSocket 连接，{others} 条其他连接',
    connection: '连接 {id}  {client} → {server}',
    handshakeSeen: '抓到了开始握手',
    handshakeMissing: '没有抓到握手（按指定端口解码）',
    deflate: 'permessage-deflate，{takeover}',
    'takeover.kept': '保留上下文（context takeover）',
    'takeover.noClient': '客户端不保留上下文',
    'takeover.noServer': '服务器不保留上下文',
    'takeover.notByEither': '客户端和服务器不保留上下文',
    columns: '  #      时间 (秒)  数据包  发送方  操作码            FIN RSV MASK  长度    负载',
    gap: '  ── 空洞：{sender}的 {bytes} 字节没有被抓到（在数据包 {packet} 之前）──',
    cut: '  ── {sender}的一个帧有 {bytes} 字节在抓包结束处中断：未解码 ──',
    undecodable: '  ── {sender}的 {bytes} 字节中找不到可证明的帧边界：未解码 ──',
    tls: 'TLS',
    othersOne: '{count} 条其他 TCP 连接（没有看到 WebSocket 升级；若握手没被抓到，用 --port 指定服务器端口）',
    othersMany:
      '{count} 条其他 TCP 连接（没有看到 WebSocket 升级；若握手没被抓到，用 --port 指定服务器端口）',
    retransmissions: '  TCP：{count} 个重传的段，{overlaps} 个重叠的段（保留第一份）',
    inflated: '解压后 {length} 字节',
    inflateFailed: '无法解压：{error}',
    problems: '抓包文件的问题：',
    'sender.client': '客户端',
    'sender.server': '服务器',
  },
});

/** Which context-takeover words a negotiated permessage-deflate gets (RFC 7692 §7.1.1–§7.1.2). */
export function takeoverKey(clientNoTakeover: boolean, serverNoTakeover: boolean) {
  if (clientNoTakeover && serverNoTakeover) return 'takeover.notByEither' as const;
  if (clientNoTakeover) return 'takeover.noClient' as const;
  if (serverNoTakeover) return 'takeover.noServer' as const;
  return 'takeover.kept' as const;
}
