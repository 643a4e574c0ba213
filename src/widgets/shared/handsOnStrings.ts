import type { Bilingual, Language } from '../../protocol/i18n.ts';

/** Labels of the hands-on widgets (composer, lab, bit editor, terminal), in both languages, in one place. */
export const handsOn = {
  // Terminal
  terminalLabel: { en: 'Terminal: type to send frames', zh: '终端：输入即可发送帧' },
  terminalWelcome: {
    en: 'ws101 terminal: a plain line sends a text message.\n/help lists every command; Esc leaves the terminal.',
    zh: 'ws101 终端：直接输入一行即发送文本消息。\n/help 列出所有命令；按 Esc 离开终端。',
  },
  terminalOffline: {
    en: 'No server: commands that send frames will fail.',
    zh: '没有服务器：发送帧的命令会失败。',
  },
  browserSaw: { en: 'browser', zh: '浏览器' },
  sentVia: { en: 'via the lab', zh: '经由实验室' },
  cleared: { en: 'cleared', zh: '已清屏' },
  deflateOn: { en: 'reconnecting with permessage-deflate', zh: '正在以 permessage-deflate 重新连接' },
  deflateOff: { en: 'reconnecting without permessage-deflate', zh: '正在不带 permessage-deflate 重新连接' },
  failed: { en: 'failed', zh: '失败' },

  // Composer
  composerLabel: {
    en: 'Composer: send frames on this page’s connection',
    zh: '发送器：在本页的连接上发送帧',
  },
  composerText: { en: 'Text', zh: '文本' },
  composerSend: { en: 'Send text', zh: '发送文本' },
  composerBinary: { en: 'Send binary (hex)', zh: '发送二进制（十六进制）' },
  composerSizes: { en: 'Sizes that cross the length forms', zh: '跨越长度编码边界的大小' },
  composerFragments: { en: 'Send in fragments', zh: '分片发送' },
  composerParts: { en: 'parts', zh: '片数' },
  composerFragmentsNote: {
    en: 'The browser API cannot fragment: the server sends these to the page through the lab.',
    zh: '浏览器 API 不能分片：由服务器通过实验室发给本页。',
  },
  composerPing: { en: 'Server, ping now', zh: '服务器，立即 ping' },
  composerPingNote: {
    en: 'Browsers cannot send pings (they only answer them): the server pings, the browser pongs.',
    zh: '浏览器不能发送 ping（只会回应）：由服务器发 ping，浏览器回 pong。',
  },
  composerClose: { en: 'Close', zh: '关闭' },
  composerCode: { en: 'code', zh: '关闭码' },
  composerReason: { en: 'reason', zh: '原因' },
  composerDeflate: { en: 'permessage-deflate (reconnects)', zh: 'permessage-deflate（会重新连接）' },
  composerState: { en: 'echo socket', zh: '回声连接' },

  // Lab
  labLabel: { en: 'Frame lab: break the rules on purpose', zh: '帧实验室：故意违反规则' },
  labToBrowser: { en: 'server → browser', zh: '服务器 → 浏览器' },
  labToServer: { en: 'browser → server', zh: '浏览器 → 服务器' },
  labRun: { en: 'Run', zh: '运行' },
  labExpect: { en: 'Expected', zh: '预期' },
  labHappened: { en: 'What happened', zh: '实际发生' },
  labBytes: { en: 'Bytes sent', zh: '发送的字节' },
  labRunning: { en: 'running…', zh: '运行中…' },
  labMessage: { en: 'message event', zh: 'message 事件' },
  labClose: { en: 'close event', zh: 'close 事件' },
  labError: { en: 'error event', zh: 'error 事件' },
  labServerClosed: { en: 'the server sent close', zh: '服务器发送了关闭帧' },
  labServerAccepted: { en: 'the server accepted it (no close)', zh: '服务器接受了（没有关闭）' },
  labBrowserAccepted: { en: 'no close: the browser accepted it', zh: '没有关闭：浏览器接受了' },
  labMatches: { en: 'as expected', zh: '符合预期' },
  labDiffers: { en: 'differs from the table', zh: '与预期不同' },
  labReopened: { en: 'a new echo socket was opened', zh: '已重新打开回声连接' },

  // Bit editor
  editorLabel: { en: 'Bit editor: build any frame', zh: '位编辑器：构造任意帧' },
  editorHint: {
    en: 'Click a bit (or focus it and press Space) to flip it; edit the fields below.',
    zh: '点击某一位（或聚焦后按空格）即可翻转；也可以编辑下面的字段。',
  },
  editorOpcode: { en: 'opcode', zh: '操作码' },
  editorKey: { en: 'masking key (hex, empty = no MASK)', zh: '掩码键（十六进制，留空 = 不掩码）' },
  editorLength: { en: 'declared length', zh: '声明的长度' },
  editorPayloadText: { en: 'payload as text', zh: '负载（文本）' },
  editorPayloadHex: { en: 'payload as hex', zh: '负载（十六进制）' },
  editorSendToBrowser: { en: 'Send to the browser', zh: '发给浏览器' },
  editorSendToServer: { en: 'Send to the server', zh: '发给服务器' },
  editorNoViolations: { en: 'No violation: a well-formed frame.', zh: '没有违规：格式正确的帧。' },
  editorIncomplete: { en: 'cut short: bytes missing', zh: '不完整：缺少字节' },
  editorAs: { en: 'checked as sent by the', zh: '按此发送方检查：' },
} satisfies Record<string, Bilingual>;

export type HandsOnKey = keyof typeof handsOn;

export function say(lang: Language, key: HandsOnKey): string {
  return handsOn[key][lang];
}
