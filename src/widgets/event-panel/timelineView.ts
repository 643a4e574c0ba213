import {
  closeCodeInfo,
  decodeUtf8Lenient,
  type Language,
  opcodeInfo,
  rules,
  type Sender,
} from '../../protocol/index.ts';
import { type LiveSession, preview, type SessionStatus, type TimelineEntry } from '../../session/index.ts';
import { base64ToBytes } from '../../session/pageEnvironment.ts';
import { h } from '../shared/dom.ts';
import { arrow, byteCount, clockTime, grouped } from '../shared/format.ts';
import { type PlainKey, t } from './strings.ts';

const shown = 40;
const everyMs = 150;

/**
 * The server's heartbeat pings carry `hb N XXXXXXXX` (server/heartbeat.ts): the beat's number and 4 random
 * bytes in hex, so only a pong echoing that very ping counts (a forged pong cannot keep a dead page alive).
 */
const heartbeatPayload = /^hb \d+( [0-9a-f]{8})?$/;

/** A ping, pong or round trip of the server's heartbeat (not one asked for on a slide). */
export function isHeartbeat(entry: TimelineEntry): boolean {
  if (entry.kind === 'ping' || entry.kind === 'pong') return heartbeatPayload.test(entry.preview);
  if (entry.kind === 'rtt') return heartbeatPayload.test(fromBase64(entry.preview));
  return false;
}

/** The server sends a pong's payload in base64; it is shown as text, as the ping and pong entries are. */
function fromBase64(data: string): string {
  try {
    return preview(base64ToBytes(data), true);
  } catch {
    return data;
  }
}

function quote(text: string): string {
  return text ? `“${text}”` : '∅';
}

/** Who sent it, said with both ends ("client → server"): a lone "→ client" reads as "to the client". */
function who(direction: Sender, lang: Language): string {
  return t(lang, direction === 'client' ? 'clientToServer' : 'serverToClient');
}

/**
 * RFC 6455 §7.1.4: clean means a close frame went each way before TCP closed; say which ones did. Both on the
 * wire with a 1006 is not clean either: the server had failed the connection and read no more.
 */
function closeFrames(entry: Extract<TimelineEntry, { kind: 'closed' }>): PlainKey {
  if (entry.clean) return 'closeFramesBoth';
  if (entry.bothCloseFrames) return 'closeFramesBothUnread';
  if (entry.initiator === 'client') return 'closeFramesClientOnly';
  if (entry.initiator === 'server') return 'closeFramesServerOnly';
  return 'closeFramesNone';
}

function messagePreview(
  session: LiveSession,
  entry: Extract<TimelineEntry, { kind: 'message' }>,
  lang: Language,
): string {
  if (!entry.compressed) {
    const shown = preview(entry.head, entry.opcode === 1);
    return entry.opcode === 1 ? quote(shown) : shown;
  }
  const inflated = session.store.find(entry.frameSeq)?.message?.inflated;
  if (!inflated) return `(${t(lang, 'compressed')}, ${t(lang, 'inflating')})`;
  const text =
    entry.opcode === 1 ? quote(decodeUtf8Lenient(inflated.bytes.subarray(0, 200)).slice(0, 48)) : '';
  return `${text} (${t(lang, 'compressed')} ${entry.length} → ${inflated.length} B)`;
}

type Described = { icon: string; text: string; tone?: 'bad' | 'good' | 'expected' };

/**
 * One line per entry, in the page's language. Data in, words out: the session holds no wording. A
 * violation or failure on a connection the frame lab broke on purpose reads as expected, not as an alarm.
 */
export function describeEntry(session: LiveSession, entry: TimelineEntry, lang: Language): Described {
  const described = describeWords(session, entry, lang);
  if (described.tone !== 'bad' || entry.kind === 'dropped' || entry.connection === null) return described;
  if (!session.connection(entry.connection)?.madeByLab) return described;
  return { ...described, text: `${described.text} · ${t(lang, 'labOnPurpose')}`, tone: 'expected' };
}

function describeWords(session: LiveSession, entry: TimelineEntry, lang: Language): Described {
  switch (entry.kind) {
    case 'open':
      return {
        icon: '⇄',
        text: `${t(lang, 'eventOpen')} ${entry.path}${entry.deflate ? ' · permessage-deflate' : ''}${entry.lab ? ' · lab' : ''}`,
      };
    case 'handshake':
      return {
        icon: arrow(entry.direction),
        text: `${t(lang, entry.direction === 'client' ? 'eventHandshakeRequest' : 'eventHandshakeResponse')}: ${entry.summary.replace(/\?.*? /, '?… ')}`,
      };
    case 'message':
      return {
        icon: arrow(entry.direction),
        text: `${opcodeInfo(entry.opcode).name} ${messagePreview(session, entry, lang)} · ${byteCount(entry.length, lang)}${entry.frames > 1 ? ` · ${entry.frames} ${t(lang, 'frames')}` : ''}`,
      };
    case 'ping':
    case 'pong':
      return {
        icon: arrow(entry.direction),
        text: `${entry.kind} ${quote(entry.preview)} · ${who(entry.direction, lang)}`,
      };
    case 'rtt':
      return {
        icon: '↔',
        text: `${t(lang, 'eventRtt')} ${entry.rttMs === null ? '?' : `${entry.rttMs.toFixed(1)} ms`} (ping ${quote(fromBase64(entry.preview))} → pong)`,
        tone: 'good',
      };
    case 'close-frame':
      return {
        icon: arrow(entry.direction),
        text: `${t(lang, 'eventCloseFrame')} ${entry.code ?? '—'} ${quote(entry.reason)} · ${who(entry.direction, lang)}`,
      };
    case 'closed': {
      // A polling request answered: HTTP, never frames, so there was no closing handshake to miss.
      if (entry.httpOnly) return { icon: '✓', text: t(lang, 'eventExchangeDone') };
      // The code is what the server's ws reported (1005/1006 when no code or no close frame reached it).
      const started =
        entry.clean && entry.initiator ? ` · ${t(lang, 'startedBy')} ${t(lang, entry.initiator)}` : '';
      return {
        icon: '✕',
        text: `${t(lang, 'eventClosed')} · ${t(lang, closeFrames(entry))}${started} · ${t(lang, 'closedServerSaw')} ${entry.code} ${closeCodeInfo(entry.code).name} ${quote(entry.reason)}`,
        tone: entry.clean ? undefined : 'bad',
      };
    }
    case 'violation':
      return {
        icon: '⚠',
        text: `${entry.closeCode} · ${rules[entry.rule as keyof typeof rules]?.[lang] ?? entry.rule} · ${who(entry.direction, lang)}`,
        tone: 'bad',
      };
    case 'error':
      return {
        icon: '⚠',
        text: `${t(lang, 'errorEvent')} ${entry.closeCode}: ${entry.message}`,
        tone: 'bad',
      };
    case 'notice':
      return {
        icon: 'ℹ',
        text: entry.name === 'reconnected' ? t(lang, 'bannerReconnected') : `${entry.name}: ${entry.message}`,
      };
    case 'dropped':
      return { icon: '⚠', text: `${entry.count} ${t(lang, 'dropped')}`, tone: 'bad' };
    case 'browser-close':
      return {
        icon: '◉',
        text: `${t(lang, 'browserClose')}: ${entry.code} ${quote(entry.reason)} · ${t(lang, 'wasClean')} ${entry.wasClean}`,
        tone: entry.wasClean ? undefined : 'bad',
      };
    case 'browser-error':
      return { icon: '◉', text: t(lang, 'browserError'), tone: 'bad' };
  }
}

export function phaseText(status: SessionStatus, lang: Language): string {
  switch (status.phase) {
    case 'connecting':
      return t(lang, 'phaseConnecting');
    case 'live':
      return t(lang, 'phaseLive');
    case 'reconnecting':
      return t(lang, 'phaseReconnecting');
    case 'offline':
      return t(lang, 'phaseOffline');
  }
}

/**
 * The event timeline: connection state, then the last entries, newest at the bottom; an entry that has a
 * frame is a button that opens it in the inspector. The server's heartbeat (a ping, a pong and a round
 * trip every 15 s) is one live row with its count and last round trip, expandable into its entries, so it
 * never buries what matters. Drawn at most once per animation frame.
 */
export class TimelineView {
  readonly element: HTMLElement;
  private readonly state = h('div', { class: 'ws-ev-state', role: 'status' });
  private readonly list = h('ol', { class: 'ws-ev-list', 'aria-live': 'off' });
  private readonly heartbeatRow = h('button', {
    type: 'button',
    class: 'ws-ev-heartbeats',
    'aria-expanded': 'false',
  });
  /** Under the opened heartbeat row: what the payload `hb 3 52ce4382` means, where the learner sees it. */
  private readonly heartbeatExplained = h('p', { class: 'ws-ev-heartbeats-explained' });
  private showHeartbeats = false;
  private drawnVersion = -1;
  private request = 0;
  private timer = 0;
  private lastDraw = 0;
  private items = new Map<number, HTMLElement>();
  private readonly spacer = h('li', { class: 'ws-ev-spacer', 'aria-hidden': 'true' });
  private readonly unsubscribe: () => void;

  constructor(
    private readonly session: LiveSession,
    private lang: Language,
    private readonly openFrame: (seq: number) => void,
  ) {
    this.element = h(
      'div',
      { class: 'ws-ev' },
      this.state,
      this.heartbeatRow,
      this.heartbeatExplained,
      this.list,
    );
    this.list.addEventListener('scroll', () => this.markCutTop(), { passive: true });
    this.heartbeatRow.hidden = true;
    this.heartbeatExplained.hidden = true;
    this.heartbeatRow.addEventListener('click', () => {
      this.showHeartbeats = !this.showHeartbeats;
      this.heartbeatRow.setAttribute('aria-expanded', String(this.showHeartbeats));
      this.drawnVersion = -1;
      this.draw();
    });
    this.unsubscribe = session.subscribe(() => this.schedule());
    this.draw();
  }

  setLanguage(lang: Language): void {
    this.lang = lang;
    this.items.clear();
    this.drawnVersion = -1;
    this.draw();
  }

  destroy(): void {
    cancelAnimationFrame(this.request);
    clearTimeout(this.timer);
    this.unsubscribe();
  }

  /** Drawn on the next animation frame, but at most every `everyMs`: nobody reads 10,000 events a second. */
  private schedule(): void {
    if (this.request || this.timer) return;
    const wait = this.lastDraw + everyMs - performance.now();
    if (wait > 0) {
      this.timer = window.setTimeout(() => {
        this.timer = 0;
        this.schedule();
      }, wait);
      return;
    }
    this.request = requestAnimationFrame(() => {
      this.request = 0;
      this.lastDraw = performance.now();
      this.draw();
    });
  }

  private drawState(): void {
    const { session, lang } = this;
    const status = session.status;
    const c = session.store.counts;
    const echo =
      session.echoConnection === null
        ? ''
        : ` · ${t(lang, 'echoSocket')} ${t(lang, 'connectionNumber', { id: session.echoConnection })} (${session.echoState})`;
    this.state.replaceChildren(
      h('span', { class: `ws-ev-phase phase-${status.phase}`, text: phaseText(status, lang) }),
      h('span', { class: 'ws-muted', text: echo }),
      session.welcome?.role === 'presenter' ? ` · ${t(lang, 'presenterView')}` : '',
      h('br'),
      h('span', {
        class: 'ws-ev-counts',
        text: `${grouped(c.frames)} ${t(lang, 'frames')} · ⚠ ${c.withViolations}${session.droppedRecords ? ` · ${session.droppedRecords} dropped` : ''}`,
      }),
    );
  }

  private draw(): void {
    this.drawState();
    const timeline = this.session.timeline;
    if (timeline.version === this.drawnVersion) return;
    this.drawnVersion = timeline.version;
    this.drawHeartbeats(timeline.list());
    // Arrival order, except that what the browser itself reported is placed by its time among the wire's.
    const listed = this.showHeartbeats
      ? timeline.list()
      : timeline.list().filter((entry) => !isHeartbeat(entry));
    const entries = [...listed.slice(-shown)].sort((a, b) => a.t - b.t);
    if (entries.length === 0) {
      this.items.clear();
      this.list.replaceChildren(
        this.spacer,
        h('li', { class: 'ws-ev-empty', text: t(this.lang, 'panelEmpty') }),
      );
      return;
    }
    // Entries never change once made, except a compressed message's preview: keep their elements.
    const items = new Map<number, HTMLElement>();
    for (const entry of entries) {
      const old = this.items.get(entry.id);
      items.set(entry.id, old && !(entry.kind === 'message' && entry.compressed) ? old : this.item(entry));
    }
    this.items = items;
    // Newest first in the DOM; the list is laid out bottom-up (column-reverse), so it stays pinned to the
    // newest entry without any scrolling from script (which would force a layout on every draw). The
    // spacer (first, so at the bottom) fills the room while there are few entries, keeping them at the top.
    this.list.replaceChildren(this.spacer, ...[...items.values()].reverse());
    this.markCutTop();
  }

  /**
   * A list longer than its box, pinned to the newest entry, shows its oldest visible entry cut at the top:
   * fade that edge (`ws-ev-more`), so it reads as "more above", not as a broken line. Once per draw (the
   * layout is the frame's own) and on scroll.
   */
  private markCutTop(): void {
    const list = this.list;
    // column-reverse: scrollTop is 0 at the newest entry and negative above it.
    const cut =
      list.scrollHeight > list.clientHeight + 1 &&
      list.scrollTop > -(list.scrollHeight - list.clientHeight) + 1;
    list.classList.toggle('ws-ev-more', cut);
  }

  /** One row for the heartbeat: how many round trips (`×N`, which reads for one as for many), the last one's time, ▸ to list them all. */
  private drawHeartbeats(entries: readonly TimelineEntry[]): void {
    let count = 0;
    let last: number | null = null;
    for (const entry of entries) {
      if (entry.kind !== 'rtt' || !isHeartbeat(entry)) continue;
      count++;
      last = entry.rttMs;
    }
    this.heartbeatRow.hidden = count === 0;
    this.heartbeatExplained.hidden = count === 0 || !this.showHeartbeats;
    if (count === 0) return;
    const { lang } = this;
    this.heartbeatExplained.textContent = t(lang, 'heartbeatsPayload');
    this.heartbeatRow.title = t(lang, 'heartbeatsToggle');
    this.heartbeatRow.textContent = `${this.showHeartbeats ? '▾' : '▸'} ♥ ${t(lang, 'heartbeats')} ×${count} · ${t(lang, 'heartbeatsLast')} ${last === null ? '?' : `${last.toFixed(1)} ms`}`;
  }

  /**
   * `conn 12` ('#' numbers frames only), and on the presenter's screen a sharing visitor's name beside
   * their connections' ids.
   */
  private connectionName(id: number): string {
    const owner = this.session.connection(id)?.info?.owner;
    const consent = this.session.consent;
    const name = t(this.lang, 'connectionNumber', { id });
    if (owner === undefined || owner === consent.label) return name;
    return `${name} ${consent.nameOf(owner)} ·`;
  }

  private item(entry: TimelineEntry): HTMLElement {
    const { icon, text, tone } = describeEntry(this.session, entry, this.lang);
    const frameSeq = 'frameSeq' in entry ? entry.frameSeq : 0;
    const body = [
      h('span', { class: 'ws-ev-time', text: clockTime(entry.t).slice(3) }),
      h('span', { class: 'ws-ev-icon', 'aria-hidden': 'true', text: icon }),
      h('span', {
        class: 'ws-ev-text',
        text: entry.connection === null ? text : `${this.connectionName(entry.connection)} ${text}`,
      }),
    ];
    const li = h('li', {
      class: `ws-ev-item kind-${entry.kind}${tone ? ` tone-${tone}` : ''}`,
      'data-kind': entry.kind,
    });
    if (frameSeq > 0) {
      const button = h(
        'button',
        { type: 'button', class: 'ws-ev-open', title: t(this.lang, 'openFrame') },
        ...body,
      );
      button.addEventListener('click', () => this.openFrame(frameSeq));
      li.append(button);
    } else li.append(...body);
    return li;
  }
}
