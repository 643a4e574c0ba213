import { deckCaseTable as caseTable, categories, findCase } from '../../conform/cases/index.ts';
import { conformEndpoints } from '../../conform/endpoints.ts';
import type { CategoryId } from '../../conform/types.ts';
import { getSession } from '../../session/index.ts';
import type { WidgetContext, WidgetInstance } from '../registry.ts';
import { startAutoDemo } from '../shared/autoDemo.ts';
import { h } from '../shared/dom.ts';
import { isolateKeys } from '../shared/keyboard.ts';
import '../shared/widgets.css';
import '../frame-inspector/inspector.css';
import './conform.css';
import { CaseView } from './caseView.ts';
import { addOutcomes, type CaseOutcome, type EndpointState } from './runs.ts';
import { t } from './strings.ts';
import { closeBadge, resultBadge, resultLegend, summaryTable } from './summaryTable.ts';

/**
 * The longest wait for the next part of a run (a part comes every few hundred ms on localhost, but
 * the slowest cases wait seconds for a close that a bad server never sends).
 */
const partTimeoutMs = 60_000;
/** The demo's category: Autobahn's 3, reserved bits, a handful of cases done in well under a second. */
const demoCategory = 3;
/** A run the server refused for now (`busy`: the last one still ending; `rate-limited`) is asked again after this. */
const retryMs = 1000;
/** How long a run waits for the server's turn before it gives up and says why. */
const retryForMs = 20_000;

/**
 * The conformance slide: the server runs the suite (or one category) against each of its own echo
 * endpoints, one after the other; the results sit side by side, and any case opens with its frames.
 * `data-widget-category="6"` preselects a category.
 */
export function mountConform(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const { lang } = context;
  const session = getSession();
  const endpoints = conformEndpoints;
  const states = new Map<string, EndpointState>(endpoints.map((e) => [e.id, { phase: 'idle' }]));
  let category: CategoryId | null = null;
  /** The viewer's own run is going (a demo's run leaves Run enabled: pressing it takes over). */
  let running = false;
  let destroyed = false;
  /** The run in flight, the demo's or the viewer's; a cancelled one starts no further endpoint and draws nothing. */
  let current: { by: 'viewer' | 'demo'; cancelled: boolean; over: Promise<void> } | null = null;

  const select = h(
    'select',
    { class: 'ws-select ws-conform-category', 'aria-label': t(lang, 'conformCategory') },
    h('option', { value: '', text: t(lang, 'conformAll') }),
    ...categories.map((c) => h('option', { value: String(c.number), text: `${c.number} ${c.title[lang]}` })),
  );
  const preset = categories.find((c) => String(c.number) === context.options.widgetCategory);
  if (preset) select.value = String(preset.number);
  const runButton = h('button', {
    type: 'button',
    class: 'ws-button ws-conform-run',
    text: `▶ ${t(lang, 'conformRun')}`,
  });
  const status = h('span', {
    class: 'ws-conform-status',
    'aria-live': 'polite',
    text: t(lang, 'conformIdle'),
  });
  const summary = h('div', { class: 'ws-conform-left' });
  const list = h('ul', { class: 'ws-conform-list', 'aria-label': t(lang, 'conformPick') });
  const overview = h('div', { class: 'ws-conform-body' }, summary, list);
  const caseView = new CaseView(
    lang,
    endpoints,
    () => states,
    () => showOverview(),
  );
  caseView.element.hidden = true;
  const root = h(
    'div',
    {
      class: `ws-widget ws-conform${endpoints.length > 1 ? ' is-side-by-side' : ''}`,
      role: 'region',
      'aria-label': t(lang, 'conformLabel'),
    },
    h(
      'div',
      { class: 'ws-toolbar ws-conform-toolbar' },
      h('label', {}, `${t(lang, 'conformCategory')} `, select),
      runButton,
      status,
    ),
    overview,
    caseView.element,
  );
  host.append(root);
  const release = isolateKeys(root);

  function showOverview(): void {
    caseView.element.hidden = true;
    overview.hidden = false;
    render();
  }

  function openCase(id: string, endpoint: string): void {
    const def = findCase(id);
    if (!def) return;
    overview.hidden = true;
    caseView.element.hidden = false;
    caseView.show(def, endpoint);
  }

  function renderList(): void {
    if (category === null) {
      list.replaceChildren(h('li', { class: 'ws-muted ws-conform-hint', text: t(lang, 'conformPick') }));
      return;
    }
    // Where the implementations differ comes first: that is what a side-by-side run is for.
    const differing = new Set(differingCases());
    const defs = caseTable
      .filter((c) => c.category === category)
      .sort((a, b) => Number(differing.has(b.id)) - Number(differing.has(a.id)));
    list.replaceChildren(
      ...defs.map((def) => {
        const item = h('button', { type: 'button', class: 'ws-conform-case-button', 'data-case': def.id });
        item.append(h('code', { text: def.id }));
        const outcomes = endpoints.map((e) => {
          const state = states.get(e.id);
          return state?.phase === 'done' ? state.cases.get(def.id) : undefined;
        });
        for (const outcome of outcomes) {
          item.append(
            outcome
              ? h('span', {}, resultBadge(outcome.result, lang, true), closeBadge(outcome.close, lang, true))
              : h('span', { class: 'ws-conform-badge', text: '·' }),
          );
        }
        // Side by side, where the implementations differ is the interesting part: mark it, open it first.
        const results = new Set(outcomes.map((o) => o?.result));
        const differs = endpoints.length > 1 && outcomes.every(Boolean) && results.size > 1;
        if (differs) item.classList.add('is-different');
        item.append(h('span', { class: 'ws-conform-case-title', text: def.title[lang] }));
        item.addEventListener('click', () => openCase(def.id, worstEndpoint(def.id)));
        return h('li', {}, item);
      }),
    );
  }

  /** The outcomes of one case, one per endpoint (undefined where that run is not done). */
  function outcomesOf(id: string): (CaseOutcome | undefined)[] {
    return endpoints.map((e) => {
      const state = states.get(e.id);
      return state?.phase === 'done' ? state.cases.get(id) : undefined;
    });
  }

  /** The endpoint whose result to open a case on: the first that did not pass. */
  function worstEndpoint(id: string): string {
    const worst = outcomesOf(id).findIndex((o) => o && o.result !== 'pass');
    return endpoints[Math.max(0, worst)]!.id;
  }

  /** Cases every endpoint ran whose results are not all the same, in the table's order. */
  function differingCases(): string[] {
    if (endpoints.length < 2) return [];
    return caseTable
      .map((c) => c.id)
      .filter((id) => {
        const outcomes = outcomesOf(id);
        return outcomes.every(Boolean) && new Set(outcomes.map((o) => o!.result)).size > 1;
      });
  }

  /** Under the side-by-side table, once every run is done: the cases where they differ, each a link. */
  function differences(): HTMLElement[] {
    if (endpoints.length < 2 || !endpoints.every((e) => states.get(e.id)?.phase === 'done')) return [];
    const ids = differingCases();
    if (ids.length === 0) return [h('p', { class: 'ws-conform-differ', text: t(lang, 'conformAgree') })];
    return [
      h(
        'p',
        { class: 'ws-conform-differ' },
        `${t(lang, 'conformDiffer')} `,
        ...ids.map((id) => {
          const open = h('button', { type: 'button', class: 'ws-conform-differ-case', 'data-differs': id });
          open.append(h('code', { text: id }));
          open.addEventListener('click', () => openCase(id, worstEndpoint(id)));
          return open;
        }),
      ),
    ];
  }

  function summaryParts(): HTMLElement[] {
    return [
      summaryTable(endpoints, states, category, lang, (picked) => {
        category = picked;
        render();
      }),
      resultLegend(lang),
      ...differences(),
    ];
  }

  function render(): void {
    summary.replaceChildren(...summaryParts());
    renderList();
    runButton.disabled = running;
  }

  /**
   * Runs the chosen category on each endpoint in turn. The viewer's run takes over from the demo's: that
   * one starts no further endpoint and draws nothing more, and the viewer's waits for its last server run to
   * end (the server runs one per page at a time, and so many a second: a refusal for that is asked again).
   */
  async function run(by: 'viewer' | 'demo' = 'viewer'): Promise<void> {
    if (running || (by === 'demo' && current)) return;
    const previous = current;
    if (previous) previous.cancelled = true;
    let over = () => {};
    const me = {
      by,
      cancelled: false,
      over: new Promise<void>((resolve) => {
        over = resolve;
      }),
    };
    current = me;
    if (by === 'viewer') running = true;
    // A category: Autobahn's number, plus ws101's own cases of it when there are any.
    const own = caseTable.some((c) => c.id.startsWith(`ws101.${select.value}.`));
    const cases = select.value ? `${select.value}.*${own ? `,ws101.${select.value}.*` : ''}` : undefined;
    const picked = categories.find((c) => String(c.number) === select.value);
    if (picked) category = picked.id;
    for (const e of endpoints) states.set(e.id, { phase: 'idle' });
    try {
      if (previous) {
        status.textContent = t(lang, 'conformWaiting');
        render();
        await previous.over;
      }
      for (const e of endpoints) {
        if (destroyed || me.cancelled) return;
        // The cases come back in parts as they finish (to this page only), then the run's result.
        const outcomes = new Map<string, CaseOutcome>();
        states.set(e.id, { phase: 'running', done: 0, total: null, cases: outcomes });
        status.textContent = `${t(lang, 'conformRunning')} ${e.label} ${e.path}`;
        render();
        const reply = await runOn(e.id, cases, me, (part) => {
          if (me.cancelled) return;
          addOutcomes(outcomes, part);
          const total = typeof part.total === 'number' ? part.total : null;
          states.set(e.id, { phase: 'running', done: outcomes.size, total, cases: outcomes });
          status.textContent = `${t(lang, 'conformRunning')} ${e.label} ${e.path} · ${outcomes.size}/${total ?? '?'}`;
          if (!destroyed && !overview.hidden) summary.replaceChildren(...summaryParts());
        });
        if (me.cancelled) return;
        states.set(
          e.id,
          reply.ok
            ? { phase: 'done', durationMs: Number(reply.durationMs), cases: outcomes }
            : {
                phase: 'error',
                message: reply.code === 'offline' ? t(lang, 'conformOffline') : reply.message,
              },
        );
      }
    } finally {
      if (by === 'viewer') running = false;
      if (current === me) current = null;
      over();
    }
    status.textContent = endpoints
      .map((e) => {
        const s = states.get(e.id);
        return s?.phase === 'done'
          ? `${e.label}: ${s.cases.size} ${t(lang, 'conformCases')}, ${(s.durationMs / 1000).toFixed(1)} s`
          : `${e.label}: —`;
      })
      .join(' · ');
    if (!destroyed) {
      render();
      caseView.refresh();
    }
  }

  /** One endpoint's run; refused for now (`busy`, `rate-limited`), it is asked again until the server's turn. */
  async function runOn(
    endpoint: string,
    cases: string | undefined,
    me: { cancelled: boolean },
    onPart: Parameters<typeof session.command>[2],
  ) {
    const giveUp = Date.now() + retryForMs;
    for (;;) {
      const reply = await session.command(
        { type: 'conform.run', endpoint, ...(cases ? { cases } : {}) },
        partTimeoutMs,
        onPart,
      );
      const refusedForNow = !reply.ok && (reply.code === 'busy' || reply.code === 'rate-limited');
      if (!refusedForNow || me.cancelled || destroyed || Date.now() > giveUp) return reply;
      status.textContent = t(lang, 'conformWaiting');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }

  runButton.addEventListener('click', () => void run());
  render();
  // Untouched, the slide runs one quick category by itself (unless the slide preselected its own).
  const demo = startAutoDemo(root, session, lang, (control) => {
    if (control.stopped || running) return;
    if (!preset) select.value = String(demoCategory);
    return run('demo');
  });

  return {
    destroy() {
      demo.destroy();
      destroyed = true;
      release();
      caseView.destroy();
      root.remove();
    },
  };
}
