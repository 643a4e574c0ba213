import type { Bilingual } from '../protocol/index.ts';

/**
 * TLS records begin with a content type (20–23: change_cipher_spec, alert, handshake, application_data)
 * and the major version 3 (RFC 8446 §5.1). An HTTP request begins with a letter.
 */
export function looksLikeTls(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0]! >= 20 && bytes[0]! <= 23 && bytes[1] === 3 && bytes[2]! <= 4;
}

export const tlsExplanation: Bilingual = {
  en: 'This connection is TLS (wss:// or https://): every byte after the TLS handshake is encrypted with keys that never crossed the wire, so no capture of the wire alone can show its WebSocket frames. Capture before encryption instead: export a HAR from the browser, point the application at ws://, or give Wireshark the session keys (SSLKEYLOGFILE).',
  zh: '这条连接使用了 TLS（wss:// 或 https://）：TLS 握手之后的每个字节都用从未在线路上出现过的密钥加密，所以仅凭线路抓包无法看到其中的 WebSocket 帧。请在加密之前抓取：从浏览器导出 HAR、让应用改用 ws://，或者把会话密钥（SSLKEYLOGFILE）交给 Wireshark。',
};
