import { decodeCapture } from '../../capture/index.ts';
import type { HttpMessage, Language } from '../../protocol/index.ts';
import { staticSiteText } from '../../shared/strings/staticSite.ts';
import { h } from '../shared/dom.ts';

function headText(message: HttpMessage): string {
  return [message.startLine, ...message.headers.map((header) => header.raw)].join('\n');
}

/**
 * The recorded connection's opening handshake, the browser's upgrade request and the server's 101, each line
 * as the tap saw it, decoded here from the recording by the capture reader (src/capture).
 */
export async function handshakeHeads(url: string, lang: Language): Promise<HTMLElement> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const connection = decodeCapture(bytes).connections.find((c) => c.kind === 'websocket');
  const handshake = connection?.kind === 'websocket' ? connection.handshake : null;
  if (!connection || !handshake)
    return h('p', { class: 'ws-recorded-heads-caption', text: staticSiteText(lang, 'noHeads') });
  return h(
    'div',
    { class: 'ws-recorded-heads' },
    h('p', {
      class: 'ws-recorded-heads-caption',
      text: staticSiteText(lang, 'headsFrom', { n: connection.id + 1 }),
    }),
    h('pre', {
      class: 'ws-recorded-head-text',
      tabindex: 0,
      'data-side': 'client',
      text: headText(handshake.request),
    }),
    handshake.response
      ? h('pre', {
          class: 'ws-recorded-head-text',
          tabindex: 0,
          'data-side': 'server',
          text: headText(handshake.response),
        })
      : null,
  );
}
