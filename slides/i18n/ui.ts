import type { Bilingual } from '../../src/protocol/i18n.ts';

/** Every label the deck's own chrome shows, in both languages: the one place to translate them. */
export const ui = {
  switchLanguage: { en: '中文', zh: 'English' },
  switchLanguageTitle: { en: 'Switch the deck to Chinese', zh: '切换到英文' },
  themeDark: { en: 'Dark', zh: '深色' },
  themeLight: { en: 'Light', zh: '浅色' },
  themeTitle: { en: 'Switch between the light and the dark projector theme', zh: '切换浅色 / 深色投影主题' },
  toolbarLabel: { en: 'Deck settings', zh: '幻灯片设置' },
  staticExample: { en: 'Captured example', zh: '记录的示例' },
  run: { en: '▶ Run', zh: '▶ 运行' },
  stop: { en: '■ Close', zh: '■ 关闭' },
  consoleNoServer: {
    en: 'No echo server here (a static file or a PDF): start the deck with `npm start`.',
    zh: '这里没有回声服务器（静态文件或 PDF）：请用 `npm start` 启动。',
  },
  qrLabel: { en: 'QR code of this link', zh: '此链接的二维码' },
  joinLoopbackHint: {
    en: 'This is a loopback address: open the deck at the LAN address that npm start prints, so phones can join.',
    zh: '这是本机回环地址：请用 npm start 打印的局域网地址打开幻灯片，手机才能加入。',
  },
  frameGridLabel: {
    en: 'The WebSocket frame, 32 bits per row (RFC 6455 §5.2)',
    zh: 'WebSocket 帧，每行 32 位（RFC 6455 §5.2）',
  },
  continued: { en: '(continued)', zh: '（续）' },
  ifLength126: { en: 'if Payload len = 126 / 127', zh: '当 Payload len = 126 / 127' },
  ifMask: { en: 'if MASK = 1', zh: '当 MASK = 1' },
  acceptStepKey: { en: '1. The client’s Sec-WebSocket-Key', zh: '1. 客户端发来的 Sec-WebSocket-Key' },
  acceptStepConcat: { en: '2. Append the fixed GUID', zh: '2. 拼接固定的 GUID' },
  acceptStepSha1: { en: '3. SHA-1 of that string (20 bytes)', zh: '3. 对这个字符串做 SHA-1（20 字节）' },
  acceptStepBase64: {
    en: '4. base64 of the 20 bytes = Sec-WebSocket-Accept',
    zh: '4. 把 20 字节做 base64 = Sec-WebSocket-Accept',
  },
  maskWire: { en: 'masked (on the wire)', zh: '掩码后（线路上）' },
  maskKey: { en: 'key[i mod 4]', zh: 'key[i mod 4]' },
  maskPlain: { en: 'unmasked', zh: '还原后' },
  maskChar: { en: 'text', zh: '文本' },
  controlFrame: { en: 'control', zh: '控制帧' },
  dataFrame: { en: 'data', zh: '数据帧' },
  name: { en: 'name', zh: '名称' },
  kind: { en: 'kind', zh: '类型' },
  meaning: { en: 'meaning', zh: '含义' },
} as const satisfies Record<string, Bilingual>;

export type UiLabel = keyof typeof ui;
