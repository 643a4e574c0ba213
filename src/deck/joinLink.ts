import { encode } from 'uqr';
import type { Language } from '../protocol/index.ts';
import { escapeHtml } from './diagrams/escape.ts';
import { t } from './strings.ts';

/** The LAN origin the server said visitors reach it at (`--classroom`), or null: the page's own then. */
let joinOrigin: string | null = null;
let lastRendered: { root: ParentNode; lang: Language } | null = null;

/**
 * The server listens on the LAN (`--classroom`) and said at which address: the join links and QR codes
 * use it from now on, even on a deck opened at 127.0.0.1, and the ones on the slides are drawn again.
 */
export function useJoinOrigin(origin: string | null): void {
  if (origin === joinOrigin) return;
  joinOrigin = origin;
  if (lastRendered) renderJoinLinks(lastRendered.root, lastRendered.lang);
}

/** The deck's own address, opened at a slide, in the current language: what the room scans to join. */
export function joinUrl(hash: string, lang: Language): URL {
  const url = new URL(joinOrigin ? `${joinOrigin}/` : window.location.href);
  url.search = `?lang=${lang}`;
  url.hash = hash;
  return url;
}

/**
 * A QR code as inline SVG, dark on light whatever the theme (phones read that best), one path of squares.
 * Error correction M survives a projector's glare and a little keystone.
 */
export function qrSvg(text: string, label: string): string {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let path = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    `<svg class="join-qr-code" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escapeHtml(label)}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}

/** Fill every `a[data-join-link]` and `[data-join-qr]` of the slides with this deck's address. */
export function renderJoinLinks(root: ParentNode, lang: Language): void {
  lastRendered = { root, lang };
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[data-join-link]')) {
    const url = joinUrl(link.dataset.joinLink ?? '', lang);
    link.href = url.href;
    if (link.classList.contains('join-url')) link.textContent = `${url.host}/${url.search}${url.hash}`;
  }
  for (const box of root.querySelectorAll<HTMLElement>('[data-join-qr]')) {
    const url = joinUrl(box.dataset.joinQr ?? '', lang);
    box.innerHTML = qrSvg(url.href, `${t(lang, 'qrLabel')}: ${url.href}`);
  }
  // A loopback address in the QR would send every phone to itself: say how to get a reachable one.
  const loopback = !joinOrigin && /^(localhost|127\.|\[::1\])/.test(window.location.hostname);
  for (const hint of root.querySelectorAll<HTMLElement>('[data-join-hint]')) {
    hint.textContent = loopback ? t(lang, 'joinLoopbackHint') : '';
  }
}
