import { defineStrings } from '../../shared/strings/defineStrings.ts';
import { strings as widgetWords } from '../../widgets/shared/strings.ts';

/** The room-frame widget's words, loaded with it (src/widgets/registry.ts imports roomFrame.ts lazily). */
export const strings = defineStrings(
  {
    en: {
      roomFrameNone: 'No sync frame yet: when the presenter moves, it shows here, decoded from the wire.',
      roomFrameMeta: 'frame {seq} on /room, server → browser, {bytes} bytes on the wire',
      roomFrameHex: 'bytes on the wire',
      roomFramePayload: 'payload (UTF-8 text)',
    },
    zh: {
      roomFrameNone: '还没有同步帧：演讲者翻页时，这里会显示从线路上解码的那一帧。',
      roomFrameMeta: '/room 上的第 {seq} 帧，服务器 → 浏览器，线路上 {bytes} 字节',
      roomFrameHex: '线路上的字节',
      roomFramePayload: '负载（UTF-8 文本）',
    },
  },
  widgetWords,
);

export const t = strings.t;
