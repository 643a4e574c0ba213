import type { Bilingual, Language } from '../protocol/index.ts';

/**
 * The Illustrated page's own words, in both languages: headings, the story of each step, and the prose for
 * each kind of field. Values (ports, lengths, opcodes, texts) never live here: they come from the decoders.
 */
const en = {
  pageTitle: 'The Illustrated WebSocket Connection',
  subtitle: 'Every byte of one real WebSocket session explained and reproduced',
  intro:
    'One connection to ws101’s bundled server, recorded from the bytes its wire tap saw: the upgrade request and the 101, a masked text message, a message in two fragments with a ping between them, a compressed message, a ping, and the closing handshake. Click a record to open it: each byte’s meaning is beside it, taken from ws101’s own decoder.',
  recordedOn: (date: string, ws: string, node: string) =>
    `Recorded on ${date} from the bundled server (ws ${ws}, Node ${node}) by npm run record:illustrated.`,
  fixedBytes:
    'The client’s bytes are fixed (key, masking keys, payloads), so the session is the same each time it is recorded; the server’s bytes are what it really wrote.',
  download: 'Download this session as .pcapng (opens in Wireshark)',
  otherLanguage: '中文版',
  otherLanguageName: 'Chinese',
  toDeck: 'Back to the WebSocket 101 deck',
  inDeck: 'In the deck:',
  openAll: 'Open all',
  closeAll: 'Close all',
  copyHex: 'Copy as hex',
  copied: 'Copied',
  legend: 'Colours',
  client: 'Client',
  server: 'Server',
  clientToServer: 'Client → Server',
  serverToClient: 'Server → Client',
  packet: (n: number) => `packet ${n}`,
  bytes: (n: number) => `${n} bytes`,
  time: (ms: string) => `+${ms} ms`,
  synthesized:
    'Synthesized, not captured: the wire tap sits above TCP and sees bytes, not segments. ws101’s pcapng writer (src/capture/synthesizedPackets.ts) makes these headers around the tapped bytes, with fixed sequence numbers and the socket’s real addresses and ports, so that Wireshark can open the file.',
  carriedIn: (n: number) =>
    `These bytes are exactly what the server’s socket read or wrote. In the download they ride in packet ${n}, whose Ethernet, IPv4 and TCP headers are synthesized like those above.`,
  sections: {
    'tcp-open': {
      title: 'The TCP connection',
      story:
        'Before any WebSocket byte, the client opens a TCP connection: SYN, SYN-ACK, ACK. A WebSocket is a TCP connection that began as HTTP.',
    },
    handshake: {
      title: 'The opening handshake',
      story:
        'The client asks, in plain HTTP/1.1, to switch this connection to WebSocket; the server proves it understood by hashing the client’s key, and answers 101 Switching Protocols. After the blank line ending the 101, both sides speak frames.',
    },
    text: {
      title: 'A masked text message',
      story:
        'The client sends “Hello” in one frame, masked as every client frame must be (RFC 6455 §5.3). The server echoes it unmasked; this endpoint compresses every message it sends, so its echo has RSV1 set.',
    },
    fragmented: {
      title: 'A fragmented message, a ping between its fragments',
      story:
        'A message may be split into fragments: the first has FIN 0, the last is a continuation with FIN 1. Control frames may come between them (§5.4): the server answers the ping at once, then echoes the whole message.',
    },
    deflate: {
      title: 'A permessage-deflate message',
      story:
        'Both sides agreed on permessage-deflate (RFC 7692) in the handshake. RSV1 = 1 marks a compressed message: its payload is raw DEFLATE with the final 00 00 ff ff removed.',
    },
    ping: {
      title: 'Ping and pong',
      story:
        'A ping asks “are you there?”; the peer answers with a pong carrying the same payload (§5.5.2, §5.5.3).',
    },
    close: {
      title: 'The closing handshake',
      story:
        'The client sends a close frame with a code and a reason; the server answers with its own close and then ends the TCP connection (§7.1.2).',
    },
    'tcp-close': {
      title: 'The TCP connection ends',
      story: 'FIN from each side, and a last ACK.',
    },
  },
  acceptTitle: 'Computing Sec-WebSocket-Accept',
  acceptSteps: {
    key: 'The client’s Sec-WebSocket-Key (16 random bytes in base64; here the RFC’s own sample)',
    guid: 'RFC 6455’s fixed GUID, appended to the key',
    concatenated: 'The string that is hashed',
    padded: 'Its bytes after SHA-1 padding: 0x80, zeros, the length in bits (two 64-byte blocks)',
    sha1: 'SHA-1 of the string (ws101’s own SHA-1, src/protocol/sha1.ts)',
    accept: 'base64 of the 20 digest bytes: Sec-WebSocket-Accept',
    matches: 'The server’s 101 carries exactly this value.',
    differs: 'The server’s 101 carries a different value.',
  },
  groups: {
    ethernet: 'Ethernet II header (synthesized)',
    ipv4: 'IPv4 header (synthesized)',
    tcp: 'TCP header (synthesized)',
    request: 'HTTP upgrade request',
    response: 'HTTP response',
  },
  recordTitles: {
    syn: 'SYN: the client opens TCP',
    synAck: 'SYN-ACK: the server accepts',
    ack: 'ACK: the connection is open',
    fin: 'FIN: no more bytes from this side',
    lastAck: 'ACK: the connection is closed',
    request: 'HTTP upgrade request',
    response: (status: string) => `HTTP ${status}`,
  },
  frameTitle: (opcode: string, flags: readonly string[], text: string) =>
    `${opcode} frame${flags.map((flag) => `, ${flag}`).join('')}${text ? `: ${text}` : ''}`,
  flagWords: { fragment: 'FIN 0', masked: 'masked', compressed: 'compressed' },
  kindLabels: {
    ethernet: 'Ethernet',
    ip: 'IPv4',
    tcp: 'TCP',
    'http-start': 'HTTP start line',
    'http-name': 'Header name',
    'http-value': 'Header value',
    'http-syntax': 'Separators',
  },
  fields: {
    destinationMac: 'Destination MAC',
    sourceMac: 'Source MAC',
    etherType: 'EtherType',
    versionIhl: 'Version, header length',
    dscp: 'DSCP, ECN',
    totalLength: 'Total length',
    identification: 'Identification',
    flagsFragment: 'Flags, fragment offset',
    ttl: 'Time to live',
    protocol: 'Protocol',
    ipChecksum: 'Header checksum',
    sourceAddress: 'Source address',
    destinationAddress: 'Destination address',
    sourcePort: 'Source port',
    destinationPort: 'Destination port',
    sequence: 'Sequence number',
    acknowledgement: 'Acknowledgement number',
    dataOffset: 'Data offset',
    tcpFlags: 'Flags',
    window: 'Window',
    tcpChecksum: 'Checksum',
    urgent: 'Urgent pointer',
    method: 'Method',
    target: 'Request target',
    version: 'HTTP version',
    status: 'Status code',
    reason: 'Reason phrase',
    space: 'Space',
    crlf: 'CRLF',
    colon: 'Colon and space',
    blankLine: 'Blank line',
    headerName: (name: string) => `${name}`,
    headerValue: (name: string) => `${name} value`,
    closeCode: 'Close code',
    closeReason: 'Close reason',
    compressed: 'Compressed payload',
  },
  meanings: {
    destinationMac:
      'Synthesized: a loopback connection has no Ethernet; the writer puts a fixed locally administered address here.',
    sourceMac: 'Synthesized, as above.',
    etherType: (hex: string) => `${hex}: an IPv4 packet follows.`,
    versionIhl: (ihl: number) => `Version 4, header of ${ihl} bytes (no options).`,
    dscp: 'No priority, no congestion marks.',
    totalLength: (n: number) => `${n} bytes of IP packet: this header, the TCP header and the payload.`,
    identification: (n: number) => `${n}: the writer numbers packets in file order.`,
    flagsFragment: 'Don’t Fragment set, offset 0: the whole segment is in this packet.',
    ttl: (n: number) => `${n} hops before a router would drop it.`,
    protocol: (n: number) => `${n}: TCP.`,
    ipChecksum: 'Checksum of this header, computed by the writer: Wireshark finds it correct.',
    sourceAddress: (address: string) => `${address}: the sender, the socket’s real address.`,
    destinationAddress: (address: string) => `${address}: the receiver.`,
    sourcePort: (port: number, role: string) => `${port}: the ${role}’s port, as the socket reported it.`,
    destinationPort: (port: number, role: string) => `${port}: the ${role}’s port.`,
    sequence: (n: number) =>
      `${n}: the number of this segment’s first byte (SYN and FIN count as one). The writer starts at a fixed number, so the file is the same each time.`,
    acknowledgement: (n: number, set: boolean) =>
      set ? `${n}: the next byte this side expects from the other.` : `${n}: unused, ACK is not set.`,
    dataOffset: (n: number) => `TCP header of ${n} bytes (no options).`,
    tcpFlags: (names: string) => `${names}.`,
    window: (n: number) => `${n} bytes the receiver may be sent before it acknowledges.`,
    tcpChecksum: 'Checksum over a pseudo-header, this header and the payload, computed by the writer.',
    urgent: 'Unused (URG is not set).',
    method: 'GET, as RFC 6455 §4.1 requires of the upgrade request.',
    target: 'The resource: the bundled server’s echo endpoint, asked to compress (deflate=1).',
    version: 'HTTP/1.1 or later is required (§4.1).',
    status: '101: the server agrees to switch protocols; anything else means no WebSocket (§4.2.2).',
    reason: 'Free text; the status code is what counts.',
    space: 'Separates the parts of the start line.',
    crlf: 'Carriage return, line feed: the end of a line.',
    colon: 'Separates a header’s name from its value.',
    blankLine: 'An empty line ends the HTTP head. Every byte after it is a WebSocket frame.',
    header: {
      host: 'The host and port the client connects to (required, §4.1).',
      upgrade: 'The protocol to switch to: websocket.',
      connection: 'Upgrade: this hop must act on the Upgrade header.',
      'sec-websocket-key':
        '16 bytes, base64: the server must hash it with the GUID. It proves the server speaks WebSocket; it is not a secret.',
      'sec-websocket-version': '13, the only version RFC 6455 defines.',
      'sec-websocket-extensions':
        'Extensions the client offers, or the server accepts: here permessage-deflate.',
      'sec-websocket-accept': 'base64(SHA-1(key + GUID)): see the computation below.',
      other: 'A header the WebSocket handshake does not use.',
    } as Record<string, string>,
    closeCode: (code: number, name: string) => `${code}: ${name}.`,
    closeReason: (reason: string) => `“${reason}”, UTF-8, at most 123 bytes.`,
    compressed: (length: number, text: string) =>
      `${length} bytes of raw DEFLATE; inflated with the 00 00 ff ff tail put back: “${text}”.`,
    payloadText: (text: string) => `Text: “${text}”.`,
    masked: (wire: string) => `As sent (masked): ${wire}.`,
  },
  tcpFlagNames: { syn: 'SYN', ack: 'ACK', fin: 'FIN', psh: 'PSH' } as Record<string, string>,
  roles: { client: 'client', server: 'server' },
  footer:
    'Every annotation on this page is generated at build time from ws101’s decoders (src/protocol, src/capture) reading the recorded file: nothing is typed by hand.',
  deckLinks: {
    'tcp-open': 'stack',
    handshake: 'handshake-request',
    text: 'masking',
    fragmented: 'fragmentation',
    deflate: 'extensions',
    ping: 'ping-pong',
    close: 'close-handshake',
    'tcp-close': 'close-handshake',
  },
};

const zh: typeof en = {
  pageTitle: '图解 WebSocket 连接',
  subtitle: '一次真实 WebSocket 会话的每一个字节，逐一讲解',
  intro:
    '一条连到 ws101 自带服务器的连接，取自服务器线路监听（wire tap）看到的字节：升级请求和 101 响应、一条带掩码的文本消息、一条分成两片且中间夹着 ping 的消息、一条压缩消息、一次 ping，以及关闭握手。点开一条记录：每个字节的含义就在旁边，取自 ws101 自己的解码器。',
  recordedOn: (date: string, ws: string, node: string) =>
    `录制于 ${date}，来自自带服务器（ws ${ws}，Node ${node}），由 npm run record:illustrated 生成。`,
  fixedBytes:
    '客户端的字节是固定的（密钥、掩码键、负载），所以每次录制的会话都相同；服务器的字节是它真实写出的。',
  download: '下载本会话的 .pcapng 文件（可用 Wireshark 打开）',
  otherLanguage: 'English',
  otherLanguageName: 'English',
  toDeck: '回到 WebSocket 101 幻灯片',
  inDeck: '幻灯片中：',
  openAll: '全部展开',
  closeAll: '全部收起',
  copyHex: '复制十六进制',
  copied: '已复制',
  legend: '颜色',
  client: '客户端',
  server: '服务器',
  clientToServer: '客户端 → 服务器',
  serverToClient: '服务器 → 客户端',
  packet: (n: number) => `第 ${n} 个包`,
  bytes: (n: number) => `${n} 字节`,
  time: (ms: string) => `+${ms} 毫秒`,
  synthesized:
    '合成的，不是抓到的：线路监听位于 TCP 之上，看到的是字节而不是报文段。ws101 的 pcapng 写入器（src/capture/synthesizedPackets.ts）在监听到的字节外面生成这些头部，序列号固定，地址和端口是套接字的真实值，这样 Wireshark 才能打开文件。',
  carriedIn: (n: number) =>
    `这些字节正是服务器套接字读到或写出的。在下载的文件中它们位于第 ${n} 个包，其以太网、IPv4 和 TCP 头部和上面一样是合成的。`,
  sections: {
    'tcp-open': {
      title: 'TCP 连接',
      story:
        '在任何 WebSocket 字节之前，客户端先建立 TCP 连接：SYN、SYN-ACK、ACK。WebSocket 就是一条以 HTTP 开始的 TCP 连接。',
    },
    handshake: {
      title: '开始握手',
      story:
        '客户端用普通的 HTTP/1.1 请求把这条连接切换为 WebSocket；服务器对客户端的密钥做哈希来证明它听懂了，并回答 101 Switching Protocols。101 末尾的空行之后，双方都只说帧。',
    },
    text: {
      title: '一条带掩码的文本消息',
      story:
        '客户端用一帧发送 “Hello”，和所有客户端帧一样带掩码（RFC 6455 §5.3）。服务器不带掩码地回显；这个端点会压缩它发出的每条消息，所以回显的 RSV1 为 1。',
    },
    fragmented: {
      title: '分片消息，分片之间夹着一个 ping',
      story:
        '一条消息可以拆成多个分片：第一片 FIN 为 0，最后一片是 FIN 为 1 的延续帧。控制帧可以插在分片之间（§5.4）：服务器立刻回应 ping，然后回显整条消息。',
    },
    deflate: {
      title: '一条 permessage-deflate 消息',
      story:
        '双方在握手中协商了 permessage-deflate（RFC 7692）。RSV1 = 1 表示消息已压缩：负载是去掉末尾 00 00 ff ff 的原始 DEFLATE 数据。',
    },
    ping: {
      title: 'Ping 和 pong',
      story: 'ping 问“你还在吗？”；对方用带相同负载的 pong 回答（§5.5.2、§5.5.3）。',
    },
    close: {
      title: '关闭握手',
      story: '客户端发送带状态码和原因的关闭帧；服务器回一个自己的关闭帧，然后结束 TCP 连接（§7.1.2）。',
    },
    'tcp-close': {
      title: 'TCP 连接结束',
      story: '双方各发一个 FIN，最后一个 ACK。',
    },
  },
  acceptTitle: '计算 Sec-WebSocket-Accept',
  acceptSteps: {
    key: '客户端的 Sec-WebSocket-Key（16 个随机字节的 base64；这里用的是 RFC 自己的示例）',
    guid: 'RFC 6455 规定的固定 GUID，接在密钥后面',
    concatenated: '被哈希的字符串',
    padded: 'SHA-1 填充后的字节：0x80、若干个 0、以比特计的长度（两个 64 字节的块）',
    sha1: '字符串的 SHA-1（ws101 自己实现的 SHA-1，src/protocol/sha1.ts）',
    accept: '20 字节摘要的 base64：即 Sec-WebSocket-Accept',
    matches: '服务器的 101 中正是这个值。',
    differs: '服务器的 101 中的值与此不同。',
  },
  groups: {
    ethernet: '以太网 II 头部（合成）',
    ipv4: 'IPv4 头部（合成）',
    tcp: 'TCP 头部（合成）',
    request: 'HTTP 升级请求',
    response: 'HTTP 响应',
  },
  recordTitles: {
    syn: 'SYN：客户端发起 TCP 连接',
    synAck: 'SYN-ACK：服务器接受',
    ack: 'ACK：连接建立',
    fin: 'FIN：这一方不再发送字节',
    lastAck: 'ACK：连接关闭',
    request: 'HTTP 升级请求',
    response: (status: string) => `HTTP ${status}`,
  },
  frameTitle: (opcode: string, flags: readonly string[], text: string) =>
    `${opcode} 帧${flags.map((flag) => `，${flag}`).join('')}${text ? `：${text}` : ''}`,
  flagWords: { fragment: 'FIN 0', masked: '带掩码', compressed: '已压缩' },
  kindLabels: {
    ethernet: '以太网',
    ip: 'IPv4',
    tcp: 'TCP',
    'http-start': 'HTTP 起始行',
    'http-name': '头部名称',
    'http-value': '头部值',
    'http-syntax': '分隔符',
  },
  fields: {
    destinationMac: '目的 MAC',
    sourceMac: '源 MAC',
    etherType: '以太网类型',
    versionIhl: '版本、头部长度',
    dscp: 'DSCP、ECN',
    totalLength: '总长度',
    identification: '标识',
    flagsFragment: '标志、片偏移',
    ttl: '生存时间',
    protocol: '协议',
    ipChecksum: '头部校验和',
    sourceAddress: '源地址',
    destinationAddress: '目的地址',
    sourcePort: '源端口',
    destinationPort: '目的端口',
    sequence: '序列号',
    acknowledgement: '确认号',
    dataOffset: '数据偏移',
    tcpFlags: '标志',
    window: '窗口',
    tcpChecksum: '校验和',
    urgent: '紧急指针',
    method: '方法',
    target: '请求目标',
    version: 'HTTP 版本',
    status: '状态码',
    reason: '原因短语',
    space: '空格',
    crlf: 'CRLF',
    colon: '冒号和空格',
    blankLine: '空行',
    headerName: (name: string) => `${name}`,
    headerValue: (name: string) => `${name} 的值`,
    closeCode: '关闭状态码',
    closeReason: '关闭原因',
    compressed: '压缩的负载',
  },
  meanings: {
    destinationMac: '合成的：环回连接没有以太网；写入器在这里放一个固定的本地管理地址。',
    sourceMac: '合成的，同上。',
    etherType: (hex: string) => `${hex}：后面是一个 IPv4 包。`,
    versionIhl: (ihl: number) => `版本 4，头部 ${ihl} 字节（无选项）。`,
    dscp: '无优先级，无拥塞标记。',
    totalLength: (n: number) => `IP 包共 ${n} 字节：本头部、TCP 头部和负载。`,
    identification: (n: number) => `${n}：写入器按文件中的顺序给包编号。`,
    flagsFragment: '设置了“不分片”，偏移 0：整个报文段都在这个包里。',
    ttl: (n: number) => `路由器丢弃它之前还能经过 ${n} 跳。`,
    protocol: (n: number) => `${n}：TCP。`,
    ipChecksum: '本头部的校验和，由写入器计算：Wireshark 检查无误。',
    sourceAddress: (address: string) => `${address}：发送方，套接字的真实地址。`,
    destinationAddress: (address: string) => `${address}：接收方。`,
    sourcePort: (port: number, role: string) => `${port}：${role}的端口，取自套接字。`,
    destinationPort: (port: number, role: string) => `${port}：${role}的端口。`,
    sequence: (n: number) =>
      `${n}：本报文段第一个字节的编号（SYN 和 FIN 各算一个）。写入器从固定的数开始，所以每次生成的文件相同。`,
    acknowledgement: (n: number, set: boolean) =>
      set ? `${n}：这一方期待对方发来的下一个字节。` : `${n}：未使用，没有设置 ACK。`,
    dataOffset: (n: number) => `TCP 头部 ${n} 字节（无选项）。`,
    tcpFlags: (names: string) => `${names}。`,
    window: (n: number) => `接收方在确认之前还能接收 ${n} 字节。`,
    tcpChecksum: '对伪头部、本头部和负载计算的校验和，由写入器计算。',
    urgent: '未使用（没有设置 URG）。',
    method: 'GET，RFC 6455 §4.1 要求升级请求使用它。',
    target: '请求的资源：自带服务器的回显端点，要求压缩（deflate=1）。',
    version: '必须是 HTTP/1.1 或更高（§4.1）。',
    status: '101：服务器同意切换协议；其他任何状态码都意味着没有 WebSocket（§4.2.2）。',
    reason: '自由文本；起作用的是状态码。',
    space: '分隔起始行的各部分。',
    crlf: '回车、换行：一行结束。',
    colon: '分隔头部的名称和值。',
    blankLine: '空行结束 HTTP 头部。它之后的每个字节都是 WebSocket 帧。',
    header: {
      host: '客户端连接的主机和端口（必需，§4.1）。',
      upgrade: '要切换到的协议：websocket。',
      connection: 'Upgrade：这一跳必须处理 Upgrade 头部。',
      'sec-websocket-key':
        '16 字节的 base64：服务器必须把它和 GUID 一起哈希。它证明服务器懂 WebSocket；它不是秘密。',
      'sec-websocket-version': '13，RFC 6455 定义的唯一版本。',
      'sec-websocket-extensions': '客户端提供或服务器接受的扩展：这里是 permessage-deflate。',
      'sec-websocket-accept': 'base64(SHA-1(密钥 + GUID))：计算过程见下。',
      other: 'WebSocket 握手不使用的头部。',
    },
    closeCode: (code: number, name: string) => `${code}：${name}。`,
    closeReason: (reason: string) => `“${reason}”，UTF-8，最多 123 字节。`,
    compressed: (length: number, text: string) =>
      `${length} 字节的原始 DEFLATE 数据；补回 00 00 ff ff 后解压得到：“${text}”。`,
    payloadText: (text: string) => `文本：“${text}”。`,
    masked: (wire: string) => `发送时（带掩码）：${wire}。`,
  },
  tcpFlagNames: { syn: 'SYN', ack: 'ACK', fin: 'FIN', psh: 'PSH' },
  roles: { client: '客户端', server: '服务器' },
  footer:
    '本页的每一条注解都是在构建时由 ws101 的解码器（src/protocol、src/capture）读取录制文件生成的：没有一条是手写的。',
  deckLinks: en.deckLinks,
};

export type IllustratedStrings = typeof en;

export const illustratedStrings: Readonly<Record<Language, IllustratedStrings>> = { en, zh };

/** One text in both languages, picked from the two catalogues by the same path. */
export function both(pick: (strings: IllustratedStrings) => string): Bilingual {
  return { en: pick(en), zh: pick(zh) };
}
