import { toHex, wirePayloadOf } from '../../protocol/index.ts';
import { getSession, type LiveSession, type StoredFrame } from '../../session/index.ts';
import { parseRoomMessage } from '../../shared/room/follow.ts';
import { fieldLabel } from '../../shared/strings/fieldLabels.ts';
import { h, replace } from '../../widgets/shared/dom.ts';
import type { WidgetContext, WidgetInstance } from '../../widgets/widget.ts';
import { t } from './roomFrameStrings.ts';
import './roomFrame.css';

/**
 * The newest frame the server sent this page on /room that moved (or placed) its screen, a `move` or the
 * `state` on joining; not the presenter's head counts. Decoded from the tap's bytes, like every frame.
 */
export function latestRoomFrame(session: LiveSession): StoredFrame | null {
  for (let i = session.store.size - 1; i >= 0; i--) {
    const stored = session.store.at(i)!;
    if (stored.direction !== 'server' || stored.frame.opcode !== 1) continue;
    if (session.connection(stored.connection)?.info?.pageSocket !== 'room') continue;
    const message = parseRoomMessage(new TextDecoder().decode(stored.frame.payload));
    if (message?.type === 'move' || message?.type === 'state') return stored;
  }
  return null;
}

/**
 * "The frame that just moved your screen": the last /room frame this page received, as the wire carried it
 * (header bytes, each field in its colour, the payload as text). Nothing here is re-encoded: the bytes are
 * the tap's, decoded by src/protocol, like the inspector's.
 */
export function mountRoomFrame(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const session = getSession();
  const { lang } = context;
  const body = h('div', { class: 'room-frame-body' });
  host.append(h('div', { class: 'room-frame ws-widget' }, body));
  let shown = -1;

  const draw = () => {
    const stored = latestRoomFrame(session);
    if (!stored) {
      if (shown !== 0) replace(body, h('p', { class: 'room-frame-none', text: t(lang, 'roomFrameNone') }));
      shown = 0;
      return;
    }
    if (stored.seq === shown) return;
    shown = stored.seq;
    const { frame } = stored;
    const text = new TextDecoder().decode(frame.payload);
    const seq = /"seq":(\d+)/.exec(text)?.[1] ?? '?';
    const header = frame.headerBytes;
    const field = (name: string, cls: string, value: string) =>
      h(
        'div',
        { class: `room-frame-field ${cls}` },
        h('span', { text: fieldLabel(lang, name) }),
        h('strong', { text: value }),
      );
    replace(
      body,
      h('p', {
        class: 'room-frame-meta',
        text: t(lang, 'roomFrameMeta', { seq, bytes: frame.headerLength + frame.payloadLength }),
      }),
      h(
        'div',
        { class: 'room-frame-fields' },
        field('FIN', 'field-fin', frame.fin ? '1' : '0'),
        field('opcode', 'field-opcode', `0x${frame.opcode.toString(16)}`),
        field('MASK', 'field-mask', frame.masked ? '1' : '0'),
        field('payloadLength', 'field-length', String(frame.payloadLength)),
      ),
      h('p', { class: 'room-frame-label', text: t(lang, 'roomFrameHex') }),
      h(
        'p',
        { class: 'room-frame-hex' },
        h('span', { class: 'field-opcode', text: toHex(header.subarray(0, 1), ' ') }),
        ' ',
        h('span', { class: 'field-length', text: toHex(header.subarray(1), ' ') }),
        ' ',
        h('span', {
          class: 'field-payload',
          text: toHex(wirePayloadOf(frame, 16), ' ') + (frame.payload.length > 16 ? ' …' : ''),
        }),
      ),
      h('p', { class: 'room-frame-label', text: t(lang, 'roomFramePayload') }),
      h('pre', { class: 'room-frame-payload field-payload', text }),
    );
    session.frameDrawn(stored);
  };

  let frameRequest = 0;
  const unsubscribe = session.subscribe((change) => {
    if (!change.frames && !change.connections) return;
    cancelAnimationFrame(frameRequest);
    frameRequest = requestAnimationFrame(draw);
  });
  draw();
  return {
    destroy() {
      unsubscribe();
      cancelAnimationFrame(frameRequest);
      host.replaceChildren();
    },
  };
}
