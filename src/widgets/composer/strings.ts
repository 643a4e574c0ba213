import { defineStrings, type PlainKeyOf } from '../../shared/strings/defineStrings.ts';
import { strings as widgetWords } from '../shared/strings.ts';

/** The composer widget's words, loaded with the widget (src/widgets/registry.ts imports it lazily). */
export const strings = defineStrings(
  {
    en: {
      composerLabel: 'Composer: send frames on this page’s connection',
      composerText: 'Text',
      composerSend: 'Send text',
      composerBinary: 'Send binary (hex)',
      composerSizes: 'Sizes that cross the length forms',
      composerSendFrames: 'Server, send these frames',
      composerSendFramesNote: 'byte for byte, to this page; the event panel shows each frame',
      composerServerCloseNote: 'the server’s ws.close() with no code: a close frame with an empty payload',
      composerOnMessage: 'this page’s onmessage ran',
      composerFragments: 'Send in fragments',
      composerParts: 'parts',
      composerFragmentsNote:
        'The browser API cannot fragment: the server sends these to the page through the lab.',
      composerPing: 'Server, ping now',
      composerPingNote:
        'Browsers cannot send pings (they only answer them): the server pings, the browser pongs.',
      composerClose: 'Close',
      composerCode: 'code',
      composerReason: 'reason',
      composerDeflate: 'permessage-deflate (reconnects)',
      labClose: 'close event',
      demoOnTheWire: 'On the wire (from the tap)',
    },
    zh: {
      composerLabel: '发送器：在本页的连接上发送帧',
      composerText: '文本',
      composerSend: '发送文本',
      composerBinary: '发送二进制（十六进制）',
      composerSizes: '跨越长度编码边界的大小',
      composerSendFrames: '让服务器发这几帧',
      composerSendFramesNote: '逐字节发给本页；事件面板会列出每一帧',
      composerServerCloseNote: '服务器调用不带关闭码的 ws.close()：负载为空的关闭帧',
      composerOnMessage: '本页的 onmessage 被调用',
      composerFragments: '分片发送',
      composerParts: '片数',
      composerFragmentsNote: '浏览器 API 不能分片：由服务器通过实验室发给本页。',
      composerPing: '服务器，立即 ping',
      composerPingNote: '浏览器不能发送 ping（只会回应）：由服务器发 ping，浏览器回 pong。',
      composerClose: '关闭',
      composerCode: '关闭码',
      composerReason: '原因',
      composerDeflate: 'permessage-deflate（会重新连接）',
      labClose: 'close 事件',
      demoOnTheWire: '线上的帧（来自抓包）',
    },
  },
  widgetWords,
);

export const t = strings.t;
export type PlainKey = PlainKeyOf<typeof strings>;
