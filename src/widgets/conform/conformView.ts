import {
  type Category,
  deckCaseTable as caseTable,
  categories,
  findCase,
} from '../../conform/cases/index.ts';
import { conformEndpoints } from '../../conform/endpoints.ts';
import type { CategoryId } from '../../conform/types.ts';
import { h } from '../shared/dom.ts';
import { isolateKeys } from '../shared/keyboard.ts';
import type { WidgetContext } from '../widget.ts';
import '../shared/widgets.css';
import '../frame-inspector/inspector.css';
import './conform.css';
import { CaseView } from './caseView.ts';
import type { CaseOutcome, EndpointState } from './runs.ts';
import { t } from './strings.ts';
import { closeBadge, resultBadge, resultLegend, summaryTable } from './summaryTable.ts';

/**
 * The category the slide opens on when it names none: Autobahn's 3, reserved bits, a handful of cases
 * (live, the demo runs it, in well under a second; recorded, its cases are listed).
 */
export const openingCategory = 3;

/**
 * The conformance slide's view, whoever fills it: the results of each endpoint side by side, a category's
 * cases, and any case opened with its frames. The live widget (index.ts) fills `states` from the server's
 * runs; the static site (recorded.ts) from a recorded run.
 */
export type ConformView = {
  readonly root: HTMLElement;
  /** The category picker in the toolbar; `data-widget-category` on the slide preselects it (`preset`). */
  readonly select: HTMLSelectElement;
  readonly preset: Category | undefined;
  readonly status: HTMLElement;
  /** Each endpoint's results, by its id: change it, then `render()`. */
  readonly states: Map<string, EndpointState>;
  /** The category whose cases are listed; null: none yet. */
  category: CategoryId | null;
  render(): void;
  /** While a run goes: the summary alone, while it shows (not the list under a viewer's pointer). */
  renderSummary(): void;
  /** The case that is open drawn again, with what `states` holds now. */
  refreshCase(): void;
  destroy(): void;
};

export type ConformViewOptions = {
  /** Beside the category picker: the live widget's Run button. */
  readonly actions?: readonly HTMLElement[];
  readonly states: Map<string, EndpointState>;
  readonly status: string;
  /** A category picked in the summary table (its row). */
  readonly onPick?: (category: CategoryId) => void;
};

export function createConformView(
  host: HTMLElement,
  context: WidgetContext,
  options: ConformViewOptions,
): ConformView {
  const { lang } = context;
  const endpoints = conformEndpoints;
  const { states } = options;
  let category: CategoryId | null = null;

  const select = h(
    'select',
    { class: 'ws-select ws-conform-category', 'aria-label': t(lang, 'conformCategory') },
    h('option', { value: '', text: t(lang, 'conformAll') }),
    ...categories.map((c) => h('option', { value: String(c.number), text: `${c.number} ${c.title[lang]}` })),
  );
  const preset = categories.find((c) => String(c.number) === context.options.widgetCategory);
  if (preset) select.value = String(preset.number);
  const status = h('span', { class: 'ws-conform-status', 'aria-live': 'polite', text: options.status });
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
      ...(options.actions ?? []),
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
    // The ids take the width of this category's longest (3.1 or 12.1.10), the titles the rest of the line.
    list.style.setProperty('--case-id-chars', String(Math.max(...defs.map((def) => def.id.length))));
    list.replaceChildren(
      ...defs.map((def) => {
        const item = h('button', { type: 'button', class: 'ws-conform-case-button', 'data-case': def.id });
        item.append(h('code', { text: def.id }));
        const outcomes = outcomesOf(def.id);
        for (const outcome of outcomes) {
          item.append(
            outcome
              ? h('span', {}, resultBadge(outcome.result, lang, true), closeBadge(outcome.close, lang, true))
              : h('span', { class: 'ws-conform-badge', text: '·' }),
          );
        }
        // Side by side, where the implementations differ is the interesting part: mark it, open it first.
        if (differing.has(def.id)) item.classList.add('is-different');
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

  function renderSummary(): void {
    if (!overview.hidden)
      summary.replaceChildren(
        summaryTable(endpoints, states, category, lang, (picked) => {
          category = picked;
          options.onPick?.(picked);
          render();
        }),
        resultLegend(lang),
        ...differences(),
      );
  }

  function render(): void {
    renderSummary();
    renderList();
  }

  render();
  return {
    root,
    select,
    preset,
    status,
    states,
    get category() {
      return category;
    },
    set category(picked) {
      category = picked;
    },
    render,
    renderSummary,
    refreshCase: () => caseView.refresh(),
    destroy() {
      release();
      caseView.destroy();
      root.remove();
    },
  };
}
