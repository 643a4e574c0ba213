import type { Language } from '../protocol/index.ts';

/** What `decode --pcap` prints, in both languages (the `--json` keys stay English). */
export type CaptureStrings = {
  unreadable: (file: string, reason: string) => string;
  badPort: (value: string) => string;
  summary: (format: string, packets: number, websockets: number, others: number) => string;
  connection: (id: number, client: string, server: string) => string;
  handshakeSeen: string;
  handshakeMissing: string;
  deflate: (takeover: string) => string;
  takeover: (client: boolean, server: boolean) => string;
  columns: string;
  gap: (bytes: number, sender: string, packet: number) => string;
  cut: (bytes: number, sender: string) => string;
  undecodable: (bytes: number, sender: string) => string;
  tls: string;
  others: (count: number) => string;
  retransmissions: (count: number, overlaps: number) => string;
  inflated: (length: number) => string;
  inflateFailed: (error: string) => string;
  problems: string;
  sender: { client: string; server: string };
};

const en: CaptureStrings = {
  unreadable: (file, reason) => `cannot read ${file}: ${reason}`,
  badPort: (value) => `--port must be a TCP port (1-65535), not '${value}'`,
  summary: (format, packets, websockets, others) =>
    `${format}, ${packets} packets: ${websockets} WebSocket connection${websockets === 1 ? '' : 's'}, ${others} other`,
  connection: (id, client, server) => `Connection ${id}  ${client} → ${server}`,
  handshakeSeen: 'opening handshake captured',
  handshakeMissing: 'no handshake captured (port named)',
  deflate: (takeover) => `permessage-deflate, ${takeover}`,
  takeover: (client, server) =>
    client || server
      ? `no context takeover for ${[client ? 'client' : '', server ? 'server' : ''].filter(Boolean).join(' and ')}`
      : 'context takeover',
  columns: '  #      time (s)   packet  from    opcode            FIN RSV MASK  length  payload',
  gap: (bytes, sender, packet) =>
    `  ── gap: ${bytes} bytes from the ${sender} were not captured (before packet ${packet}) ──`,
  cut: (bytes, sender) =>
    `  ── ${bytes} bytes of a ${sender} frame end where the capture does: not decoded ──`,
  undecodable: (bytes, sender) =>
    `  ── ${bytes} bytes from the ${sender} with no provable frame boundary: not decoded ──`,
  tls: 'TLS',
  others: (count) =>
    `${count} other TCP connection${count === 1 ? '' : 's'} (no WebSocket upgrade seen; name a server port with --port to decode one whose handshake was not captured)`,
  retransmissions: (count, overlaps) =>
    `  TCP: ${count} retransmitted segments, ${overlaps} overlapping ones (first copy kept)`,
  inflated: (length) => `inflated ${length} B`,
  inflateFailed: (error) => `cannot inflate: ${error}`,
  problems: 'Capture problems:',
  sender: { client: 'client', server: 'server' },
};

const zh: CaptureStrings = {
  unreadable: (file, reason) => `无法读取 ${file}：${reason}`,
  badPort: (value) => `--port 必须是 TCP 端口（1-65535），而不是 '${value}'`,
  summary: (format, packets, websockets, others) =>
    `${format}，${packets} 个数据包：${websockets} 条 WebSocket 连接，${others} 条其他连接`,
  connection: (id, client, server) => `连接 ${id}  ${client} → ${server}`,
  handshakeSeen: '抓到了开始握手',
  handshakeMissing: '没有抓到握手（按指定端口解码）',
  deflate: (takeover) => `permessage-deflate，${takeover}`,
  takeover: (client, server) =>
    client || server
      ? `${[client ? '客户端' : '', server ? '服务器' : ''].filter(Boolean).join('和')}不保留上下文`
      : '保留上下文（context takeover）',
  columns: '  #      时间 (秒)  数据包  发送方  操作码            FIN RSV MASK  长度    负载',
  gap: (bytes, sender, packet) =>
    `  ── 空洞：${sender}的 ${bytes} 字节没有被抓到（在数据包 ${packet} 之前）──`,
  cut: (bytes, sender) => `  ── ${sender}的一个帧有 ${bytes} 字节在抓包结束处中断：未解码 ──`,
  undecodable: (bytes, sender) => `  ── ${sender}的 ${bytes} 字节中找不到可证明的帧边界：未解码 ──`,
  tls: 'TLS',
  others: (count) =>
    `${count} 条其他 TCP 连接（没有看到 WebSocket 升级；若握手没被抓到，用 --port 指定服务器端口）`,
  retransmissions: (count, overlaps) => `  TCP：${count} 个重传的段，${overlaps} 个重叠的段（保留第一份）`,
  inflated: (length) => `解压后 ${length} 字节`,
  inflateFailed: (error) => `无法解压：${error}`,
  problems: '抓包文件的问题：',
  sender: { client: '客户端', server: '服务器' },
};

export const captureStrings: Record<Language, CaptureStrings> = { en, zh };
