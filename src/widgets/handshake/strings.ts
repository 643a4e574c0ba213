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
    },
    zh: {
      handshakeLabel: '握手浏览器',
      handshakeWaiting: '等待本页的连接…',
      handshakeOffline: '没有服务器：握手需要实时连接。Accept 计算器离线也能用。',
      bytesExact: '来自服务器抓取，逐字节一致',
      headerHelp: '选择一个头部，查看它的作用。',
    },
  },
  widgetWords,
);

export const t = strings.t;
