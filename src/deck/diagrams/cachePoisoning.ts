import type { Language } from '../../protocol/index.ts';
import { type PlainKey, t } from '../strings.ts';
import { escapeHtml } from './escape.ts';

const browserX = 150;
const proxyX = 600;
const serverX = 1050;

function arrow(fromX: number, toX: number, y: number, extra = ''): string {
  // Stop short of the lifeline so the arrowhead sits on it.
  const end = toX > fromX ? toX - 8 : toX + 8;
  return `<line x1="${fromX}" y1="${y}" x2="${end}" y2="${y}" class="cp-arrow${extra}" marker-end="url(#cp-head)" />`;
}

function text(x: number, y: number, content: string, className = '', anchor = 'middle'): string {
  return `<text x="${x}" y="${y}" text-anchor="${anchor}"${className ? ` class="${className}"` : ''}>${escapeHtml(content)}</text>`;
}

/**
 * The attack that client masking prevents (Huang et al., 2011; RFC 6455 §10.3), in four steps, each a
 * fragment: a page's script opens a WebSocket to the attacker's server through a transparent proxy, sends
 * bytes that read as an HTTP request for another site, the attacker's server answers, and the proxy
 * caches that answer as the other site's file.
 */
export function renderCachePoisoning(lang: Language): string {
  const l = (key: PlainKey) => t(lang, key);
  return `<svg class="cache-poisoning" viewBox="0 0 1200 386" role="img" aria-label="${escapeHtml(l('cpAria'))}">
  <defs><marker id="cp-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="cp-head" /></marker></defs>
  ${text(browserX, 30, l('cpBrowser'), 'cp-actor')}${text(browserX, 60, l('cpBrowserNote'), 'cp-note')}
  ${text(proxyX, 30, l('cpProxy'), 'cp-actor')}${text(proxyX, 60, l('cpProxyNote'), 'cp-note')}
  ${text(serverX, 30, l('cpServer'), 'cp-actor')}${text(serverX, 60, l('cpServerNote'), 'cp-note')}
  <line x1="${browserX}" y1="74" x2="${browserX}" y2="380" class="cp-lifeline" />
  <line x1="${proxyX}" y1="74" x2="${proxyX}" y2="312" class="cp-lifeline" />
  <line x1="${serverX}" y1="74" x2="${serverX}" y2="380" class="cp-lifeline" />
  <g class="fragment" data-fragment-index="0">
    ${text(375, 102, l('cpStep1'))}
    ${arrow(browserX, serverX, 118)}
  </g>
  <g class="fragment" data-fragment-index="1">
    ${text(375, 154, l('cpStep2'))}
    ${text(375, 184, 'GET /app.js HTTP/1.1', 'cp-code')}
    ${text(375, 212, 'Host: bank.example', 'cp-code')}
    ${arrow(browserX, proxyX, 228, ' cp-bad')}
    ${text(proxyX + 18, 236, l('cpProxyThinks'), 'cp-bad-text', 'start')}
  </g>
  <g class="fragment" data-fragment-index="2">
    ${text(825, 280, l('cpStep3'))}
    ${arrow(serverX, proxyX, 296, ' cp-bad')}
  </g>
  <g class="fragment" data-fragment-index="3">
    <rect x="190" y="318" width="820" height="62" rx="10" class="cp-cache" />
    ${text(proxyX, 358, l('cpStep4'), 'cp-bad-text')}
  </g>
</svg>`;
}
