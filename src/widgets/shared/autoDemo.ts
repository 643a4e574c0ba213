import type { Language } from '../../protocol/index.ts';
import type { LiveSession } from '../../session/index.ts';
import { h } from './dom.ts';
import { t } from './strings.ts';

/** What a running demo script may ask: whether it was stopped, a pause that ends early when it is. */
export type DemoControl = {
  readonly stopped: boolean;
  wait(ms: number): Promise<void>;
  /** Runs once when the demo stops (the viewer took over, or the slide was left). */
  onStop(cleanup: () => void): void;
};

/**
 * A widget's demonstration: real actions through the widget's own code path (so every frame it shows came
 * from the tap), never a recording played back.
 */
export type DemoScript = (demo: DemoControl) => Promise<void> | void;

export type AutoDemo = {
  /** The viewer took over (the widget calls it for input that reaches it some other way). */
  stop(): void;
  /** The widget is unmounted: the demo stops and nothing of it stays. */
  destroy(): void;
  readonly state: 'waiting' | 'running' | 'done' | 'stopped';
};

/** A slide is read for a moment before anything moves; the first exchange then shows well within 3 s. */
const startAfterMs = 300;
/** How long a demo waits for the session to come up before it gives the widget to the viewer. */
const liveWithinMs = 5000;
/**
 * A viewer's first touch. `click`, `input` and `change` too: a screen reader's activation, a script driving
 * the page or a value picked without focus reach the widget as those alone, and must stop the demo as well.
 */
const touches = ['keydown', 'pointerdown', 'focusin', 'click', 'input', 'change'] as const;

/**
 * One lifecycle for every widget's demo, so no live slide is ever empty: once the page's session is live the
 * widget runs its `script` by itself, marked by a visible "demo" badge and `data-demo` on its root
 * (`running`, then `done`), and it stops for good at the viewer's first touch inside the widget (a key, a
 * pointer, focus, a click or a changed value): `data-demo="stopped"`, badge gone, the script's own `onStop` cleanups run. With no
 * server at all (a static copy of the deck: the session is `offline`, it never connected) the demo never
 * starts and the slide shows its captured example instead, as print does (`widget-offline` on the
 * placeholder), until a server answers.
 */
export function startAutoDemo(
  root: HTMLElement,
  session: LiveSession,
  lang: Language,
  script: DemoScript,
): AutoDemo {
  let state: AutoDemo['state'] = 'waiting';
  const cleanups: (() => void)[] = [];
  const timers = new Set<number>();
  const badge = h('span', {
    class: 'ws-demo-badge',
    'data-demo-badge': '',
    title: t(lang, 'demoBadgeTitle'),
    text: t(lang, 'demoBadge'),
  });
  const later = (ms: number, then: () => void) => {
    const timer = window.setTimeout(() => {
      timers.delete(timer);
      then();
    }, ms);
    timers.add(timer);
  };
  const control: DemoControl = {
    get stopped() {
      return state === 'stopped';
    },
    wait: (ms) => new Promise((resolve) => later(ms, resolve)),
    onStop: (cleanup) => {
      if (state === 'stopped') cleanup();
      else cleanups.push(cleanup);
    },
  };
  const placeholder = root.closest<HTMLElement>('[data-widget]');
  const showOffline = () =>
    placeholder?.classList.toggle('widget-offline', session.status.phase === 'offline');
  const stopOfflineWatch = session.subscribe((change) => {
    if (change.status) showOffline();
  });
  showOffline();
  let stopListening = () => {};
  const stop = (reason: 'touched' | 'left') => {
    if (reason === 'left') {
      stopOfflineWatch();
      placeholder?.classList.remove('widget-offline');
    }
    if (state === 'stopped') return;
    const wasShowing = state !== 'waiting' || reason === 'touched';
    state = 'stopped';
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    stopListening();
    stopSession();
    badge.remove();
    if (wasShowing) root.dataset.demo = 'stopped';
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  const touched = () => stop('touched');
  for (const type of touches) root.addEventListener(type, touched, true);
  stopListening = () => {
    for (const type of touches) root.removeEventListener(type, touched, true);
  };

  const begin = () => {
    if (state !== 'waiting') return;
    state = 'running';
    root.dataset.demo = 'running';
    root.append(badge);
    void Promise.resolve()
      .then(() => script(control))
      .catch((error: unknown) => console.error('demo failed', error))
      .finally(() => {
        if (state !== 'running') return;
        state = 'done';
        root.dataset.demo = 'done';
      });
  };
  // Starts once the session is live (at once if it already is); no server within a few seconds: no demo.
  let stopSession = session.subscribe((change) => {
    if (change.status && session.status.phase === 'live') later(startAfterMs, begin);
  });
  if (session.status.phase === 'live') later(startAfterMs, begin);
  later(liveWithinMs, () => {
    if (state === 'waiting') {
      stopSession();
      stopSession = () => {};
    }
  });

  return {
    stop: () => stop('touched'),
    destroy: () => stop('left'),
    get state() {
      return state;
    },
  };
}
