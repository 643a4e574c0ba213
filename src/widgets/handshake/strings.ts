import { defineStrings } from '../../shared/strings/defineStrings.ts';
import { strings as widgetWords } from '../shared/strings.ts';

/** The handshake widget's words, loaded with the widget (src/widgets/registry.ts imports it lazily). */
export const strings = defineStrings(
  {
    en: {
      handshakeLabel: 'Handshake explorer',
      handshakeWaiting: 'Waiting for this page’s connection…',
      handshakeOffline:
        'No server: the handshake needs a live connection. The accept-key calculator works offline.',
      bytesExact: 'byte-exact from the server’s tap',
      headerHelp: 'Pick a header to read what it does.',
      // What each line of the opening handshake does (RFC 6455 §4.1, §4.2.2, §9; RFC 7692 §7.1 for deflate)
      'note.request-line':
        'An ordinary HTTP/1.1 GET (§4.1). The target is the endpoint; ws101 adds ticket=, a single-use proof (asked for over the page’s inspector channel) that this connection belongs to this page.',
      'note.status-line':
        '101 Switching Protocols: from the next byte on, this TCP connection carries WebSocket frames (§4.2.2). Anything else is a failed handshake.',
      'note.host': 'Required by HTTP/1.1 and by §4.1: which server and port the client meant.',
      'note.upgrade': 'Upgrade: websocket asks to switch this connection to the WebSocket protocol (§4.1).',
      'note.connection':
        'Connection: Upgrade says the Upgrade header is meant for this hop, not to be forwarded as is.',
      'note.sec-websocket-key':
        '16 random bytes in base64, new for every connection. Not a secret: the server proves it speaks WebSocket by hashing it into Sec-WebSocket-Accept.',
      'note.sec-websocket-version':
        '13 is RFC 6455’s version; a server that does not speak it answers 426 with the versions it does (§4.4).',
      'note.sec-websocket-accept':
        'base64(SHA-1(key + GUID)): the browser checks it and fails the connection if it is wrong (§4.1). Computed on the right.',
      'note.sec-websocket-extensions':
        'Extensions offered (request) or accepted (response). permessage-deflate (RFC 7692) compresses each message and gives RSV1 its meaning.',
      'note.sec-websocket-protocol': 'Subprotocols the client offers; the server picks at most one (§4.2.2).',
      'note.origin':
        'The page’s origin, sent by every browser. The server must check it: a WebSocket is not covered by the same-origin policy (§10.2).',
      'note.user-agent': 'The browser, as in any HTTP request. The WebSocket protocol does not use it.',
      'note.pragma': 'Asks caches not to answer for the server: a handshake must reach the real server.',
      'note.cache-control': 'Same purpose as Pragma, for HTTP/1.1 caches.',
      'note.accept-encoding': 'Ordinary HTTP content negotiation; it has no effect on WebSocket frames.',
      'note.accept-language': 'The browser’s languages, as in any request; unused by WebSocket.',
      'note.accept':
        'Accept: */*, "any type": Firefox sends it as with any fetch. A 101 answer has no body, so it changes nothing here; RFC 6455 does not ask for it.',
      'note.sec-fetch-dest':
        'Fetch metadata, not RFC 6455: what the response will be used for. "empty": not a page, image or script, as for fetch(). Servers may use the Sec-Fetch-* headers to refuse requests they do not expect.',
      'note.sec-fetch-mode':
        'Fetch metadata: "websocket" says this request is a WebSocket handshake, so a server can tell it from a navigation or a fetch() to the same URL.',
      'note.sec-fetch-site':
        'Fetch metadata: where the page that opened the socket sits relative to this server: same-origin, same-site or cross-site. Like Origin (§10.2), it lets a server refuse sockets opened by other sites; the browser sets it, a script cannot.',
      'note.cookie':
        'Cookies travel with the handshake like with any request: one way a server knows who connects.',
      noteOther:
        'An HTTP header the WebSocket protocol does not define; the handshake is HTTP, so any header may come along.',
      'deflate.client_max_window_bits':
        'client_max_window_bits: the client can compress with a window smaller than 32 KiB (2^15) if the server asks; bare in an offer, it only says so; with a value (8–15) it sets the size.',
      'deflate.server_max_window_bits':
        'server_max_window_bits: the window the server may compress with (8–15 bits); smaller saves the client memory.',
      'deflate.client_no_context_takeover':
        'client_no_context_takeover: the client starts every message with an empty dictionary, so it keeps no state between messages.',
      'deflate.server_no_context_takeover': 'server_no_context_takeover: the same for the server’s messages.',
      deflateBare:
        'No parameters: the defaults, 32 KiB windows both ways and the dictionary kept from message to message. Firefox offers it bare; Chromium adds client_max_window_bits.',
      noteJoiner: ' ',
    },
    zh: {
      handshakeLabel: '握手浏览器',
      handshakeWaiting: '等待本页的连接…',
      handshakeOffline: '没有服务器：握手需要实时连接。Accept 计算器离线也能用。',
      bytesExact: '来自服务器抓取，逐字节一致',
      headerHelp: '选择一个头部，查看它的作用。',
      'note.request-line':
        '普通的 HTTP/1.1 GET（§4.1）。目标路径就是端点；ws101 加了 ticket=：一次性凭证（页面通过检查器通道领取），证明这个连接属于本页面。',
      'note.status-line':
        '101 Switching Protocols：从下一个字节起，这个 TCP 连接传的就是 WebSocket 帧（§4.2.2）。其他状态码都表示握手失败。',
      'note.host': 'HTTP/1.1 和 §4.1 都要求：客户端要连哪个服务器和端口。',
      'note.upgrade': 'Upgrade: websocket 请求把这个连接切换成 WebSocket 协议（§4.1）。',
      'note.connection': 'Connection: Upgrade 表示 Upgrade 头是给这一跳的，不要原样转发。',
      'note.sec-websocket-key':
        '16 个随机字节的 base64，每个连接都不同。不是秘密：服务器把它哈希成 Sec-WebSocket-Accept，以证明自己懂 WebSocket。',
      'note.sec-websocket-version':
        '13 是 RFC 6455 的版本；不支持的服务器用 426 回复并列出支持的版本（§4.4）。',
      'note.sec-websocket-accept':
        'base64(SHA-1(key + GUID))：浏览器会核对它，不对就断开连接（§4.1）。右边逐步计算。',
      'note.sec-websocket-extensions':
        '请求里是提供的扩展，响应里是接受的扩展。permessage-deflate（RFC 7692）压缩每条消息，并让 RSV1 有了含义。',
      'note.sec-websocket-protocol': '客户端提供的子协议；服务器最多选一个（§4.2.2）。',
      'note.origin': '页面的源，浏览器总会发送。服务器必须检查它：WebSocket 不受同源策略保护（§10.2）。',
      'note.user-agent': '浏览器标识，和普通 HTTP 请求一样。WebSocket 协议本身不用它。',
      'note.pragma': '要求缓存不要替服务器回答：握手必须到达真正的服务器。',
      'note.cache-control': '和 Pragma 的作用相同，针对 HTTP/1.1 缓存。',
      'note.accept-encoding': '普通的 HTTP 内容协商；对 WebSocket 帧没有作用。',
      'note.accept-language': '浏览器的语言，和普通请求一样；WebSocket 不使用。',
      'note.accept':
        'Accept: */*，“任何类型”：Firefox 像普通请求一样发送它。101 响应没有正文，所以这里不起作用；RFC 6455 也不要求它。',
      'note.sec-fetch-dest':
        'Fetch 元数据，不属于 RFC 6455：响应的用途。“empty”：不是页面、图片或脚本，和 fetch() 一样。服务器可以用 Sec-Fetch-* 头拒绝意料之外的请求。',
      'note.sec-fetch-mode':
        'Fetch 元数据：“websocket”表示这是 WebSocket 握手，服务器可以据此把它和同一 URL 的页面跳转或 fetch() 区分开。',
      'note.sec-fetch-site':
        'Fetch 元数据：打开连接的页面相对这个服务器的位置：same-origin、same-site 或 cross-site。和 Origin（§10.2）一样，服务器可以据此拒绝别的网站打开的连接；它由浏览器设置，脚本改不了。',
      'note.cookie': 'Cookie 像普通请求一样随握手发送：服务器据此知道是谁在连接。',
      noteOther: 'WebSocket 协议没有定义的 HTTP 头；握手就是 HTTP，所以任何头都可能出现。',
      'deflate.client_max_window_bits':
        'client_max_window_bits：如果服务器要求，客户端可以用小于 32 KiB（2^15）的窗口压缩；请求里不带值只是表示支持；带值（8–15）就是规定大小。',
      'deflate.server_max_window_bits':
        'server_max_window_bits：服务器压缩时可用的窗口（8–15 位）；越小越省客户端内存。',
      'deflate.client_no_context_takeover':
        'client_no_context_takeover：客户端每条消息都从空字典开始压缩，消息之间不保留状态。',
      'deflate.server_no_context_takeover': 'server_no_context_takeover：服务器的消息也一样。',
      deflateBare:
        '没有参数：使用默认值，双向 32 KiB 窗口，字典在消息之间保留。Firefox 不带参数；Chromium 会加上 client_max_window_bits。',
      noteJoiner: '',
    },
  },
  widgetWords,
);

export const t = strings.t;
