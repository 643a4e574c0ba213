import { type Language, toHex } from '../../protocol/index.ts';
import type { LiveSession } from '../../session/index.ts';
import {
  type Behaviour,
  experimentBytes,
  type LabDirection,
  type LabExperiment,
  labExperiments,
} from '../../shared/labExperiments.ts';
import {
  type BrowserIdentity,
  differences,
  identifyBrowser,
  type Observation,
  type RfcVerdict,
  rfcVerdict,
} from '../../shared/labVerdict.ts';
import { h, replace } from '../shared/dom.ts';
import {
  closeFromServer,
  type LabActions,
  observeBrowser,
  observeServer,
  writeToBrowser,
} from './actions.ts';
import { t } from './strings.ts';

/** One run, as the page read it; `data-run` carries it as JSON for the tests and the browser-measuring script. */
export type LabRun = {
  readonly experiment: string;
  readonly direction: LabDirection;
  /** Who received the bytes: the browser's name, or ws. */
  readonly receiver: string;
  readonly seen: Observation | null;
  readonly error?: string;
  /** The run did what this receiver is known to do (for an unmeasured browser: what the RFC requires). */
  readonly matches: boolean;
  readonly rfc: RfcVerdict['kind'] | null;
};

const fieldWords = {
  delivers: 'labFieldDelivers',
  closeFrame: 'labFieldCloseFrame',
  page: 'labFieldPage',
} as const;

const quote = (text: string | undefined) => (text ? ` ${JSON.stringify(text)}` : '');

/** Bytes shown on the slide; a long frame (a 126-byte ping) is cut there, whole in `data-hex`. */
const bytesShown = 24;

function bytesLine(bytes: Uint8Array, lang: Language): HTMLElement {
  const shown = toHex(bytes.subarray(0, bytesShown), ' ');
  const more = bytes.length > bytesShown ? ` … (${bytes.length} B)` : '';
  return h(
    'p',
    { class: 'ws-lab-bytes', 'data-hex': toHex(bytes) },
    h('strong', { text: `${t(lang, 'labBytes')}: ` }),
    h('code', { text: shown + more }),
  );
}

/** A receiver's behaviour (known or seen) in words, one line each: the message, the wire, the page. */
export function behaviourLines(b: Behaviour | Observation, lang: Language): string[] {
  const seen = b as Observation;
  const lines: string[] = [];
  lines.push(
    b.delivers
      ? `${t(lang, 'labDelivers')}${seen.messages && seen.messages > 1 ? ` × ${seen.messages}` : ''}`
      : t(lang, 'labNoMessage'),
  );
  if (seen.error) lines.push(t(lang, 'labError'));
  lines.push(
    b.closeFrame === 'none'
      ? t(lang, 'labSendsNothing')
      : b.closeFrame === null
        ? t(lang, 'labSendsEmptyClose')
        : `${t(lang, 'labSendsClose')} ${b.closeFrame}${quote(seen.closeReason)}`,
  );
  if (b.page === 'open') lines.push(t(lang, 'labPageOpen'));
  else if (b.page)
    lines.push(`${t(lang, 'labPageSees')} ${b.page.code}${quote(seen.pageReason)}, wasClean ${b.page.clean}`);
  return lines;
}

/**
 * The named experiments: pick one and a direction, and read side by side what the RFC requires, what this
 * browser (or ws) is known to do, and what happened in this run, including what the receiver put on the
 * wire, read from the tap. A receiver that departs from the RFC is said to, with the rule it breaks.
 */
export class ExperimentsPane {
  readonly element: HTMLElement;
  private selected: LabExperiment = labExperiments[0]!;
  private direction: LabDirection = 'to-browser';
  private readonly detail = h('div', { class: 'ws-lab-detail', 'aria-live': 'polite' });
  private readonly list = h('div', { class: 'ws-lab-list', role: 'listbox', 'aria-label': 'experiments' });
  private readonly browser: BrowserIdentity = identifyBrowser(navigator.userAgent);
  /** The viewer's own run is going (the demo's never disables Run: the viewer may take over at once). */
  private running = false;
  /** The run in flight, any: one at a time on the page's sockets, since each reads the browser's events. */
  private inFlight: Promise<void> = Promise.resolve();
  /** The run the detail shows as running (or its result); null once the viewer picked something else. */
  private shownRun: object | null = null;

  constructor(
    private readonly session: LiveSession,
    private readonly lab: LabActions,
    private readonly lang: Language,
  ) {
    this.element = h('div', { class: 'ws-lab-experiments' }, this.list, this.detail);
    this.element.dataset.browser = this.browser.known ?? 'unknown';
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

  /** Selects an experiment by its name (the demo's), as a click on it in the list would. */
  selectByName(name: string): void {
    const experiment = labExperiments.find((candidate) => candidate.name === name);
    if (experiment) this.select(experiment);
  }

  private select(experiment: LabExperiment): void {
    this.selected = experiment;
    this.shownRun = null;
    if (!experiment.directions.includes(this.direction)) this.direction = experiment.directions[0]!;
    this.drawList();
    this.drawDetail(null, null);
  }

  /** Who receives the bytes in the chosen direction, and what the table knows of it. */
  private receiver(): { name: string; known: Behaviour | undefined } {
    const experiment = this.selected;
    if (this.direction === 'to-server') return { name: 'ws', known: experiment.server };
    const id = this.browser.known;
    return { name: this.browser.name, known: id ? experiment.browsers?.[id] : undefined };
  }

  private drawDetail(bytes: Uint8Array | null, run: LabRun | 'running' | null): void {
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
        this.shownRun = null;
        this.drawDetail(null, null);
      });
      return button;
    });
    const runButton = h('button', {
      type: 'button',
      class: 'ws-button ws-button-primary ws-lab-run',
      text: t(lang, 'labRun'),
    });
    runButton.disabled = this.running;
    runButton.addEventListener('click', () => void this.run());
    const { name, known } = this.receiver();
    const column = (cls: string, title: string, ...body: (HTMLElement | string)[]) =>
      h('div', { class: `ws-lab-column ${cls}` }, h('h3', { text: title }), ...body);
    const lines = (items: string[]) => items.map((text) => h('p', { text }));
    const knownVerdict = known ? rfcVerdict(experiment.rfc, known) : null;
    const seen = run && run !== 'running' ? run.seen : null;
    replace(
      this.detail,
      h('div', { class: 'ws-composer-row' }, ...directions, runButton),
      h(
        'div',
        { class: 'ws-lab-columns' },
        column(
          'ws-lab-rfc',
          `RFC 6455 §${experiment.rfc.section}`,
          h('p', { text: experiment.rfc.says[lang] }),
        ),
        column(
          'ws-lab-known',
          `${name} · ${t(lang, 'labMeasured')}`,
          ...(known ? lines(behaviourLines(known, lang)) : [h('p', { text: t(lang, 'labNotMeasured') })]),
          ...(knownVerdict && knownVerdict.kind !== 'follows' ? [this.verdictLine(knownVerdict, name)] : []),
        ),
        column(
          'ws-lab-run-column',
          t(lang, 'labThisRun'),
          ...(run === 'running'
            ? [h('p', { text: t(lang, 'labRunning') })]
            : seen
              ? lines(behaviourLines(seen, lang))
              : run?.error
                ? [h('p', { class: 'ws-editor-problem', text: run.error })]
                : [h('p', { class: 'ws-muted', text: t(lang, 'labPressRun') })]),
          run && run !== 'running' ? this.outcome(run, known, name) : '',
        ),
      ),
      bytes ? bytesLine(bytes, lang) : null,
    );
  }

  /** How a known or seen behaviour stands against the RFC, in one line. */
  private verdictLine(verdict: RfcVerdict, name: string): HTMLElement {
    const { lang } = this;
    const section = `§${this.selected.rfc.section}`;
    if (verdict.kind === 'follows')
      return h('p', {
        class: 'ws-lab-verdict follows',
        text: `✓ ${name} ${t(lang, 'labFollowsRfc')} ${section}`,
      });
    if (verdict.kind === 'allowed')
      return h('p', {
        class: 'ws-lab-verdict allowed',
        text: `≈ ${t(lang, 'labAllowedByRfc')}: ${verdict.why[lang]}`,
      });
    return h('p', {
      class: 'ws-lab-verdict departs',
      text: `⚠ ${name} ${t(lang, 'labDepartsRfc')} ${section}: ${verdict.why[lang]}`,
    });
  }

  private outcome(run: LabRun, known: Behaviour | undefined, name: string): HTMLElement {
    const { lang } = this;
    const verdicts: HTMLElement[] = [];
    let matchesKnown = false;
    if (run.seen && known) {
      const differ = differences(known, run.seen);
      matchesKnown = differ.length === 0;
      verdicts.push(
        h('p', {
          class: `ws-lab-verdict ${differ.length === 0 ? 'follows' : 'differs'}`,
          text:
            differ.length === 0
              ? `✓ ${t(lang, 'labAsMeasured')} ${name}`
              : `✗ ${t(lang, 'labDiffersFrom')} ${name}: ${differ.map((field) => t(lang, fieldWords[field])).join(', ')}`,
        }),
      );
    } else if (run.seen) {
      verdicts.push(h('p', { class: 'ws-lab-verdict allowed', text: t(lang, 'labNotMeasured') }));
    }
    // A run like the known behaviour stands where that does against the RFC (said in the column beside).
    if (run.seen && !matchesKnown)
      verdicts.push(this.verdictLine(rfcVerdict(this.selected.rfc, run.seen), name));
    return h(
      'div',
      {
        class: `ws-lab-outcome ${run.matches ? 'ok' : 'differs'}`,
        'data-matches': String(run.matches),
        'data-rfc': run.rfc ?? 'none',
        'data-run': JSON.stringify(run),
      },
      ...verdicts,
    );
  }

  /**
   * Runs the selected experiment. `by: 'demo'` is the slide's own demo: its run leaves Run enabled, and a
   * viewer's run started meanwhile waits for it to end (two runs at once would read each other's browser
   * events), then shows in its place; the demo's result is not drawn over the viewer's choice.
   */
  async run(by: 'viewer' | 'demo' = 'viewer'): Promise<LabRun> {
    const experiment = this.selected;
    const direction = this.direction;
    const maxPayload = this.session.welcome?.maxPayload ?? 1024 * 1024;
    const bytes = experimentBytes(experiment, direction, maxPayload);
    const { name, known } = this.receiver();
    const token = {};
    if (by === 'viewer') this.running = true;
    this.shownRun = token;
    this.drawDetail(bytes, 'running');
    const before = this.inFlight;
    let finished = () => {};
    this.inFlight = new Promise<void>((resolve) => {
      finished = resolve;
    });
    await before;
    const { reply, seen } = await (async () => {
      try {
        return direction === 'to-browser'
          ? await observeBrowser(this.session, () =>
              experiment.toBrowserAsServerClose
                ? closeFromServer(this.session, experiment.toBrowserAsServerClose)
                : writeToBrowser(this.session, bytes),
            )
          : await observeServer(this.session, this.lab, bytes);
      } finally {
        finished();
      }
    })();
    const verdict = seen ? rfcVerdict(experiment.rfc, seen) : null;
    const run: LabRun = {
      experiment: experiment.name,
      direction,
      receiver: name,
      seen,
      ...(reply.ok ? {} : { error: reply.message }),
      matches: seen !== null && (known ? differences(known, seen).length === 0 : verdict?.kind !== 'breaks'),
      rfc: verdict?.kind ?? null,
    };
    if (by === 'viewer') this.running = false;
    if (this.shownRun === token) this.drawDetail(bytes, run);
    // The viewer picked another experiment meanwhile: its Run button, drawn disabled while the viewer's
    // run went on, is enabled again. (A demo's run ending under the viewer's own run changes nothing.)
    else if (this.shownRun === null && by === 'viewer') this.drawDetail(null, null);
    return run;
  }
}
