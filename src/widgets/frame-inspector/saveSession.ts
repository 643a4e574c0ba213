import type { Language } from '../../protocol/index.ts';
import type { LiveSession } from '../../session/index.ts';
import { sessionPcapngBytes } from '../../session/sessionCapture.ts';
import { captureText } from '../../shared/strings/capture.ts';
import { h } from '../shared/dom.ts';

/**
 * "Save .pcapng": the page's own connections, from the tap records it already decoded, downloaded as a file
 * Wireshark opens. Built in the page: nothing is asked of the server.
 */
export function saveSessionButton(session: LiveSession, lang: Language): HTMLButtonElement {
  const button = h('button', {
    type: 'button',
    class: 'ws-button ws-save-session',
    text: `↓ ${captureText(lang, 'saveSession')}`,
    // The visible words are its accessible name; the title says more.
    title: captureText(lang, 'saveSessionLabel'),
  });
  button.addEventListener('click', () => {
    const serverPort = Number(location.port) || (location.protocol === 'https:' ? 443 : 80);
    const bytes = sessionPcapngBytes(session.connections, session.store.list('all'), serverPort);
    const url = URL.createObjectURL(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.tcpdump.pcap' }),
    );
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const link = h('a', { href: url, download: `ws101-session-${stamp}.pcapng` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return button;
}
