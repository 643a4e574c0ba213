import { decodeFrames, type Language, parseHex } from '../../protocol/index.ts';
import type { FrameFilter } from '../../session/frameStore.ts';
import { getSession, type LiveSession, matchesFilter, type StoredFrame } from '../../session/index.ts';
import { captureText } from '../../shared/strings/capture.ts';
import { h } from '../shared/dom.ts';
import { grouped } from '../shared/format.ts';
import { isolateKeys } from '../shared/keyboard.ts';
import type { ListSource } from '../shared/virtualList.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { t } from './strings.ts';
import '../shared/widgets.css';
import './inspector.css';
import { CapturePane } from './capturePane.ts';
import { FrameDetail, type FrameItem } from './frameDetail.ts';
import { FrameList } from './frameList.ts';
import { PastePane } from './pastePane.ts';
import { saveSessionButton } from './saveSession.ts';

type Mode = 'live' | 'paste' | 'capture';

/** The captures the deck ships for its slides, as URLs of this page's own server (nothing from elsewhere). */
const shippedCaptures = import.meta.glob<string>('../../../slides/captures/*.{pcap,pcapng,har}', {
  query: '?url',
  import: 'default',
  eager: true,
});

/** A stored frame as the views see it; its reads are looked up only when a row or the detail needs them. */
function liveItem(session: LiveSession, stored: StoredFrame): FrameItem {
  let spans: FrameItem['spans'] | null = null;
  return {
    seq: stored.seq,
    frame: stored.frame,
    direction: stored.direction,
    t: stored.t,
    connection: stored.connection,
    message: stored.message,
    get spans() {
      spans ??= session.reads.spans(stored.frame.chunks);
      return spans;
    },
  };
}

/** The slide's promised frame (`data-widget-example`), decoded here: shown until the live frames are asked for. */
function exampleItem(hex: string, lang: Language): FrameItem | null {
  const parsed = parseHex(hex);
  const frame = parsed.ok ? decodeFrames(parsed.bytes).frames[0] : undefined;
  if (!frame) return null;
  return {
    seq: 0,
    frame,
    direction: frame.masked ? 'client' : 'server',
    t: null,
    connection: null,
    message: null,
    spans: [],
    fields: frame.fields,
    label: t(lang, 'exampleFrame'),
  };
}

/** Under a flood the list follows every animation frame; the detail pane at most this often. */
const detailEveryMs = 120;

/**
 * The frame inspector: the page's frames as they cross the wire (decoded here from the tap), or bytes
 * pasted as hex (no server needed). `data-widget-mode="paste"` opens in paste mode;
 * `data-widget-example="81 85 …"` shows that frame first, until a frame is picked or sent (a slide that
 * promises a frame shows it, not whatever heartbeat crossed the wire last).
 */
export function mountFrameInspector(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const capture = context.options.widgetCapture;
  const mode = context.options.widgetMode;
  return createFrameInspector(host, context.lang, {
    ...(mode === 'paste' || mode === 'capture' ? { mode } : {}),
    example: context.options.widgetExample,
    ...(capture ? { capture } : {}),
  });
}

export function createFrameInspector(
  host: HTMLElement,
  lang: Language,
  options: {
    mode?: Mode;
    focusSeq?: number | null;
    compact?: boolean;
    example?: string;
    capture?: string;
    /** Where `capture` is, when it is not one of slides/captures/ (the static site's recorded sessions). */
    captureUrl?: string;
  } = {},
): WidgetInstance {
  const session = getSession();
  // With no server there are no live frames: open on what works without one.
  let mode: Mode =
    options.mode === 'capture'
      ? 'capture'
      : options.mode === 'paste' || session.status.phase === 'offline'
        ? 'paste'
        : (options.mode ?? 'live');
  let paused = false;
  let filter: FrameFilter = 'all';
  let following = true;
  let selected: StoredFrame | null = null;
  let snapshot: StoredFrame[] | null = null;
  let drawnVersion = -1;
  let drawnLatest = 0;
  let frameRequest = 0;
  let detailDrawnAt = 0;
  let example = options.example ? exampleItem(options.example, lang) : null;

  const detail = new FrameDetail(lang);
  const list = new FrameList(lang, (item, viaKeyboard) => pick(item.seq, viaKeyboard));
  const paste = new PastePane(lang, detail);
  const capture = new CapturePane(lang, detail);

  const liveButton = h('button', { type: 'button', class: 'ws-tab', text: t(lang, 'modeLive') });
  const pasteButton = h('button', { type: 'button', class: 'ws-tab', text: t(lang, 'modePaste') });
  const captureButton = h('button', {
    type: 'button',
    class: 'ws-tab',
    text: captureText(lang, 'modeCapture'),
  });
  const pauseButton = h('button', { type: 'button', class: 'ws-button ws-pause' });
  const followButton = h('button', { type: 'button', class: 'ws-button ws-follow', text: t(lang, 'follow') });
  const clearButton = h('button', { type: 'button', class: 'ws-button ws-clear', text: t(lang, 'clear') });
  const filterSelect = h(
    'select',
    { class: 'ws-select ws-filter', 'aria-label': t(lang, 'filterLabel') },
    h('option', { value: 'all', text: t(lang, 'filterAll') }),
    h('option', { value: 'data', text: t(lang, 'filterData') }),
    h('option', { value: 'control', text: t(lang, 'filterControl') }),
  );
  const sendInput = h('input', {
    type: 'text',
    class: 'ws-input ws-send-text',
    value: 'Hello',
    'aria-label': t(lang, 'sendHello'),
    size: '10',
  });
  const sendButton = h('button', { type: 'button', class: 'ws-button ws-send', text: '▶' });
  sendButton.setAttribute('aria-label', t(lang, 'sendHello'));
  const counts = h('span', { class: 'ws-counts', 'aria-live': 'off' });
  const liveTools = h(
    'div',
    { class: 'ws-tools' },
    h('span', { class: 'ws-send-box' }, sendInput, sendButton),
    pauseButton,
    followButton,
    filterSelect,
    clearButton,
    saveSessionButton(session, lang),
  );
  const toolbar = h(
    'div',
    { class: 'ws-toolbar' },
    h(
      'div',
      { class: 'ws-tabs', role: 'group', 'aria-label': t(lang, 'inspectorLabel') },
      liveButton,
      pasteButton,
      captureButton,
    ),
    liveTools,
  );
  const left = h('div', { class: 'ws-left' });
  const root = h(
    'div',
    {
      class: `ws-widget ws-inspector${options.compact ? ' compact' : ''}`,
      role: 'region',
      'aria-label': t(lang, 'inspectorLabel'),
    },
    toolbar,
    // At the top, under the toolbar: at the bottom it sat under the deck's language and theme buttons.
    h('div', { class: 'ws-statusline' }, counts, h('span', { class: 'ws-legend', text: t(lang, 'legend') })),
    h('div', { class: 'ws-body' }, left, detail.element),
  );
  host.append(root);
  const releaseKeys = isolateKeys(root);

  /** While following: the slide's example until the live frames are asked for, then the newest frame. */
  function showFollowed(latest: StoredFrame | undefined): void {
    detail.show(example ?? (latest ? liveItem(session, latest) : null), t(lang, 'listEmpty'));
  }

  function pick(seq: number, viaKeyboard: boolean): void {
    example = null;
    const stored = (snapshot ?? []).find((s) => s.seq === seq) ?? session.store.find(seq);
    if (!stored) return;
    selected = stored;
    following = false;
    list.select(seq);
    detail.show(liveItem(session, stored), '');
    if (!viaKeyboard) list.element.focus({ preventScroll: true });
    updateTools();
  }

  function updateTools(): void {
    liveButton.setAttribute('aria-pressed', String(mode === 'live'));
    pasteButton.setAttribute('aria-pressed', String(mode === 'paste'));
    captureButton.setAttribute('aria-pressed', String(mode === 'capture'));
    liveTools.hidden = mode !== 'live';
    pauseButton.textContent = paused ? `▶ ${t(lang, 'resume')}` : `❚❚ ${t(lang, 'pause')}`;
    pauseButton.setAttribute('aria-pressed', String(paused));
    followButton.setAttribute('aria-pressed', String(following));
    root.classList.toggle('paused', paused);
  }

  /** The frames to list: the ring itself (no copy) when following everything, else a filtered array. */
  function items(): ListSource<StoredFrame> {
    const store = session.store;
    if (!snapshot && filter === 'all') return { length: store.size, at: (index) => store.at(index)! };
    const source = snapshot ?? store.list('all');
    const kept = filter === 'all' ? source : source.filter((stored) => matchesFilter(stored, filter));
    return { length: kept.length, at: (index) => kept[index]! };
  }

  function listItems(source: ListSource<StoredFrame>): ListSource<FrameItem> {
    return { length: source.length, at: (index) => liveItem(session, source.at(index)) };
  }

  function renderCounts(): void {
    const c = session.store.counts;
    const parts = [
      `${t(lang, 'seen')} ${grouped(c.frames)} ${t(lang, 'frames')} (C→S ${grouped(c.client)} · S→C ${grouped(c.server)})`,
      `${t(lang, 'kept')} ${grouped(session.store.size)}`,
      `⚠ ${c.withViolations}`,
    ];
    if (session.droppedRecords > 0) parts.push(`${session.droppedRecords} ${t(lang, 'dropped')}`);
    if (paused) parts.push(t(lang, 'paused'));
    counts.textContent = parts.join(' · ');
  }

  function render(): void {
    frameRequest = 0;
    if (mode !== 'live') return;
    renderCounts();
    const version = session.store.version;
    if (version === drawnVersion && !paused) {
      // Only the throttled detail pane may still be behind the list.
      if (following && performance.now() - detailDrawnAt >= detailEveryMs) {
        detailDrawnAt = performance.now();
        const all = items();
        showFollowed(all.length > 0 ? all.at(all.length - 1) : undefined);
      }
      return;
    }
    if (paused && drawnVersion !== -1 && snapshot) return;
    drawnVersion = version;
    const all = items();
    const latest = all.length > 0 ? all.at(all.length - 1) : undefined;
    list.selectedSeq = following ? (example ? null : (latest?.seq ?? null)) : (selected?.seq ?? null);
    list.setItems(listItems(all));
    if (following) {
      list.scrollToEnd();
      const now = performance.now();
      if (now - detailDrawnAt >= detailEveryMs || !latest || example) {
        detailDrawnAt = now;
        showFollowed(latest);
      } else schedule();
    } else if (selected) {
      detail.show(liveItem(session, selected), '');
    }
    const newest = session.store.latest();
    if (newest && newest.seq !== drawnLatest) {
      drawnLatest = newest.seq;
      session.frameDrawn(newest);
    }
  }

  function schedule(): void {
    if (!frameRequest) frameRequest = requestAnimationFrame(render);
  }

  function setMode(next: Mode): void {
    mode = next;
    left.replaceChildren(mode === 'live' ? list.element : mode === 'paste' ? paste.element : capture.element);
    drawnVersion = -1;
    if (mode === 'paste') paste.activate();
    else if (mode === 'capture') capture.activate();
    else render();
    updateTools();
  }

  liveButton.addEventListener('click', () => {
    modeChosen = true;
    setMode('live');
  });
  pasteButton.addEventListener('click', () => {
    modeChosen = true;
    setMode('paste');
  });
  captureButton.addEventListener('click', () => {
    modeChosen = true;
    setMode('capture');
  });
  /** After a tool changed the view's state: draw everything again. */
  const redraw = () => {
    drawnVersion = -1;
    updateTools();
    render();
  };
  pauseButton.addEventListener('click', () => {
    paused = !paused;
    snapshot = paused ? session.store.list('all') : null;
    redraw();
  });
  followButton.addEventListener('click', () => {
    example = null;
    following = true;
    selected = null;
    redraw();
  });
  clearButton.addEventListener('click', () => {
    example = null;
    session.clear();
    snapshot = paused ? [] : null;
    selected = null;
    following = true;
    redraw();
  });
  filterSelect.addEventListener('change', () => {
    filter = filterSelect.value as FrameFilter;
    drawnVersion = -1;
    render();
  });
  const send = () => {
    example = null;
    drawnVersion = -1;
    session.send(sendInput.value);
  };
  sendButton.addEventListener('click', send);
  sendInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') send();
  });

  let modeChosen = options.mode !== undefined;
  const unsubscribe = session.subscribe((change) => {
    // The server turned out to be missing: show what works without one (unless the user chose a mode).
    if (change.status && session.status.phase === 'offline' && mode === 'live' && !modeChosen) {
      if (session.store.counts.frames === 0) setMode('paste');
    }
    if (change.focus !== null) {
      if (mode !== 'live') setMode('live');
      pick(change.focus, true);
    }
    if (change.frames || change.status) schedule();
  });

  setMode(mode);
  // A slide's own capture (`data-widget-capture="name.pcapng"`, a file in slides/captures/), opened at once.
  const shipped =
    options.captureUrl ??
    (options.capture ? shippedCaptures[`../../../slides/captures/${options.capture}`] : undefined);
  if (shipped && options.capture) void capture.openUrl(shipped, options.capture);
  const focus = options.focusSeq ?? null;
  if (focus !== null) pick(focus, true);

  return {
    destroy() {
      cancelAnimationFrame(frameRequest);
      unsubscribe();
      releaseKeys();
      list.destroy();
      capture.destroy();
      root.remove();
    },
  };
}
