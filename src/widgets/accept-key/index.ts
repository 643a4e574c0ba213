import { h } from '../shared/dom.ts';
import { mountRoot } from '../shared/region.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { t } from './strings.ts';
import '../shared/widgets.css';
import './accept.css';
import { createAcceptCalculator, rfcExampleAccept, rfcExampleKey } from './calculator.ts';
import { realHandshakeKey } from './realKey.ts';

/**
 * The accept-key calculator: type any key, see Sec-WebSocket-Accept computed step by step. Needs no server;
 * with one, "Use this page's key" takes the key of the page's real handshake and checks the server's answer.
 * `data-widget-key="…"` sets the first key.
 */
export function mountAcceptKey(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const calculator = createAcceptCalculator(context.lang, { realKey: realHandshakeKey });
  const key = context.options.widgetKey ?? rfcExampleKey;
  calculator.setKey(key, key === rfcExampleKey ? rfcExampleAccept : null, 'rfc');
  const root = h(
    'div',
    { class: 'ws-widget ws-accept-widget', role: 'region', 'aria-label': t(context.lang, 'acceptTitle') },
    calculator.element,
  );
  return mountRoot(host, root);
}
