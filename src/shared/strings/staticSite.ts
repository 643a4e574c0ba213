import { defineStrings } from './defineStrings.ts';

/** The words of the static site (`npm run build:static`): recordings, the server field, what needs a server. */
export const staticSiteStrings = defineStrings({
  en: {
    recordedOn:
      'Recorded on {date} from the bundled server (ws {ws}) in {browser}: the tap’s real bytes and timing.',
    recordedLabel: 'Recorded session of the {widget} ({key})',
    recordedBrowser: 'The browser this session was recorded in',
    recordedTab: 'The recorded demo',
    headsTab: 'The upgrade request and the 101',
    framesTab: 'The frames that followed',
    headsFrom: 'Connection {n}: the heads exactly as the tap read and wrote them',
    noHeads: 'This recording holds no opening handshake.',
    editorTab: 'Bit editor (runs here)',
    needsServer:
      'The room, the chat and sharing with the presenter need a server: this copy of the deck has none.',
    conformRecordedOn: 'Recorded {date} with {versions} · live: ',
    conformRecordedRun:
      'A recorded run: on {date} the bundled server (Node {node}) ran every case against each endpoint ({results}). To run it live, start the server: npm start.',
    conformRecordedResults: '{endpoint}: {cases} cases in {seconds} s',
    runServer: 'Run ',
    runServerThen: ' and enter its address on the first slide.',
    serverField: 'Have a ws101 server? Its address:',
    serverGo: 'Go live',
    serverInvalid: 'Give a ws:// or wss:// address.',
    staticBadge: 'Static copy: live widgets replay recorded sessions',
  },
  zh: {
    recordedOn: '{date} 录制于内置服务器（ws {ws}），浏览器 {browser}：监听点捕获的真实字节与时间。',
    recordedLabel: '{widget} 组件的录制会话（{key}）',
    recordedBrowser: '录制这个会话所用的浏览器',
    recordedTab: '录制的演示',
    headsTab: '升级请求与 101 响应',
    framesTab: '之后的帧',
    headsFrom: '连接 {n}：监听点读到和写出的原样头部',
    noHeads: '这份录制中没有开始握手。',
    editorTab: '位编辑器（在本页运行）',
    needsServer: '课堂同步、聊天以及与演讲者共享需要服务器：本份幻灯片没有服务器。',
    conformRecordedOn: '录制于 {date}，{versions} · 现场运行：',
    conformRecordedRun:
      '录制的一次运行：{date}，内置服务器（Node {node}）对每个端点运行了全部用例（{results}）。要现场运行，请启动服务器：npm start。',
    conformRecordedResults: '{endpoint}：{cases} 个用例，{seconds} 秒',
    runServer: '运行 ',
    runServerThen: '，然后在第一张幻灯片上填入它的地址。',
    serverField: '有 ws101 服务器？它的地址：',
    serverGo: '连接',
    serverInvalid: '请填写 ws:// 或 wss:// 地址。',
    staticBadge: '静态副本：实时组件回放录制的会话',
  },
});

export const staticSiteText = staticSiteStrings.t;
