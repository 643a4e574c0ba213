import type { CapturedMessage, DecodedCapture, WebSocketConnection } from '../../capture/index.ts';
import type { Frame, Language } from '../../protocol/index.ts';
import type { MessageInfo } from '../../session/frameStore.ts';
import { type CaptureTextKey, captureText } from '../../shared/strings/capture.ts';
import { h } from '../shared/dom.ts';
import { byteCount } from '../shared/format.ts';
import type { ListSource } from '../shared/virtualList.ts';
import type { CaptureReply, CaptureRequest } from './captureWorker.ts';
import type { FrameDetail, FrameItem } from './frameDetail.ts';
import { FrameList } from './frameList.ts';

/** At real pace, a silence longer than this is shortened to it: a capture may idle for minutes. */
const longestPauseMs = 3000;

/** A captured connection's frames as the inspector's items, each message's inflated text on its frames. */
function connectionItems(connection: WebSocketConnection): FrameItem[] {
  const seqOf = new Map<Frame, number>();
  connection.timeline.forEach((captured, index) => {
    seqOf.set(captured.frame, index + 1);
  });
  const infoOf = new Map<Frame, MessageInfo>();
  const messages: CapturedMessage[] = [...connection.fromClient.messages, ...connection.fromServer.messages];
  for (const captured of messages) {
    const { message } = captured;
    const info: MessageInfo = {
      opcode: message.opcode,
      compressed: message.compressed,
      frameSeqs: message.frames.map((frame) => seqOf.get(frame) ?? 0),
      wireLength: message.payload.length,
      inflated: captured.inflated,
    };
    for (const frame of message.frames) infoOf.set(frame, info);
  }
  return connection.timeline.map((captured, index) => ({
    seq: index + 1,
    frame: captured.frame,
    direction: captured.sender,
    t: captured.timestampMicros / 1000,
    connection: connection.id + 1,
    message: infoOf.get(captured.frame) ?? null,
    spans: [],
  }));
}

/**
 * The inspector's third mode: a capture file (pcap, pcapng) or a HAR chosen or dropped here, read in a
 * worker (nothing is uploaded), its connections listed, its frames in the same list and detail as live
 * frames, and replayed: frame by frame, or at the pace they were captured.
 */
export class CapturePane {
  readonly element: HTMLElement;
  private readonly list: FrameList;
  private readonly status: HTMLElement;
  private readonly connectionSelect: HTMLSelectElement;
  private readonly position: HTMLElement;
  private readonly playButton: HTMLButtonElement;
  private worker: Worker | null = null;
  private items: FrameItem[] = [];
  /** How many frames the replay has revealed. */
  private shown = 0;
  private timer = 0;
  private playing = false;
  private decoded: DecodedCapture | null = null;

  constructor(
    private readonly lang: Language,
    private readonly detail: FrameDetail,
  ) {
    const text = (key: CaptureTextKey) => captureText(lang, key);
    const input = h('input', {
      type: 'file',
      class: 'ws-capture-file',
      accept: '.pcap,.pcapng,.cap,.har,.json',
      'aria-label': text('chooseFile'),
    });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) void this.open(file);
    });
    this.status = h('p', {
      class: 'ws-paste-message ws-capture-status',
      'aria-live': 'polite',
      text: text('dropHere'),
    });
    this.connectionSelect = h('select', {
      class: 'ws-select ws-capture-connection',
      'aria-label': text('connection'),
    });
    this.connectionSelect.addEventListener('change', () =>
      this.showConnection(Number(this.connectionSelect.value)),
    );
    const button = (label: string, glyph: string, onClick: () => void) => {
      const element = h('button', {
        type: 'button',
        class: 'ws-button',
        text: glyph,
        title: label,
        'aria-label': label,
      });
      element.addEventListener('click', onClick);
      return element;
    };
    this.playButton = button(text('replayPlay'), '▶', () => (this.playing ? this.pause() : this.play()));
    this.position = h('span', { class: 'ws-capture-position', 'aria-live': 'off' });
    this.list = new FrameList(lang, (item) => this.pick(item));
    const drop = h(
      'label',
      { class: 'ws-capture-drop' },
      h('span', { class: 'ws-capture-choose', text: text('chooseFile') }),
      input,
    );
    this.element = h(
      'div',
      { class: 'ws-paste ws-capture' },
      drop,
      this.status,
      h(
        'div',
        { class: 'ws-paste-row ws-capture-replay' },
        this.connectionSelect,
        button(text('replayStart'), '|◀', () => this.reveal(1)),
        this.playButton,
        button(text('replayStep'), '▶|', () => this.reveal(this.shown + 1)),
        button(text('replayAll'), '▶▶|', () => this.reveal(this.items.length)),
        this.position,
      ),
      this.list.element,
    );
    this.element.addEventListener('dragover', (event) => {
      event.preventDefault();
      this.element.classList.add('is-dragging');
    });
    this.element.addEventListener('dragleave', () => this.element.classList.remove('is-dragging'));
    this.element.addEventListener('drop', (event) => {
      event.preventDefault();
      this.element.classList.remove('is-dragging');
      const file = event.dataTransfer?.files[0];
      if (file) void this.open(file);
    });
    this.updateReplay();
  }

  activate(): void {
    if (this.items.length > 0) this.reveal(this.shown);
    else this.detail.show(null, captureText(this.lang, 'dropHere'));
  }

  /** Reads a file in a worker; the frames appear when it answers. */
  async open(file: Blob & { name?: string }, fromFirstFrame = false): Promise<void> {
    const name = file.name ?? 'capture';
    this.pause();
    this.status.textContent = captureText(this.lang, 'decoding', {
      name,
      size: byteCount(file.size, this.lang),
    });
    const bytes = await file.arrayBuffer();
    this.worker?.terminate();
    const worker = new Worker(new URL('./captureWorker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    const reply = await new Promise<CaptureReply>((resolve) => {
      worker.onmessage = (event: MessageEvent<CaptureReply>) => resolve(event.data);
      worker.onerror = (event) => resolve({ ok: false, reason: event.message });
      const request: CaptureRequest = { name, bytes };
      worker.postMessage(request, [bytes]);
    });
    worker.terminate();
    if (this.worker === worker) this.worker = null;
    if (!reply.ok) {
      this.status.textContent = captureText(this.lang, 'failed', { name, reason: reply.reason });
      return;
    }
    this.load(name, reply.decoded, reply.ms);
    if (fromFirstFrame) this.reveal(1);
  }

  /** Opens a capture the deck ships (a slide's `data-widget-capture`), fetched from this page's own server. */
  async openUrl(url: string, name: string): Promise<void> {
    const response = await fetch(url);
    // A slide's capture is for stepping through: it opens on its first frame.
    await this.open(Object.assign(await response.blob(), { name }), true);
  }

  /** Shows a decoded capture (also used directly by tests and by a saved session reopened). */
  load(name: string, decoded: DecodedCapture, ms = 0): void {
    this.decoded = decoded;
    const websockets = decoded.connections.filter((c): c is WebSocketConnection => c.kind === 'websocket');
    const frames = websockets.reduce((sum, c) => sum + c.timeline.length, 0);
    const problem = decoded.problems.find((p) => p.kind === 'not-a-capture');
    this.status.textContent = problem
      ? captureText(this.lang, 'failed', { name, reason: problem.message[this.lang] })
      : websockets.length === 0
        ? captureText(this.lang, 'noWebSocket', { name })
        : captureText(this.lang, 'decoded', {
            name,
            format: decoded.format,
            packets: decoded.packets,
            connections: websockets.length,
            frames,
            ms,
          });
    this.connectionSelect.replaceChildren(
      ...decoded.connections.map((connection, index) => {
        const label =
          connection.kind === 'websocket'
            ? `${connection.timeline.length} · ${connection.handshake?.request.startLine ?? ''}${connection.source === 'har' ? ` (${captureText(this.lang, 'reconstructed')})` : ''}`
            : connection.kind === 'tls'
              ? captureText(this.lang, 'tls')
              : captureText(this.lang, 'other');
        return h('option', {
          value: String(index),
          text: `${captureText(this.lang, 'connection')} ${connection.id + 1}: ${connection.client.address}:${connection.client.port} → ${connection.server.address}:${connection.server.port} · ${label}`,
        });
      }),
    );
    const first = decoded.connections.findIndex((c) => c.kind === 'websocket');
    this.connectionSelect.value = String(Math.max(0, first));
    this.showConnection(Math.max(0, first));
  }

  private showConnection(index: number): void {
    this.pause();
    const connection = this.decoded?.connections[index];
    if (connection?.kind !== 'websocket') {
      this.items = [];
      this.reveal(0);
      const explanation = connection?.kind === 'tls' ? connection.explanation[this.lang] : '';
      this.detail.show(null, explanation);
      return;
    }
    this.items = connectionItems(connection);
    this.reveal(this.items.length);
  }

  /** Shows the first `count` frames and selects the last of them: one step of the replay. */
  private reveal(count: number): void {
    this.shown = Math.max(0, Math.min(count, this.items.length));
    const source: ListSource<FrameItem> = { length: this.shown, at: (index) => this.items[index]! };
    this.list.setItems(source);
    const last = this.items[this.shown - 1];
    if (last) this.pick(last);
    else if (this.items.length === 0) this.list.select(null);
    this.updateReplay();
  }

  private pick(item: FrameItem): void {
    this.list.select(item.seq);
    this.detail.show(item, '');
  }

  /** At real pace: each next frame after the time that separated them in the capture. */
  private play(): void {
    if (this.items.length === 0) return;
    if (this.shown >= this.items.length) this.reveal(1);
    this.playing = true;
    const next = () => {
      if (!this.playing || this.shown >= this.items.length) return this.pause();
      const previous = this.items[this.shown - 1]!;
      const upcoming = this.items[this.shown]!;
      const wait = Math.min(longestPauseMs, Math.max(0, (upcoming.t ?? 0) - (previous.t ?? 0)));
      this.timer = window.setTimeout(() => {
        this.reveal(this.shown + 1);
        next();
      }, wait);
    };
    next();
    this.updateReplay();
  }

  private pause(): void {
    this.playing = false;
    clearTimeout(this.timer);
    this.updateReplay();
  }

  private updateReplay(): void {
    const label = captureText(this.lang, this.playing ? 'replayPause' : 'replayPlay');
    this.playButton.textContent = this.playing ? '❚❚' : '▶';
    this.playButton.setAttribute('aria-label', label);
    this.playButton.title = label;
    this.playButton.setAttribute('aria-pressed', String(this.playing));
    this.position.textContent =
      this.items.length > 0
        ? captureText(this.lang, 'replayAt', { at: this.shown, total: this.items.length })
        : '';
  }

  destroy(): void {
    this.pause();
    this.worker?.terminate();
    this.list.destroy();
  }
}
