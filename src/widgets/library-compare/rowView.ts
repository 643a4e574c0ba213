import type { Language } from '../../protocol/index.ts';
import { h } from '../shared/dom.ts';
import type { PacketLayers, WireRow } from './libraryWire.ts';

const arrow = (row: WireRow) => (row.direction === 'client' ? '→' : '←');

/** A payload's first characters: two lines of a column, whole (socket.io's layers say what the rest is). */
const payloadShown = 44;
const shorten = (text: string) => {
  const characters = [...text];
  return characters.length > payloadShown ? `${characters.slice(0, payloadShown - 1).join('')}…` : text;
};

/** One frame (or polling body): arrow, carrier and size, payload, and socket.io's layers under it. */
export function rowView(row: WireRow, lang: Language): HTMLElement {
  return h(
    'li',
    { class: `ws-lib-row ws-lib-${row.direction}`, 'data-carrier': row.carrier },
    h(
      'div',
      { class: 'ws-lib-row-head' },
      h('span', { class: 'ws-lib-arrow', text: arrow(row) }),
      h('span', { class: 'ws-lib-carrier', text: row.carrier }),
      h('span', { class: 'ws-lib-size', text: `${row.wireBytes} B` }),
    ),
    row.payload === ''
      ? null
      : h('code', { class: 'ws-lib-payload', text: shorten(row.payload), title: row.payload }),
    ...row.layers.map((layers) => layerView(layers, lang)),
  );
}

/** `EIO 4 message › SIO 2 event "echo" ["hello"]`: each layer's digit, its name, what it carries. */
function layerView({ engine, socketIo }: PacketLayers, lang: Language): HTMLElement {
  const parts: (HTMLElement | string)[] = [
    h('span', { class: 'ws-lib-eio', text: `EIO ${engine.typeText || 'bin'} ${engine.name ?? '?'}` }),
  ];
  if (engine.problem) parts.push(h('span', { class: 'bad', text: ` ${engine.problem[lang]}` }));
  if (engine.name !== 'message' && typeof engine.data === 'string' && engine.data !== '' && !engine.open) {
    parts.push(` ${engine.data}`);
  }
  if (engine.open)
    parts.push(` sid ${engine.open.sid.slice(0, 6)}… ping ${engine.open.pingInterval / 1000} s`);
  if (socketIo.kind === 'packet') {
    const packet = socketIo.packet;
    let text = `${packet.type ?? '?'} ${packet.name ?? '?'}`;
    if (packet.attachments > 0) text += ` +${packet.attachments} bin`;
    if (packet.namespaceText) text += ` ${packet.namespaceText}`;
    if (packet.ackId !== null) text += ` ack ${packet.ackId}`;
    if (packet.event !== null) text += ` "${packet.event}" ${JSON.stringify(packet.args)}`;
    else if (packet.json !== '') text += ` ${packet.json}`;
    parts.push(' › ', h('span', { class: 'ws-lib-sio', text: `SIO ${text}` }));
    if (packet.problem) parts.push(h('span', { class: 'bad', text: ` ${packet.problem[lang]}` }));
  } else if (socketIo.kind === 'attachment') {
    parts.push(
      ' › ',
      h('span', { class: 'ws-lib-sio', text: `SIO attachment ${socketIo.index + 1}/${socketIo.of}` }),
    );
  }
  return h('div', { class: 'ws-lib-layers' }, ...parts);
}
