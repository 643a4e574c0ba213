import { defineStrings } from '../../shared/strings/defineStrings.ts';
import { strings as widgetWords } from '../shared/strings.ts';

/** The library-compare widget's words, loaded with the widget (src/widgets/registry.ts imports it lazily). */
export const strings = defineStrings(
  {
    en: {
      libCompareLabel: 'One message through three server libraries',
      libMessage: 'Message',
      libSendAll: 'Send through all three',
      libSend: 'Send',
      libConnecting: 'connecting…',
      libOpen: 'open',
      libClosed: 'closed',
      libNoServer: 'No server: start the deck with npm start',
      libNothingYet: 'Nothing on the wire yet',
      libTableLibrary: 'Library',
      libTableToServer: 'browser → server',
      libTableToBrowser: 'server → browser',
      libTableSetup: 'HTTP before the first frame',
      libTableCaption:
        'Bytes measured on the wire in this page for the message above: whole frame (payload alone)',
      libNotMeasured: 'send it',
      libOverPolling: 'HTTP polling',
      libRequest: 'Request',
      libResponse: 'Response',
      libBrowserHeaders: 'headers every browser request has',
      libShowWhole: 'Show the whole value',
      libNoHandshake: 'No handshake yet',
      libSeedLog: 'Its console.log, live',
      libSeedWire: 'On the wire (tap)',
      libNoteWs:
        'Answers with what RFC 6455 asks for; Sec-WebSocket-Protocol only for an offered subprotocol.',
      libNoteWsnode: 'Adds Origin: to its 101 (not in RFC 6455) because the code passes request.origin.',
      libNoteSocketIo:
        'The query names the protocol (EIO=4), the transport and the session (sid) opened by polling.',
      libNoteWsRequest: 'The browser’s request as it is: the path names the endpoint, nothing else is added.',
      libNoteWsnodeRequest: 'Offers the subprotocol echo-protocol, the only one its server code accepts.',
      libNoteSocketIoResponse:
        'A plain 101: the session is already known from the URL’s sid, so the answer adds nothing.',
    },
    zh: {
      libCompareLabel: '一条消息经过三个服务端库',
      libMessage: '消息',
      libSendAll: '三个一起发送',
      libSend: '发送',
      libConnecting: '连接中…',
      libOpen: '已连接',
      libClosed: '已关闭',
      libNoServer: '没有服务器：请用 npm start 启动',
      libNothingYet: '线上还没有数据',
      libTableLibrary: '库',
      libTableToServer: '浏览器 → 服务器',
      libTableToBrowser: '服务器 → 浏览器',
      libTableSetup: '第一帧之前的 HTTP',
      libTableCaption: '本页实测上面这条消息在线上的字节数：整帧（其中载荷）',
      libNotMeasured: '发送后可见',
      libOverPolling: 'HTTP 轮询',
      libRequest: '请求',
      libResponse: '响应',
      libBrowserHeaders: '个浏览器每次请求都带的头',
      libShowWhole: '显示完整的值',
      libNoHandshake: '还没有握手',
      libSeedLog: '它的 console.log（实时）',
      libSeedWire: '线上（抓取）',
      libNoteWs: '只回 RFC 6455 要求的头；子协议只在客户端提出时才回。',
      libNoteWsnode: '101 里多了 Origin:（RFC 6455 没有），因为代码传了 request.origin。',
      libNoteSocketIo: '查询串写明协议（EIO=4）、传输方式，以及轮询时建立的会话（sid）。',
      libNoteWsRequest: '浏览器原样的请求：路径指明端点，没有多加任何东西。',
      libNoteWsnodeRequest: '提出子协议 echo-protocol：它的服务器代码只接受这一个。',
      libNoteSocketIoResponse: '一个普通的 101：会话已经由 URL 里的 sid 确定，回答里不用再加什么。',
    },
  },
  widgetWords,
);

export const t = strings.t;
