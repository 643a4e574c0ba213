import { caseWords } from '../../conform/caseWords.ts';
import type { ConformEndpoint } from '../../conform/endpoints.ts';
import type { CaseDef } from '../../conform/types.ts';
import type { Language } from '../../protocol/index.ts';
import { FrameDetail } from '../frame-inspector/frameDetail.ts';
import { FrameList } from '../frame-inspector/frameList.ts';
import { h } from '../shared/dom.ts';
import { caseFrames } from './caseFrames.ts';
import type { EndpointState } from './runs.ts';
import { t } from './strings.ts';
import { closeBadge, resultBadge } from './summaryTable.ts';

/**
 * One case opened: what it expects and why (RFC §), what each endpoint did, and its frames in the frame
 * inspector's list and bit-by-bit detail, decoded from the bytes that crossed the wire.
 */
export class CaseView {
  readonly element: HTMLElement;
  private readonly list: FrameList;
  private readonly detail: FrameDetail;
  private readonly facts = h('dl', { class: 'ws-conform-facts' });
  private readonly tabs = h('div', { class: 'ws-conform-endpoints', role: 'group' });
  private readonly note = h('p', { class: 'ws-conform-note ws-muted' });
  private readonly title = h('h4', { class: 'ws-conform-title' });
  private current: { def: CaseDef; endpoint: string } | null = null;

  constructor(
    private readonly lang: Language,
    private readonly endpoints: readonly ConformEndpoint[],
    private readonly states: () => ReadonlyMap<string, EndpointState>,
    onBack: () => void,
  ) {
    this.detail = new FrameDetail(lang);
    this.list = new FrameList(lang, (item) => {
      this.list.select(item.seq);
      this.detail.show(item, '');
    });
    const back = h('button', {
      type: 'button',
      class: 'ws-button ws-conform-back',
      text: t(lang, 'conformBack'),
    });
    back.addEventListener('click', onBack);
    this.element = h(
      'div',
      { class: 'ws-conform-case' },
      h('div', { class: 'ws-conform-case-head' }, back, this.title, this.tabs),
      h(
        'div',
        { class: 'ws-conform-frames', role: 'region', 'aria-label': t(lang, 'conformFrames') },
        h('div', { class: 'ws-conform-frame-list' }, this.facts, this.list.element, this.note),
        this.detail.element,
      ),
    );
  }

  show(def: CaseDef, endpoint: string): void {
    this.current = { def, endpoint };
    const { lang } = this;
    const words = caseWords(def, lang);
    const state = this.states().get(endpoint);
    const outcome = state?.phase === 'done' ? state.cases.get(def.id) : undefined;
    this.title.textContent = `${def.id} · ${def.title[lang]}`;
    this.tabs.replaceChildren(
      ...this.endpoints.map((e) => {
        const s = this.states().get(e.id);
        const o = s?.phase === 'done' ? s.cases.get(def.id) : undefined;
        const tab = h(
          'button',
          { type: 'button', class: 'ws-tab', 'aria-pressed': String(e.id === endpoint) },
          `${e.label} `,
          ...(o
            ? [resultBadge(o.result, lang), ' ', closeBadge(o.close, lang, true)]
            : [t(lang, 'conformNotRun')]),
        );
        tab.addEventListener('click', () => this.show(def, e.id));
        return tab;
      }),
    );
    const row = (term: string, ...value: (Node | string)[]) => [
      h('dt', { text: term }),
      h('dd', {}, ...value),
    ];
    this.facts.replaceChildren(
      ...row(t(lang, 'conformExpected'), `${outcome?.expected[lang] ?? ''} (RFC 6455 §${def.section})`),
      // Where ws101 sends or judges differently from Autobahn on purpose, said next to what it expects.
      ...(def.differs ? row(t(lang, 'conformDiffers'), def.differs[lang]) : []),
      ...row(
        t(lang, 'conformObserved'),
        ...(outcome
          ? [resultBadge(outcome.result, lang), ' ', outcome.observed[lang]]
          : [t(lang, 'conformNotRun')]),
      ),
      ...(outcome?.why ? row(t(lang, 'conformVerdict'), outcome.why[lang]) : []),
      ...(outcome
        ? row(
            t(lang, 'conformClose'),
            closeBadge(outcome.close, lang),
            ...(outcome.closeWhy ? [' ', outcome.closeWhy[lang]] : []),
          )
        : []),
      ...row(
        t(lang, 'conformWhy'),
        `${words.title} — ${words.why} `,
        h('span', {
          class: 'ws-muted',
          text: def.autobahn ? `${t(lang, 'conformAutobahn')} ${def.id}` : t(lang, 'conformOwn'),
        }),
      ),
    );
    const { items, leftover } = caseFrames(outcome?.chunks ?? []);
    this.list.setItems(items);
    const first = items.find((item) => item.frame.violations.length > 0) ?? items[0];
    if (first) {
      this.list.select(first.seq);
      this.detail.show(first, '');
    } else this.detail.show(null, t(lang, 'conformNoFrames'));
    const kept = (total: number, left: number) => total > 2048 || left > 0;
    this.note.textContent =
      outcome && (kept(outcome.sentBytes, leftover.s) || kept(outcome.receivedBytes, leftover.r))
        ? `${t(lang, 'conformSent')} ${outcome.sentBytes} B · ${t(lang, 'conformReceived')} ${outcome.receivedBytes} B: ${t(lang, 'conformBytesKept')}`
        : '';
  }

  refresh(): void {
    if (this.current) this.show(this.current.def, this.current.endpoint);
  }

  destroy(): void {
    this.list.destroy();
  }
}
