import type { Bilingual } from '../../protocol/i18n.ts';

/** What each line of the opening handshake does (RFC 6455 §4.1, §4.2.2, §9; RFC 7692 for deflate). */
const notes: Record<string, Bilingual> = {
  'request-line': {
    en: 'An ordinary HTTP/1.1 GET (§4.1). The target is the endpoint; ws101 adds join= (which session this connection belongs to) and tab= (which page).',
    zh: '普通的 HTTP/1.1 GET（§4.1）。目标路径就是端点；ws101 加了 join=（这个连接属于哪个会话）和 tab=（哪个页面）。',
  },
  'status-line': {
    en: '101 Switching Protocols: from the next byte on, this TCP connection carries WebSocket frames (§4.2.2). Anything else is a failed handshake.',
    zh: '101 Switching Protocols：从下一个字节起，这个 TCP 连接传的就是 WebSocket 帧（§4.2.2）。其他状态码都表示握手失败。',
  },
  host: {
    en: 'Required by HTTP/1.1 and by §4.1: which server and port the client meant.',
    zh: 'HTTP/1.1 和 §4.1 都要求：客户端要连哪个服务器和端口。',
  },
  upgrade: {
    en: 'Upgrade: websocket asks to switch this connection to the WebSocket protocol (§4.1).',
    zh: 'Upgrade: websocket 请求把这个连接切换成 WebSocket 协议（§4.1）。',
  },
  connection: {
    en: 'Connection: Upgrade says the Upgrade header is meant for this hop, not to be forwarded as is.',
    zh: 'Connection: Upgrade 表示 Upgrade 头是给这一跳的，不要原样转发。',
  },
  'sec-websocket-key': {
    en: '16 random bytes in base64, new for every connection. Not a secret: the server proves it speaks WebSocket by hashing it into Sec-WebSocket-Accept.',
    zh: '16 个随机字节的 base64，每个连接都不同。不是秘密：服务器把它哈希成 Sec-WebSocket-Accept，以证明自己懂 WebSocket。',
  },
  'sec-websocket-version': {
    en: '13 is RFC 6455’s version; a server that does not speak it answers 426 with the versions it does (§4.4).',
    zh: '13 是 RFC 6455 的版本；不支持的服务器用 426 回复并列出支持的版本（§4.4）。',
  },
  'sec-websocket-accept': {
    en: 'base64(SHA-1(key + GUID)): the browser checks it and fails the connection if it is wrong (§4.1). Computed on the right.',
    zh: 'base64(SHA-1(key + GUID))：浏览器会核对它，不对就断开连接（§4.1）。右边逐步计算。',
  },
  'sec-websocket-extensions': {
    en: 'Extensions offered (request) or accepted (response). permessage-deflate (RFC 7692) compresses each message and gives RSV1 its meaning.',
    zh: '请求里是提供的扩展，响应里是接受的扩展。permessage-deflate（RFC 7692）压缩每条消息，并让 RSV1 有了含义。',
  },
  'sec-websocket-protocol': {
    en: 'Subprotocols the client offers; the server picks at most one (§4.2.2).',
    zh: '客户端提供的子协议；服务器最多选一个（§4.2.2）。',
  },
  origin: {
    en: 'The page’s origin, sent by every browser. The server must check it: a WebSocket is not covered by the same-origin policy (§10.2).',
    zh: '页面的源，浏览器总会发送。服务器必须检查它：WebSocket 不受同源策略保护（§10.2）。',
  },
  'user-agent': {
    en: 'The browser, as in any HTTP request. The WebSocket protocol does not use it.',
    zh: '浏览器标识，和普通 HTTP 请求一样。WebSocket 协议本身不用它。',
  },
  pragma: {
    en: 'Asks caches not to answer for the server: a handshake must reach the real server.',
    zh: '要求缓存不要替服务器回答：握手必须到达真正的服务器。',
  },
  'cache-control': {
    en: 'Same purpose as Pragma, for HTTP/1.1 caches.',
    zh: '和 Pragma 的作用相同，针对 HTTP/1.1 缓存。',
  },
  'accept-encoding': {
    en: 'Ordinary HTTP content negotiation; it has no effect on WebSocket frames.',
    zh: '普通的 HTTP 内容协商；对 WebSocket 帧没有作用。',
  },
  'accept-language': {
    en: 'The browser’s languages, as in any request; unused by WebSocket.',
    zh: '浏览器的语言，和普通请求一样；WebSocket 不使用。',
  },
  cookie: {
    en: 'Cookies travel with the handshake like with any request: one way a server knows who connects.',
    zh: 'Cookie 像普通请求一样随握手发送：服务器据此知道是谁在连接。',
  },
};

const fallback: Bilingual = {
  en: 'An HTTP header the WebSocket protocol does not define; the handshake is HTTP, so any header may come along.',
  zh: 'WebSocket 协议没有定义的 HTTP 头；握手就是 HTTP，所以任何头都可能出现。',
};

export function headerNote(name: string): Bilingual {
  return notes[name.toLowerCase()] ?? fallback;
}
