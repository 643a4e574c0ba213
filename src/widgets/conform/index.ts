import { deckCaseTable as caseTable, categories } from '../../conform/cases/index.ts';
import { conformEndpoints } from '../../conform/endpoints.ts';
import { getSession } from '../../session/index.ts';
import { startAutoDemo } from '../shared/autoDemo.ts';
import { h } from '../shared/dom.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { createConformView, openingCategory } from './conformView.ts';
import { addOutcomes, type CaseOutcome } from './runs.ts';
import { t } from './strings.ts';

/**
 * The longest wait for the next part of a run (a part comes every few hundred ms on localhost, but
 * the slowest cases wait seconds for a close that a bad server never sends).
 */
const partTimeoutMs = 60_000;
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
  /** The viewer's own run is going (a demo's run leaves Run enabled: pressing it takes over). */
  let running = false;
  let destroyed = false;
  /** The run in flight, the demo's or the viewer's; a cancelled one starts no further endpoint and draws nothing. */
  let current: { by: 'viewer' | 'demo'; cancelled: boolean; over: Promise<void> } | null = null;

  const runButton = h('button', {
    type: 'button',
    class: 'ws-button ws-conform-run',
    text: `▶ ${t(lang, 'conformRun')}`,
  });
  const view = createConformView(host, context, {
    actions: [runButton],
    states: new Map(endpoints.map((e) => [e.id, { phase: 'idle' }])),
    status: t(lang, 'conformIdle'),
  });
  const { select, preset, status, states } = view;

  function render(): void {
    view.render();
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
    if (picked) view.category = picked.id;
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
          if (!destroyed) view.renderSummary();
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
      view.refreshCase();
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
  const { root } = view;
  // Untouched, the slide runs one quick category by itself (unless the slide preselected its own).
  const demo = startAutoDemo(root, session, lang, (control) => {
    if (control.stopped || running) return;
    if (!preset) select.value = String(openingCategory);
    return run('demo');
  });

  return {
    destroy() {
      demo.destroy();
      destroyed = true;
      view.destroy();
    },
  };
}
