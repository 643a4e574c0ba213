import { deckCaseTable as caseTable, categories } from '../../conform/cases/index.ts';
import type { ConformEndpoint } from '../../conform/endpoints.ts';
import {
  type CategoryId,
  type CloseResult,
  closeResults,
  type Result,
  results,
} from '../../conform/types.ts';
import type { Language } from '../../protocol/index.ts';
import { h } from '../shared/dom.ts';
import type { EndpointState } from './runs.ts';
import { t } from './strings.ts';

export const resultMarks: Record<Result, string> = {
  pass: '✓',
  'non-strict': '≈',
  informational: 'i',
  fail: '✗',
  unimplemented: '–',
};

export function resultBadge(result: Result, lang: Language, short = false): HTMLElement {
  return h('span', {
    class: `ws-conform-badge is-${result}`,
    title: t(lang, `conformResult.${result}`),
    text: short ? resultMarks[result] : `${resultMarks[result]} ${t(lang, `conformResult.${result}`)}`,
  });
}

/** Autobahn's second column: the closing handshake, marked like the behaviour. */
export const closeMarks: Record<CloseResult, string> = {
  ok: '✓',
  'wrong-code': '≠',
  unclean: '~',
  'failed-by-client': '↯',
  informational: 'i',
  failed: '✗',
};

const closeClass: Record<CloseResult, string> = {
  ok: 'is-pass',
  'wrong-code': 'is-non-strict',
  unclean: 'is-fail',
  'failed-by-client': 'is-non-strict',
  informational: 'is-informational',
  failed: 'is-fail',
};

export function closeBadge(close: CloseResult, lang: Language, short = false): HTMLElement {
  return h('span', {
    class: `ws-conform-badge ws-conform-close ${closeClass[close]}`,
    title: t(lang, `conformClose.${close}`),
    text: short ? closeMarks[close] : `${closeMarks[close]} ${t(lang, `conformClose.${close}`)}`,
  });
}

/** What the marks mean, under the table: a case's first mark (behaviour) and its second (the close). */
export function resultLegend(lang: Language): HTMLElement {
  return h(
    'div',
    { class: 'ws-conform-legend' },
    h(
      'p',
      {},
      h('span', { class: 'ws-conform-legend-what', text: t(lang, 'legendBehaviour') }),
      ...results.map((r) =>
        h('span', { class: `is-${r}`, text: `${resultMarks[r]} ${t(lang, `conformResult.${r}`)}` }),
      ),
    ),
    h(
      'p',
      {},
      h('span', { class: 'ws-conform-legend-what', text: t(lang, 'legendClose') }),
      ...closeResults.map((c) =>
        h('span', { class: closeClass[c], text: `${closeMarks[c]} ${t(lang, `conformClose.${c}`)}` }),
      ),
    ),
  );
}

/**
 * Counts as chips: only the results that occur, so a clean run reads "✓ 18 i 1". While a run goes, the
 * cases back so far, and in the total row how many of how many.
 */
function chips(state: EndpointState, ids: readonly string[], lang: Language, totalRow = false): HTMLElement {
  const cell = h('span', { class: 'ws-conform-chips' });
  if (state.phase === 'error') cell.append(h('span', { class: 'is-fail', text: state.message }));
  if (state.phase === 'idle')
    cell.append(h('span', { class: 'ws-muted', text: `${ids.length} ${t(lang, 'conformCases')}` }));
  if (state.phase !== 'done' && state.phase !== 'running') return cell;
  const counted = results.map((result) => ({
    result,
    n: ids.filter((id) => state.cases.get(id)?.result === result).length,
  }));
  if (state.phase === 'running' && counted.every(({ n }) => n === 0))
    cell.append(h('span', { class: 'ws-muted', text: t(lang, 'conformRunning') }));
  for (const { result, n } of counted) {
    if (n > 0)
      cell.append(
        h('span', {
          class: `ws-conform-chip is-${result}`,
          title: t(lang, `conformResult.${result}`),
          text: `${resultMarks[result]} ${n}`,
        }),
      );
  }
  if (state.phase === 'running' && totalRow && state.total !== null)
    cell.append(h('span', { class: 'ws-muted', text: ` · ${state.done}/${state.total}` }));
  return cell;
}

/** Categories down, endpoints across: the side-by-side view. Rows are buttons that pick a category. */
export function summaryTable(
  endpoints: readonly ConformEndpoint[],
  states: ReadonlyMap<string, EndpointState>,
  selected: CategoryId | null,
  lang: Language,
  onPick: (category: CategoryId) => void,
): HTMLElement {
  const idle: EndpointState = { phase: 'idle' };
  const rows = categories.map((category) => {
    const ids = caseTable.filter((c) => c.category === category.id).map((c) => c.id);
    const pick = h('button', {
      type: 'button',
      class: 'ws-conform-pick',
      'aria-pressed': String(selected === category.id),
      text: `${category.number} ${category.title[lang]}`,
    });
    pick.addEventListener('click', () => onPick(category.id));
    return h(
      'tr',
      { class: selected === category.id ? 'is-selected' : '' },
      h('th', { scope: 'row' }, pick),
      ...endpoints.map((e) => h('td', {}, chips(states.get(e.id) ?? idle, ids, lang))),
    );
  });
  const all = caseTable.map((c) => c.id);
  return h(
    'table',
    { class: 'ws-conform-summary' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { text: t(lang, 'conformCategory') }),
        ...endpoints.map((e) => h('th', { text: `${e.label} ${e.path}` })),
      ),
    ),
    h('tbody', {}, ...rows),
    h(
      'tfoot',
      {},
      h(
        'tr',
        {},
        h('th', { text: t(lang, 'conformTotal') }),
        ...endpoints.map((e) => h('td', {}, chips(states.get(e.id) ?? idle, all, lang, true))),
      ),
    ),
  );
}
