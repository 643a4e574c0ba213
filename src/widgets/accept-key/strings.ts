import { defineStrings } from '../../shared/strings/defineStrings.ts';
import { strings as widgetWords } from '../shared/strings.ts';

/** The accept-key widget's words, loaded with the widget (src/widgets/registry.ts imports it lazily). */
export const strings = defineStrings(
  {
    en: {
      stepKey: '1. The client’s key',
      stepConcat: '2. key + GUID (RFC 6455 §1.3)',
      stepSha1: '3. SHA-1 of that string (20 bytes)',
      stepPadded: 'SHA-1’s padded input, 64-byte blocks',
      stepBase64: '4. base64 of the 20 bytes',
      serverSent: 'The server sent',
      rfcSays: 'RFC 6455 §1.3 gives',
      matches: 'matches: the handshake is genuine',
      mismatch: 'does not match: a browser would fail the connection',
      tryKey: 'Try any key',
      keyNot16: 'not base64 of 16 bytes: a server must refuse it (§4.2.1), but the arithmetic still works',
      useRealKey: 'Use this page’s key',
      rfcExample: 'RFC example',
    },
    zh: {
      stepKey: '1. 客户端的 key',
      stepConcat: '2. key + GUID（RFC 6455 §1.3）',
      stepSha1: '3. 对它做 SHA-1（20 字节）',
      stepPadded: 'SHA-1 填充后的输入，64 字节一块',
      stepBase64: '4. 20 字节的 base64',
      serverSent: '服务器发来',
      rfcSays: 'RFC 6455 §1.3 给出',
      matches: '一致：握手有效',
      mismatch: '不一致：浏览器会断开连接',
      tryKey: '试试任意 key',
      keyNot16: '不是 16 字节的 base64：服务器必须拒绝（§4.2.1），但计算照样可以进行',
      useRealKey: '用本页的 key',
      rfcExample: 'RFC 示例',
    },
  },
  widgetWords,
);

export const t = strings.t;
