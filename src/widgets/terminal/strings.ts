import { defineStrings, type PlainKeyOf } from '../../shared/strings/defineStrings.ts';
import { strings as widgetWords } from '../shared/strings.ts';

/** The terminal widget's words, loaded with the widget (src/widgets/registry.ts imports it lazily). */
export const strings = defineStrings(
  {
    en: {
      terminalLabel: 'Terminal: type to send frames',
      terminalWelcome:
        'ws101 terminal: a plain line sends a text message.\n/help lists every command; Esc leaves the terminal.',
      terminalDemo: 'A demonstration: the terminal types by itself until you click into it or type.',
      terminalDemoDone: 'Your turn: type a message, or /help for every command. Esc leaves the terminal.',
      terminalOffline: 'No server: commands that send frames will fail.',
      browserSaw: 'browser',
      sentVia: 'via the lab',
      deflateOn: 'reconnecting with permessage-deflate',
      deflateOff: 'reconnecting without permessage-deflate',
      helpText: 'send a text message (start with // to send a leading /)',
      helpBinary: 'send a binary message',
      helpPing: 'ask the server to ping this page now (browsers cannot send pings)',
      helpClose: 'close from the browser: 1000 or 3000–4999, reason ≤ 123 bytes',
      helpFrag: 'the server sends <text> to this page in n fragments',
      helpRaw: 'the server writes these bytes raw to this page (lab)',
      helpSendRaw: 'a lab client sends these bytes raw to the server',
      helpDeflate: 'reconnect with permessage-deflate on or off',
      helpClear: 'clear the screen',
      helpHelp: 'this list',
    },
    zh: {
      terminalLabel: '终端：输入即可发送帧',
      terminalWelcome: 'ws101 终端：直接输入一行即发送文本消息。\n/help 列出所有命令；按 Esc 离开终端。',
      terminalDemo: '演示：在你点进终端或开始输入之前，终端会自己输入几条命令。',
      terminalDemoDone: '轮到你了：输入一条消息，或输入 /help 查看所有命令。按 Esc 离开终端。',
      terminalOffline: '没有服务器：发送帧的命令会失败。',
      browserSaw: '浏览器',
      sentVia: '经由实验室',
      deflateOn: '正在以 permessage-deflate 重新连接',
      deflateOff: '正在不带 permessage-deflate 重新连接',
      helpText: '发送文本消息（以 // 开头可发送 / 开头的文本）',
      helpBinary: '发送二进制消息',
      helpPing: '请服务器立即 ping 本页（浏览器不能发送 ping）',
      helpClose: '由浏览器关闭：1000 或 3000–4999，原因 ≤ 123 字节',
      helpFrag: '服务器把 <text> 分成 n 片发给本页',
      helpRaw: '服务器把这些字节原样写给本页（实验室）',
      helpSendRaw: '实验室客户端把这些字节原样发给服务器',
      helpDeflate: '开启或关闭 permessage-deflate 并重新连接',
      helpClear: '清屏',
      helpHelp: '显示本列表',
    },
  },
  widgetWords,
);

export const t = strings.t;
export type PlainKey = PlainKeyOf<typeof strings>;
