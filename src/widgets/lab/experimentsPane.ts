import { type Language, toHex } from '../../protocol/index.ts';
import type { BrowserEvent, LiveSession } from '../../session/index.ts';
import {
  experimentBytes,
  type LabDirection,
  type LabExperiment,
  labExperiments,
  type Reaction,
} from '../../shared/labExperiments.ts';
import { t } from '../../shared/strings/index.ts';
import { h, replace } from '../shared/dom.ts';
import {
  closeFromServer,
  type LabActions,
  serverClose,
  watchBrowser,
  when,
  writeToBrowser,
} from './actions.ts';

export type Outcome = { readonly text: string; readonly matches: boolean };

function reactionText(reaction: Reaction | undefined, lang: Language): string {
  if (!reaction) return '—';
  if (reaction.kind === 'accepts') return t(lang, 'labAcceptedShort');
  return `close ${reaction.code}${reaction.clean ? '' : ', wasClean false'}`;
}

/** What the browser's events say, against what the table expects. */
export function browserOutcome(
  events: readonly BrowserEvent[],
  expected: Reaction | undefined,
  lang: Language,
): Outcome {
  const close = events.find((event) => event.type === 'close');
  const messages = events.filter((event) => event.type === 'message').length;
  const parts: string[] = [];
  if (messages > 0) parts.push(`${messages} × ${t(lang, 'labMessage')}`);
  if (events.some((event) => event.type === 'error')) parts.push(t(lang, 'labError'));
  if (close?.type === 'close')
    parts.push(
      `${t(lang, 'labClose')} ${close.code} ${JSON.stringify(close.reason)} wasClean ${close.wasClean}`,
    );
  if (!close) parts.push(t(lang, 'labBrowserAccepted'));
  const matches =
    expected?.kind === 'accepts'
      ? !close
      : close?.type === 'close' && close.code === expected?.code && close.wasClean === expected.clean;
  return { text: parts.join(' · '), matches: Boolean(matches) };
}

export function serverOutcome(
  close: { code: number | null; reason: string } | null,
  expected: Reaction | undefined,
  lang: Language,
): Outcome {
  if (!close) return { text: t(lang, 'labServerAccepted'), matches: expected?.kind === 'accepts' };
  const text = `${t(lang, 'labServerClosed')} ${close.code ?? '(no code)'}${close.reason ? ` ${JSON.stringify(close.reason)}` : ''}`;
  return { text, matches: expected?.kind === 'closes' && close.code === expected.code };
}

/**
 * The named experiments: pick one and a direction, read what the RFC expects, run it, and see what the
 * receiving side really did, with the exact bytes that were sent.
 */
export class ExperimentsPane {
  readonly element: HTMLElement;
  private selected: LabExperiment = labExperiments[0]!;
  private direction: LabDirection = 'to-browser';
  private readonly detail = h('div', { class: 'ws-lab-detail', 'aria-live': 'polite' });
  private readonly list = h('div', { class: 'ws-lab-list', role: 'listbox', 'aria-label': 'experiments' });
  private running = false;

  constructor(
    private readonly session: LiveSession,
    private readonly lab: LabActions,
    private readonly lang: Language,
  ) {
    this.element = h('div', { class: 'ws-lab-experiments' }, this.list, this.detail);
    this.drawList();
    this.drawDetail(null, null);
  }

  private drawList(): void {
    const items = labExperiments.map((experiment) => {
      const item = h('button', {
        type: 'button',
        class: `ws-lab-item${experiment === this.selected ? ' selected' : ''}`,
        role: 'option',
        'aria-selected': experiment === this.selected ? 'true' : 'false',
        'data-experiment': experiment.name,
        text: experiment.title[this.lang],
      });
      item.addEventListener('click', () => this.select(experiment));
      return item;
    });
    replace(this.list, ...items);
  }

  private select(experiment: LabExperiment): void {
    this.selected = experiment;
    if (!experiment.directions.includes(this.direction)) this.direction = experiment.directions[0]!;
    this.drawList();
    this.drawDetail(null, null);
  }

  private drawDetail(bytes: Uint8Array | null, outcome: Outcome | 'running' | null): void {
    const { lang, selected: experiment } = this;
    const directions = experiment.directions.map((direction) => {
      const button = h('button', {
        type: 'button',
        class: `ws-lab-direction${direction === this.direction ? ' selected' : ''}`,
        'aria-pressed': direction === this.direction ? 'true' : 'false',
        'data-direction': direction,
        text: t(lang, direction === 'to-browser' ? 'labToBrowser' : 'labToServer'),
      });
      button.addEventListener('click', () => {
        this.direction = direction;
        this.drawDetail(null, null);
      });
      return button;
    });
    const run = h('button', {
      type: 'button',
      class: 'ws-button ws-button-primary ws-lab-run',
      text: t(lang, 'labRun'),
    });
    run.disabled = this.running;
    run.addEventListener('click', () => void this.run());
    const expected = this.direction === 'to-browser' ? experiment.browser : experiment.server;
    const who = this.direction === 'to-browser' ? 'Chromium' : 'ws';
    replace(
      this.detail,
      h('h4', { text: `${experiment.title[lang]} · RFC 6455 §${experiment.section}` }),
      h('div', { class: 'ws-composer-row' }, ...directions, run),
      h('p', {}, h('strong', { text: `${t(lang, 'labExpect')}: ` }), experiment.expect[lang]),
      h('p', { class: 'ws-lab-expected' }, `${who}: ${reactionText(expected, lang)}`),
      bytes
        ? h(
            'p',
            { class: 'ws-lab-bytes' },
            h('strong', { text: `${t(lang, 'labBytes')}: ` }),
            h('code', { text: toHex(bytes, ' ') }),
          )
        : null,
      outcome === 'running'
        ? h('p', { class: 'ws-lab-outcome', text: t(lang, 'labRunning') })
        : outcome
          ? h(
              'p',
              {
                class: `ws-lab-outcome ${outcome.matches ? 'ok' : 'differs'}`,
                'data-matches': String(outcome.matches),
              },
              h('strong', { text: `${t(lang, 'labHappened')}: ` }),
              `${outcome.text} — ${outcome.matches ? `✓ ${t(lang, 'labMatches')}` : `✗ ${t(lang, 'labDiffers')}`}`,
            )
          : null,
    );
  }

  async run(): Promise<Outcome> {
    const experiment = this.selected;
    const direction = this.direction;
    const maxPayload = this.session.welcome?.maxPayload ?? 1024 * 1024;
    const bytes = experimentBytes(experiment, direction, maxPayload);
    this.running = true;
    this.drawDetail(bytes, 'running');
    let outcome: Outcome;
    if (direction === 'to-browser') {
      const watching = watchBrowser(this.session);
      const reply = experiment.toBrowserAsServerClose
        ? await closeFromServer(this.session, experiment.toBrowserAsServerClose)
        : await writeToBrowser(this.session, bytes);
      outcome = reply.ok
        ? browserOutcome(await watching, experiment.browser, this.lang)
        : { text: reply.message, matches: false };
      // A failed connection stays failed: open a new echo socket so the page goes on.
      if (this.session.echoState === 'closed') this.session.reopenEcho();
    } else {
      const { reply, connection } = await this.lab.write(bytes);
      if (!reply.ok || connection === null) {
        outcome = { text: reply.ok ? 'no lab connection' : reply.message, matches: false };
      } else {
        const close = await when(this.session, () => serverClose(this.session, connection), 1500);
        outcome = serverOutcome(close, experiment.server, this.lang);
      }
    }
    this.running = false;
    if (this.selected === experiment && this.direction === direction) this.drawDetail(bytes, outcome);
    return outcome;
  }
}
