import {
  annotateFrame,
  annotateIncomplete,
  decodeFrames,
  encodeFrame,
  type Field,
  type Language,
  opcodeInfo,
  parseHex,
  type Sender,
  toHex,
} from '../../protocol/index.ts';
import type { LiveSession } from '../../session/index.ts';
import { fieldStyles } from '../../shared/fieldColours.ts';
import { h, replace } from '../shared/dom.ts';
import { type LabActions, observeBrowser, observeServer, writeToBrowser } from './actions.ts';
import { behaviourLines } from './experimentsPane.ts';
import { t } from './strings.ts';

type Direction = 'to-server' | 'to-browser';

import { bytesOf, type EditableFields, fieldsOf, flipBit, withPayload } from './bitEditorModel.ts';

/** Bits of the payload drawn after the header: one row of the grid. */
const payloadBitsShown = 32;

const textEncoder = new TextEncoder();

/**
 * The bit editor: the frame as a grid of bits (click or Space flips one), and its fields as inputs. The
 * core decodes the bytes after every edit, so violations show before anything is sent.
 */
export class BitEditorPane {
  readonly element: HTMLElement;
  private bytes = encodeFrame({ opcode: 1, payload: 'Hi', mask: Uint8Array.of(0x37, 0xfa, 0x21, 0x3d) });
  /** Where the frame goes: it is checked as that sender's frame, and the one Send button sends it there. */
  private direction: Direction = 'to-server';
  private readonly sendButton = h('button', {
    type: 'button',
    class: 'ws-button ws-button-primary ws-editor-send',
  });
  private readonly grid = h('div', { class: 'ws-editor-grid', role: 'group' });
  private readonly legend = h('div', { class: 'ws-editor-legend', 'aria-hidden': 'true' });
  private readonly form = h('div', { class: 'ws-editor-form' });
  private readonly report = h('div', { class: 'ws-editor-report', 'aria-live': 'polite' });
  private readonly status = h('p', { class: 'ws-composer-status', role: 'status' });
  private focusBit = 0;

  constructor(
    private readonly session: LiveSession,
    private readonly lab: LabActions,
    private readonly lang: Language,
  ) {
    this.grid.setAttribute('aria-label', t(lang, 'editorLabel'));
    this.sendButton.addEventListener('click', () => void this.send());
    this.element = h(
      'div',
      { class: 'ws-bit-editor' },
      h('p', { class: 'ws-note', text: t(lang, 'editorHint') }),
      this.grid,
      this.legend,
      this.form,
      this.report,
      h('div', { class: 'ws-composer-row' }, this.sendButton),
      this.status,
    );
    this.grid.addEventListener('keydown', (event) => this.onGridKey(event));
    this.render();
  }

  /** The bytes as they stand, for the tests and the send buttons. */
  get currentBytes(): Uint8Array {
    return this.bytes;
  }

  private setBytes(bytes: Uint8Array, keepForm = false): void {
    this.bytes = bytes;
    this.render(keepForm);
  }

  private render(keepForm = false): void {
    this.sendButton.textContent = t(
      this.lang,
      this.direction === 'to-server' ? 'editorSendToServer' : 'editorSendToBrowser',
    );
    const decoded = decodeFrames(this.bytes, { sender: this.sender });
    const frame = decoded.frames[0];
    const fields: readonly Field[] = frame
      ? annotateFrame(frame)
      : (decoded.incomplete?.fields ?? annotateIncomplete(this.bytes).fields);
    this.drawGrid(fields);
    if (!keepForm) this.drawForm();
    const violations = frame?.violations ?? [];
    const lines: (HTMLElement | string)[] = [
      h('p', { class: 'ws-editor-hex' }, h('code', { text: toHex(this.bytes, ' ') })),
    ];
    if (!frame) {
      lines.push(
        h('p', {
          class: 'ws-editor-problem',
          text: `${t(this.lang, 'editorIncomplete')}: ${decoded.incomplete?.bytesNeeded ?? 0}`,
        }),
      );
    }
    for (const v of violations) {
      lines.push(
        h('p', {
          class: 'ws-editor-problem',
          text: `✗ ${v.closeCode} · §${v.section} · ${v.message[this.lang]}`,
        }),
      );
    }
    if (frame && violations.length === 0)
      lines.push(h('p', { class: 'ws-editor-fine', text: `✓ ${t(this.lang, 'editorNoViolations')}` }));
    replace(this.report, ...lines);
  }

  private drawGrid(fields: readonly Field[]): void {
    const headerBits = fields
      .filter((f) => f.name !== 'payload')
      .reduce((end, f) => Math.max(end, f.bitOffset + f.bitLength), 16);
    const totalBits = Math.min(this.bytes.length * 8, headerBits + payloadBitsShown);
    const kindOf = (bit: number) =>
      fields.find((f) => bit >= f.bitOffset && bit < f.bitOffset + f.bitLength)?.kind ?? 'payload';
    const nameOf = (bit: number) =>
      fields.find((f) => bit >= f.bitOffset && bit < f.bitOffset + f.bitLength)?.name ?? 'payload';
    const cells: HTMLElement[] = [];
    for (let bit = 0; bit < totalBits; bit++) {
      const value = (this.bytes[bit >> 3]! >> (7 - (bit & 7))) & 1;
      const kind = kindOf(bit);
      const cell = h('button', {
        type: 'button',
        class: `ws-editor-bit field-${kind}`,
        'data-bit': bit,
        tabindex: bit === this.focusBit ? 0 : -1,
        'aria-label': `bit ${bit}, ${fieldStyles[kind].label[this.lang]} (${nameOf(bit)}) = ${value}`,
        text: String(value),
      });
      cell.addEventListener('click', () => {
        this.focusBit = bit;
        this.setBytes(flipBit(this.bytes, bit));
        (this.grid.querySelector(`[data-bit="${bit}"]`) as HTMLElement | null)?.focus();
      });
      cells.push(cell);
    }
    replace(this.grid, ...cells);
    // Never colour alone: the fields in the grid, named in their colours.
    const kinds = [...new Set(fields.filter((f) => f.bitOffset < totalBits).map((f) => f.kind))];
    replace(
      this.legend,
      ...kinds.map((kind) =>
        h('span', { class: `ws-editor-legend-item field-${kind}`, text: fieldStyles[kind].label[this.lang] }),
      ),
    );
  }

  private onGridKey(event: KeyboardEvent): void {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 32, ArrowUp: -32 };
    const step = moves[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const count = this.grid.children.length;
    this.focusBit = Math.max(0, Math.min(count - 1, this.focusBit + step));
    for (const cell of this.grid.children) (cell as HTMLElement).tabIndex = -1;
    const cell = this.grid.children[this.focusBit] as HTMLElement | undefined;
    if (cell) {
      cell.tabIndex = 0;
      cell.focus();
    }
  }

  private drawForm(): void {
    const fields = fieldsOf(this.bytes);
    if (!fields) {
      replace(this.form);
      return;
    }
    const lang = this.lang;
    const update = (change: Partial<EditableFields>) =>
      this.setBytes(bytesOf({ ...fields, ...change }), true);
    const checkbox = (name: 'fin' | 'rsv1' | 'rsv2' | 'rsv3', label: string) => {
      const box = h('input', { type: 'checkbox', class: 'ws-checkbox', 'data-edit': name });
      box.checked = fields[name];
      box.addEventListener('change', () => update({ [name]: box.checked }));
      return h('label', { class: 'ws-composer-label' }, box, ` ${label}`);
    };
    const opcode = h('select', {
      class: 'ws-input',
      'data-edit': 'opcode',
      'aria-label': t(lang, 'editorOpcode'),
    });
    for (let code = 0; code < 16; code++) {
      const option = h('option', { value: code, text: `0x${code.toString(16)} ${opcodeInfo(code).name}` });
      option.selected = code === fields.opcode;
      opcode.append(option);
    }
    opcode.addEventListener('change', () => update({ opcode: Number(opcode.value) }));
    const key = h('input', {
      class: 'ws-input ws-input-key',
      'data-edit': 'key',
      value: fields.maskingKey ? toHex(fields.maskingKey) : '',
      spellcheck: 'false',
      'aria-label': t(lang, 'editorKey'),
    });
    key.addEventListener('change', () => {
      if (key.value.trim() === '') return update({ maskingKey: null });
      const parsed = parseHex(key.value);
      if (parsed.ok && parsed.bytes.length === 4) update({ maskingKey: parsed.bytes });
      else this.status.textContent = t(lang, 'editorKey');
    });
    const length = h('input', {
      type: 'number',
      min: '0',
      class: 'ws-input ws-input-short',
      'data-edit': 'length',
      value: String(fields.declaredLength),
      'aria-label': t(lang, 'editorLength'),
    });
    length.addEventListener('change', () =>
      update({ declaredLength: Math.max(0, Number(length.value) || 0) }),
    );
    const text = h('input', {
      class: 'ws-input',
      'data-edit': 'text',
      value: new TextDecoder().decode(fields.payload),
      'aria-label': t(lang, 'editorPayloadText'),
    });
    text.addEventListener('input', () =>
      this.setBytes(bytesOf(withPayload(fields, textEncoder.encode(text.value))), true),
    );
    const hex = h('input', {
      class: 'ws-input',
      'data-edit': 'hex',
      value: toHex(fields.payload, ' '),
      spellcheck: 'false',
      'aria-label': t(lang, 'editorPayloadHex'),
    });
    hex.addEventListener('change', () => {
      const parsed =
        hex.value.trim() === '' ? { ok: true as const, bytes: new Uint8Array(0) } : parseHex(hex.value);
      if (parsed.ok) update(withPayload(fields, parsed.bytes));
      else this.status.textContent = parsed.error.message[lang];
    });
    const senderChoice = h('select', {
      class: 'ws-input',
      'data-edit': 'sender',
      'aria-label': t(lang, 'editorAs'),
    });
    for (const value of ['client', 'server'] as const) {
      const text = t(lang, value === 'client' ? 'labToServer' : 'labToBrowser');
      const option = h('option', { value, text });
      option.selected = value === this.sender;
      senderChoice.append(option);
    }
    senderChoice.addEventListener('change', () => {
      this.direction = senderChoice.value === 'server' ? 'to-browser' : 'to-server';
      this.status.textContent = '';
      this.render(true);
    });
    replace(
      this.form,
      h(
        'div',
        { class: 'ws-composer-row' },
        checkbox('fin', 'FIN'),
        checkbox('rsv1', 'RSV1'),
        checkbox('rsv2', 'RSV2'),
        checkbox('rsv3', 'RSV3'),
        h('label', { class: 'ws-composer-label' }, `${t(lang, 'editorOpcode')} `, opcode),
        h('label', { class: 'ws-composer-label' }, `${t(lang, 'editorLength')} `, length),
        h('label', { class: 'ws-composer-label' }, `${t(lang, 'editorAs')} `, senderChoice),
      ),
      h(
        'div',
        { class: 'ws-composer-row' },
        h('label', { class: 'ws-composer-label' }, 'key ', key),
        text,
        hex,
      ),
    );
  }

  private get sender(): Sender {
    return this.direction === 'to-server' ? 'client' : 'server';
  }

  /**
   * Sends the bytes the way the frame was checked, and says what the receiver did: ws's close frame, or
   * the browser's events and its close frame from the tap. A connection the frame killed is reopened.
   */
  private async send(): Promise<void> {
    const bytes = this.bytes;
    const direction = this.direction;
    this.status.textContent = t(this.lang, 'labRunning');
    const { reply, seen } =
      direction === 'to-browser'
        ? await observeBrowser(this.session, () => writeToBrowser(this.session, bytes))
        : await observeServer(this.session, this.lab, bytes);
    const sent = `${direction === 'to-browser' ? '←' : '→'} ${bytes.length} B`;
    this.status.textContent = !reply.ok
      ? reply.message
      : [sent, ...(seen ? behaviourLines(seen, this.lang) : [])].join(' · ');
  }
}
