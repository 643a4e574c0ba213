import type { Language } from '../../protocol/index.ts';
import { type CaptureTextKey, captureText } from '../../shared/strings/capture.ts';
import { publishReplay } from '../event-panel/replayFeed.ts';
import { h } from '../shared/dom.ts';
import { byteCount } from '../shared/format.ts';
import type { ListSource } from '../shared/virtualList.ts';
import { CaptureReading } from './captureReading.ts';
import type { FrameDetail, FrameItem } from './frameDetail.ts';
import { FrameList } from './frameList.ts';
import { connectionLabel, type LoadedConnection, replayEventsUpTo, rowFrame } from './loadedConnection.ts';

/** At real pace, a silence longer than this is shortened to it: a capture may idle for minutes. */
const longestPauseMs = 3000;
/** While a file is read, the list and its counts are drawn at most this often. */
const readingDrawMs = 200;
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
  /** The file open in the pane, read or being read. */
  private file: CaptureReading | null = null;
  private current: LoadedConnection | null = null;
  private currentIndex = -1;
  /** How many frames the replay has revealed. */
  private shown = 0;
  /** True while the replay shows every frame read so far: rows that arrive are shown as they come. */
  private showingAll = true;
  private timer = 0;
  private playing = false;
  private drawRequest = 0;
  private drawTimer = 0;
  private lastDraw = 0;
  /** The frame the pane selected by itself while reading (not the viewer). */
  private autoSelected: number | null = null;

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
        button(text('replayAll'), '▶▶|', () => this.reveal(this.total, true)),
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

  private get total(): number {
    return this.current?.rows.count ?? 0;
  }

  activate(): void {
    if (this.total > 0) this.reveal(this.shown, this.showingAll);
    else this.detail.show(null, captureText(this.lang, 'dropHere'));
  }

  /**
   * Reads a file in a worker (captureReading.ts). The connections are listed at once and the frames appear
   * batch by batch as the worker reads them; resolves when the whole file is read.
   */
  async open(file: Blob & { name?: string }, fromFirstFrame = false): Promise<void> {
    const name = file.name ?? 'capture';
    this.pause();
    this.status.textContent = captureText(this.lang, 'decoding', {
      name,
      size: byteCount(file.size, this.lang),
    });
    this.file?.stop();
    // The list lets go of the old file's rows before anything else is drawn: it asks for rows by index
    // when it draws, and those of a connection no longer current are gone.
    this.current = null;
    this.currentIndex = -1;
    this.reveal(0);
    this.showingAll = !fromFirstFrame;
    this.autoSelected = null;
    this.lastDraw = 0;
    const reading: CaptureReading = new CaptureReading(name, file, this.lang, {
      connections: (problem) => {
        if (problem) this.status.textContent = captureText(this.lang, 'failed', { name, reason: problem });
        this.drawConnections();
        const first = reading.connections.findIndex((c) => c.summary.kind === 'websocket');
        this.connectionSelect.value = String(Math.max(0, first));
        this.showConnection(Math.max(0, first));
      },
      rows: (index, fromStart) => {
        if (index !== this.currentIndex) return;
        if (fromFirstFrame && fromStart) this.reveal(1);
        else this.drawSoon();
      },
      done: (ms) => this.finished(ms),
      failed: (reason) => {
        this.status.textContent = captureText(this.lang, 'failed', { name, reason });
      },
    });
    this.file = reading;
    await reading.finished;
  }

  /** Opens a capture the deck ships (a slide's `data-widget-capture`), fetched from this page's own server. */
  async openUrl(url: string, name: string): Promise<void> {
    const response = await fetch(url);
    // A slide's capture is for stepping through: it opens on its first frame.
    await this.open(Object.assign(await response.blob(), { name }), true);
  }

  /** The whole file is read: the list and the connections drawn once more, and what was found. */
  private finished(ms: number): void {
    const file = this.file!;
    this.drawNow();
    this.drawConnections();
    if (file.problem) return;
    const webSockets = file.connections.filter((c) => c.summary.kind === 'websocket');
    this.status.textContent =
      webSockets.length > 0
        ? captureText(this.lang, 'decoded', {
            name: file.name,
            format: file.format,
            packets: file.packets,
            connections: webSockets.length,
            frames: file.frameCount(),
            ms,
          })
        : captureText(this.lang, 'noWebSocket', { name: file.name });
    // The selected frame's message may have been inflated since it was drawn.
    this.redrawSelected();
  }

  /**
   * Rows arrive faster than anyone reads them: the list, the position and the status are drawn at most once
   * an animation frame, however many batches came in between, so the page never does one layout per batch.
   */
  private drawSoon(): void {
    if (this.drawRequest || this.drawTimer) return;
    // The first rows at once; after that, a count that changes five times a second reads as well as sixty.
    const wait = this.lastDraw === 0 ? 0 : Math.max(0, this.lastDraw + readingDrawMs - performance.now());
    this.drawTimer = window.setTimeout(() => {
      this.drawTimer = 0;
      this.drawRequest = requestAnimationFrame(() => this.drawNow());
    }, wait);
  }

  private drawNow(): void {
    cancelAnimationFrame(this.drawRequest);
    clearTimeout(this.drawTimer);
    this.drawRequest = 0;
    this.drawTimer = 0;
    this.lastDraw = performance.now();
    // While the file is read, the frame first selected stays selected (one frame decoded and drawn, not one
    // a batch); once it is read, the newest frame is, unless the viewer picked another meanwhile.
    const untouched = this.list.selectedSeq === null || this.list.selectedSeq === this.autoSelected;
    if (this.showingAll) {
      this.reveal(this.total, true, this.file?.reading ? this.list.selectedSeq === null : untouched);
      this.autoSelected = this.list.selectedSeq;
    } else this.updateReplay();
    const file = this.file;
    if (file?.reading && !file.problem) {
      this.status.textContent = captureText(this.lang, 'reading', {
        name: file.name,
        frames: file.frameCount(),
      });
    }
  }

  private drawConnections(): void {
    const selected = this.connectionSelect.value;
    this.connectionSelect.replaceChildren(
      ...(this.file?.connections ?? []).map(({ summary, rows }, index) => {
        const label =
          summary.kind === 'websocket'
            ? `${rows.count} · ${summary.startLine ?? ''}${summary.source === 'har' ? ` (${captureText(this.lang, 'reconstructed')})` : ''}`
            : summary.kind === 'tls'
              ? captureText(this.lang, 'tls')
              : captureText(this.lang, 'other');
        return h('option', {
          value: String(index),
          text: `${captureText(this.lang, 'connection')} ${summary.id + 1}: ${summary.client.address}:${summary.client.port} → ${summary.server.address}:${summary.server.port} · ${label}`,
        });
      }),
    );
    if (selected) this.connectionSelect.value = selected;
  }

  private showConnection(index: number): void {
    this.pause();
    const connection = this.file?.connections[index];
    this.currentIndex = index;
    if (connection?.summary.kind !== 'websocket') {
      this.current = null;
      this.reveal(0);
      this.detail.show(null, connection?.summary.explanation?.[this.lang] ?? '');
      return;
    }
    this.current = connection;
    this.reveal(this.total, true);
  }

  /** The frame at `row` of a connection (the current one unless given), as the list draws it. */
  private item(row: number, connection: LoadedConnection = this.current!): FrameItem {
    const { rows } = connection;
    return {
      seq: row + 1,
      frame: rowFrame(connection, row),
      direction: rows.sender[row] === 0 ? 'client' : 'server',
      t: rows.timestampMicros[row]! / 1000,
      connection: connection.summary.id + 1,
      message: null,
      spans: [],
    };
  }

  /**
   * Shows the first `count` frames and selects the last of them: one step of the replay. With `all`, the
   * frames still to come are shown as they arrive; `select` false leaves the selection where it is.
   */
  private reveal(count: number, all = false, select = true): void {
    this.shown = Math.max(0, Math.min(count, this.total));
    this.showingAll = all;
    const connection = this.current;
    // The source keeps its connection: a draw of the list later reads the rows it was given.
    const source: ListSource<FrameItem> = {
      length: connection ? this.shown : 0,
      at: (index) => this.item(index, connection!),
    };
    this.list.setItems(source);
    if (this.shown > 0 && (select || this.list.selectedSeq === null)) this.pick(this.item(this.shown - 1));
    else if (this.total === 0) this.list.select(null);
    this.updateReplay();
  }

  /** Selects a frame and draws it in full once the worker has decoded it. */
  private pick(item: FrameItem): void {
    this.list.select(item.seq);
    const file = this.file;
    const connection = this.currentIndex;
    if (!file) return;
    void file.detail(connection, item.seq).then((detail) => {
      // Drawn only if it is still the frame selected (a replay at pace moves on, another file may be open).
      if (
        !detail ||
        this.file !== file ||
        this.currentIndex !== connection ||
        this.list.selectedSeq !== item.seq
      )
        return;
      this.detail.show({ ...item, frame: detail.frame, message: detail.message }, '');
    });
  }

  private redrawSelected(): void {
    const seq = this.list.selectedSeq;
    if (seq !== null && this.current && seq <= this.shown) this.pick(this.item(seq - 1));
  }

  /** At real pace: each next frame after the time that separated them in the capture. */
  private play(): void {
    if (this.total === 0) return;
    if (this.shown >= this.total) this.reveal(1);
    this.playing = true;
    const next = () => {
      if (!this.playing || this.shown >= this.total) return this.pause();
      const times = this.current!.rows.timestampMicros;
      const wait = Math.min(
        longestPauseMs,
        Math.max(0, (times[this.shown]! - times[this.shown - 1]!) / 1000),
      );
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
      this.total > 0 ? captureText(this.lang, 'replayAt', { at: this.shown, total: this.total }) : '';
    this.publish();
  }

  /** Tells the event panel where the replay is: the connection's pings, pongs and closes up to here. */
  private publish(): void {
    const connection = this.current;
    if (!connection) {
      publishReplay(null);
      return;
    }
    publishReplay({
      source: this.file?.name ?? '',
      connection: connectionLabel(connection.summary),
      position: this.shown,
      total: this.total,
      events: replayEventsUpTo(connection.controls, this.shown),
    });
  }

  destroy(): void {
    this.pause();
    cancelAnimationFrame(this.drawRequest);
    clearTimeout(this.drawTimer);
    this.file?.stop();
    this.list.destroy();
    if (this.current) publishReplay(null);
  }
}
