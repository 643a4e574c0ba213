import {
  checkCloseReason,
  closeCodeInfo,
  type Language,
  maxCloseReasonBytes,
  parseHex,
} from '../../protocol/index.ts';
import { getSession, type LiveSession, type WireConnection } from '../../session/index.ts';
import { echoConnection, fragmentsToBrowser, pingNow, writeToBrowser } from '../lab/actions.ts';
import { startAutoDemo } from '../shared/autoDemo.ts';
import { h } from '../shared/dom.ts';
import { isolateKeys } from '../shared/keyboard.ts';
import { wireTail } from '../shared/wireTail.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { type PlainKey, t } from './strings.ts';
import '../shared/widgets.css';
import './composer.css';

/** Sizes on both sides of each length-form edge (RFC 6455 §5.2): 7-bit, 16-bit, 64-bit. */
const edgeSizes = [125, 126, 65535, 65536] as const;

type Mode = 'full' | 'ping' | 'close' | 'frames' | 'server-close';

/** The composer the presenter last touched: the one that reports the page's next close event. */
let lastUsed: HTMLElement | null = null;

/**
 * The composer: send text or binary on the page's echo socket, at sizes that cross the length forms, a
 * fragmented message and a ping through the lab (the browser API can do neither), a close with any allowed
 * code. What it sends appears in the inspector only when the tap reports the bytes.
 * `data-widget-mode="ping"` or `"close"` shows just that part, for the slides about them;
 * `data-widget-mode="frames"` with `data-widget-hex` has the server write exactly those frames to the page
 * and says what the page's `onmessage` got (one message from several fragments, a ping between them), or
 * the close event they caused; `data-widget-label` names its button. `"server-close"`: the server's `ws`
 * closes with no code at all (an empty close frame), which the page's close event reports as 1005.
 * `data-widget-close-code` and `data-widget-close-reason` are what it starts with (a slide's diagram and its
 * widget agree).
 */
export function mountComposer(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const lang = context.lang;
  const session = getSession();
  const wanted = context.options.widgetMode;
  const mode: Mode =
    wanted === 'ping' || wanted === 'close' || wanted === 'frames' || wanted === 'server-close'
      ? wanted
      : 'full';
  const status = h('p', { class: 'ws-composer-status', role: 'status', 'aria-live': 'polite' });
  const tell = (text: string, failed = false) => {
    status.textContent = text;
    status.classList.toggle('ws-composer-failed', failed);
  };
  const label = (key: PlainKey) => t(lang, key);
  const rows: HTMLElement[] = [];
  const text = textRow(session, lang, tell);
  // "Send anything" shows what it sent and what came back, as the tap saw it (the echo socket's frames).
  const tail = mode === 'full' ? wireTail(session, lang, () => echoConnections(session), 2) : null;
  if (mode === 'full')
    rows.push(
      text.row,
      sizesRow(session, lang, tell),
      binaryRow(session, lang, tell),
      fragmentRow(session, lang, tell),
    );
  if (mode === 'server-close') rows.push(serverCloseRow(session, lang, tell, context.options.widgetLabel));
  if (mode === 'frames') {
    rows.push(framesRow(session, lang, tell, context.options.widgetHex ?? '', context.options.widgetLabel));
  }
  if (mode === 'full' || mode === 'ping') rows.push(pingRow(session, lang, tell));
  if (mode === 'full' || mode === 'close')
    rows.push(
      closeRow(session, lang, tell, {
        code: context.options.widgetCloseCode ?? '4000',
        reason: context.options.widgetCloseReason ?? 'bye',
      }),
    );
  // "Send anything" ends with the deflate switch and the status, beside what the tap saw of the echo socket.
  const foot = tail
    ? h(
        'div',
        { class: 'ws-composer-foot' },
        h('div', {}, deflateRow(session, lang), status),
        h('div', { class: 'ws-composer-wire' }, h('h3', { text: label('demoOnTheWire') }), tail.element),
      )
    : null;
  const root = h(
    'div',
    {
      class: `ws-widget ws-composer ws-composer-${mode}`,
      role: 'region',
      // Two composers on one slide (close-api) are two landmarks: the button's label tells them apart.
      'aria-label': context.options.widgetLabel
        ? `${label('composerLabel')} · ${context.options.widgetLabel}`
        : label('composerLabel'),
    },
    ...rows,
    foot ?? status,
  );
  host.append(root);
  // Untouched, "Send anything" sends its text by itself: a real message, echoed, shown from the tap.
  const demo = mode === 'full' ? startAutoDemo(root, session, lang, () => text.send()) : null;
  const release = isolateKeys(root);
  const markUsed = () => {
    lastUsed = root;
  };
  // A click claims the next close however it came (mouse, keyboard, a script's click(), a room's replay):
  // focus alone misses the clicks that move no focus.
  root.addEventListener('click', markUsed, { capture: true });
  root.addEventListener('focusin', markUsed);
  const stopBrowser = session.onBrowserEvent((event) => {
    if (event.type !== 'close') return;
    // Two composers on one slide: the close belongs to the one last used, not to both.
    if (lastUsed !== null && lastUsed !== root && lastUsed.isConnected) return;
    tell(
      `${label('labClose')}: ${event.code} ${JSON.stringify(event.reason)} · wasClean ${event.wasClean}`,
      !event.wasClean,
    );
    // The slides go on: a new echo socket, so the next send works.
    setTimeout(() => {
      if (session.echoState === 'closed') session.reopenEcho();
    }, 1000);
  });
  return {
    destroy() {
      demo?.destroy();
      tail?.destroy();
      if (lastUsed === root) lastUsed = null;
      release();
      stopBrowser();
      root.remove();
    },
  };
}

type Tell = (text: string, failed?: boolean) => void;

function button(text: string, onClick: () => void): HTMLButtonElement {
  const element = h('button', { type: 'button', class: 'ws-button ws-button-primary', text });
  element.addEventListener('click', onClick);
  return element;
}

function input(attributes: Record<string, string>): HTMLInputElement {
  return h('input', { class: 'ws-input', ...attributes });
}

function row(...children: (Node | string)[]): HTMLElement {
  return h('div', { class: 'ws-composer-row' }, ...children);
}

function sent(ok: boolean, what: string, tell: Tell): void {
  tell(ok ? `→ ${what}` : 'no server', !ok);
}

function textRow(
  session: LiveSession,
  lang: Language,
  tell: Tell,
): { readonly row: HTMLElement; send(): void } {
  const text = input({ type: 'text', value: 'Hello, 你好', 'aria-label': t(lang, 'composerText') });
  const send = () => sent(session.send(text.value), `text ${JSON.stringify(text.value)}`, tell);
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') send();
  });
  return { row: row(text, button(t(lang, 'composerSend'), send)), send };
}

/** The page's echo socket as the tap knows it (the newest, after a reopen). */
function echoConnections(session: LiveSession): WireConnection[] {
  const id = session.echoConnection;
  const connection = id === null ? undefined : session.connection(id);
  return connection ? [connection] : [];
}

function sizesRow(session: LiveSession, lang: Language, tell: Tell): HTMLElement {
  const buttons = edgeSizes.map((size) =>
    button(`${size} B`, () =>
      sent(session.send(new Uint8Array(size).fill(0x61)), `binary, ${size} bytes`, tell),
    ),
  );
  return row(h('span', { class: 'ws-composer-label', text: t(lang, 'composerSizes') }), ...buttons);
}

function binaryRow(session: LiveSession, lang: Language, tell: Tell): HTMLElement {
  const hex = input({
    type: 'text',
    value: '00 01 fe ff',
    'aria-label': t(lang, 'composerBinary'),
    spellcheck: 'false',
  });
  const send = () => {
    const parsed = parseHex(hex.value);
    if (!parsed.ok) return tell(parsed.error.message[lang], true);
    sent(session.send(parsed.bytes), `binary, ${parsed.bytes.length} bytes`, tell);
  };
  return row(hex, button(t(lang, 'composerBinary'), send));
}

function fragmentRow(session: LiveSession, lang: Language, tell: Tell): HTMLElement {
  const text = input({ type: 'text', value: 'fragmented message', 'aria-label': t(lang, 'composerText') });
  const parts = input({
    type: 'number',
    min: '2',
    max: '16',
    value: '3',
    'aria-label': t(lang, 'composerParts'),
    class: 'ws-input ws-input-short',
  });
  const send = async () => {
    const reply = await fragmentsToBrowser(session, text.value, Math.max(1, Number(parts.value) || 1));
    tell(reply.ok ? `← ${parts.value} fragments` : reply.message, !reply.ok);
  };
  return row(
    text,
    h('label', { class: 'ws-composer-label' }, `${t(lang, 'composerParts')} `, parts),
    button(t(lang, 'composerFragments'), () => void send()),
    h('span', { class: 'ws-note', text: t(lang, 'composerFragmentsNote') }),
  );
}

function serverCloseRow(
  session: LiveSession,
  lang: Language,
  tell: Tell,
  label: string | undefined,
): HTMLElement {
  const close = async () => {
    const connection = await echoConnection(session);
    if (connection === null) return tell('no echo connection (is the server running?)', true);
    // No code: ws sends a close frame with an empty payload (RFC 6455 §5.5.1 allows it).
    const reply = await session.command({ type: 'lab.close', connection, reason: '' });
    if (!reply.ok) tell(reply.message, true);
  };
  return row(
    button(label ?? t(lang, 'composerClose'), () => void close()),
    h('span', { class: 'ws-note', text: t(lang, 'composerServerCloseNote') }),
  );
}

/** How long after the frames the page's `onmessage` calls are counted. */
const messagesWithinMs = 1500;

function framesRow(
  session: LiveSession,
  lang: Language,
  tell: Tell,
  hex: string,
  label: string | undefined,
): HTMLElement {
  const parsed = parseHex(hex);
  const send = async () => {
    if (!parsed.ok) return tell(parsed.error.message[lang], true);
    const received: string[] = [];
    let closed = false;
    const stop = session.onBrowserEvent((event) => {
      if (event.type === 'message') received.push(typeof event.data === 'string' ? event.data : '(binary)');
      // The frames closed the connection: the close event (told by the widget) is the news, not onmessage.
      if (event.type === 'close') closed = true;
    });
    const reply = await writeToBrowser(session, parsed.bytes);
    if (!reply.ok) {
      stop();
      return tell(reply.message, true);
    }
    setTimeout(() => {
      stop();
      if (closed) return;
      const list = received.map((text) => JSON.stringify(text)).join(', ');
      tell(`${t(lang, 'composerOnMessage')}: ${received.length} × ${list || '—'}`);
    }, messagesWithinMs);
  };
  return row(
    button(label ?? t(lang, 'composerSendFrames'), () => void send()),
    h('span', { class: 'ws-note', text: t(lang, 'composerSendFramesNote') }),
  );
}

function pingRow(session: LiveSession, lang: Language, tell: Tell): HTMLElement {
  const payload = input({ type: 'text', value: 'ws101', maxlength: '125', 'aria-label': 'ping payload' });
  const ping = async () => {
    const reply = await pingNow(session, payload.value);
    tell(reply.ok ? `← ping ${JSON.stringify(payload.value)}` : reply.message, !reply.ok);
  };
  return row(
    payload,
    button(t(lang, 'composerPing'), () => void ping()),
    h('span', { class: 'ws-note', text: t(lang, 'composerPingNote') }),
  );
}

function closeRow(
  session: LiveSession,
  lang: Language,
  tell: Tell,
  start: { code: string; reason: string },
): HTMLElement {
  const code = input({
    type: 'number',
    value: start.code,
    min: '1000',
    max: '4999',
    'aria-label': t(lang, 'composerCode'),
    class: 'ws-input ws-input-short',
  });
  const reason = input({
    type: 'text',
    value: start.reason,
    maxlength: '123',
    'aria-label': t(lang, 'composerReason'),
  });
  // The field's maxlength counts characters; the wire counts UTF-8 bytes: show those as they are typed.
  const count = h('span', { class: 'ws-note ws-reason-bytes', 'aria-live': 'polite' });
  const showCount = () => {
    const { bytes, problem } = checkCloseReason(reason.value);
    count.textContent = `${bytes}/${maxCloseReasonBytes} B`;
    count.classList.toggle('ws-composer-failed', problem !== null);
  };
  reason.addEventListener('input', showCount);
  showCount();
  const close = () => {
    const value = Number(code.value);
    // The WebSocket API allows only these (it throws otherwise); the lab can put any code on the wire.
    if (value !== 1000 && (value < 3000 || value > 4999)) {
      return tell(`${value} (${closeCodeInfo(value).name}): 1000, 3000–4999 only`, true);
    }
    const { problem } = checkCloseReason(reason.value);
    if (problem) return tell(problem[lang], true);
    try {
      session.closeEcho(value, reason.value);
    } catch (error) {
      // The API's own refusal (a SyntaxError or InvalidAccessError), said rather than thrown.
      return tell(`${(error as Error).name}: ${(error as Error).message}`, true);
    }
    tell(`→ close ${value} ${JSON.stringify(reason.value)}`);
  };
  return row(
    h('label', { class: 'ws-composer-label' }, `${t(lang, 'composerCode')} `, code),
    h('label', { class: 'ws-composer-label' }, `${t(lang, 'composerReason')} `, reason),
    count,
    button(t(lang, 'composerClose'), close),
  );
}

function deflateRow(session: LiveSession, lang: Language): HTMLElement {
  const box = h('input', { type: 'checkbox', class: 'ws-checkbox' });
  box.checked = session.deflate;
  box.addEventListener('change', () => session.reopenEcho({ deflate: box.checked }));
  return row(h('label', { class: 'ws-composer-label' }, box, ` ${t(lang, 'composerDeflate')}`));
}
