import type { Language } from '../../protocol/index.ts';
import { captureText } from '../../shared/strings/capture.ts';
import { h } from '../shared/dom.ts';
import { arrow, clockTime } from '../shared/format.ts';
import { type ReplayEvent, type ReplayState, watchReplay } from './replayFeed.ts';
import { t } from './strings.ts';

/** Rows in the panel: the newest control frames of the replay, the older ones counted above them. */
const shownRows = 6;

function quote(text: string): string {
  return text ? `“${text}”` : '∅';
}

function eventText(event: ReplayEvent, lang: Language): string {
  const who = t(lang, event.direction === 'client' ? 'clientToServer' : 'serverToClient');
  if (event.kind === 'close')
    return `${t(lang, 'eventCloseFrame')} ${event.code ?? '—'} ${quote(event.text)} · ${who}`;
  return `${event.kind} ${quote(event.text)} · ${who}`;
}

/**
 * The replayed connection's pings, pongs and closes in the event panel, in step with the replay (see
 * replayFeed.ts): a block of its own, headed "Replay" with the file and position, dashed so it never
 * reads as live traffic. Hidden while nothing is replayed.
 */
export class ReplayView {
  readonly element: HTMLElement;
  private readonly heading = h('p', { class: 'ws-ev-replay-head' });
  private readonly where = h('p', { class: 'ws-ev-replay-where' });
  private readonly list = h('ol', { class: 'ws-ev-replay-list' });
  private readonly stop: () => void;

  constructor(private readonly lang: Language) {
    this.element = h(
      'section',
      { class: 'ws-ev-replay', 'aria-label': captureText(lang, 'replayTitle') },
      this.heading,
      this.where,
      this.list,
    );
    this.stop = watchReplay((state) => this.draw(state));
  }

  private draw(state: ReplayState | null): void {
    this.element.hidden = state === null;
    if (!state) return;
    const { lang } = this;
    this.heading.replaceChildren(
      h('span', { class: 'ws-ev-replay-mark', text: `⟲ ${captureText(lang, 'replayTitle')}` }),
      ` ${captureText(lang, 'replayOf', { source: state.source, at: state.position, total: state.total })}`,
    );
    this.where.textContent = state.connection;
    const rows = state.events.slice(-shownRows);
    this.list.replaceChildren(
      ...(rows.length === 0
        ? [h('li', { class: 'ws-ev-replay-empty', text: captureText(lang, 'replayNoEvents') })]
        : rows.map((event) =>
            h(
              'li',
              {
                class: `ws-ev-item kind-${event.kind}`,
                'data-kind': event.kind,
                'data-seq': String(event.seq),
              },
              h('span', { class: 'ws-ev-time', text: `#${event.seq} ${clockTime(event.t).slice(3)}` }),
              h('span', { class: 'ws-ev-icon', 'aria-hidden': 'true', text: arrow(event.direction) }),
              h('span', { class: 'ws-ev-text', text: eventText(event, lang) }),
            ),
          )),
    );
  }

  destroy(): void {
    this.stop();
  }
}
