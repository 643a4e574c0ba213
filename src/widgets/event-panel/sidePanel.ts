import type { Language } from '../../protocol/index.ts';
import { getSession, isStaticDeck, type LiveSession } from '../../session/index.ts';
import { h } from '../shared/dom.ts';
import { isolateKeys, isTypingTarget } from '../shared/keyboard.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { t } from './strings.ts';
import '../shared/widgets.css';
import './panel.css';
import { ConnectionBanner } from './banner.ts';
import { ReplayView } from './replayView.ts';
import { RoomPanel } from './roomPanel.ts';
import { TimelineView } from './timelineView.ts';

const storageKey = 'ws101.eventPanel';
const toggleKey = 'e';

function pageLanguage(): Language {
  return document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** Closed unless the presenter opened it last time: by default the slides have the whole screen. */
function readOpen(): boolean {
  try {
    return localStorage.getItem(storageKey) === 'open';
  } catch {
    return false;
  }
}

function writeOpen(open: boolean): void {
  try {
    localStorage.setItem(storageKey, open ? 'open' : 'closed');
  } catch {
    // Private windows may refuse storage: the panel still toggles, it just forgets.
  }
}

/**
 * Shows a frame: in the inspector on the current slide when there is one, else in a dialog that mounts the
 * inspector (loaded on demand) focused on that frame.
 */
export async function openFrame(session: LiveSession, seq: number): Promise<void> {
  if (document.querySelector('.reveal .present .ws-inspector')) {
    session.focusFrame(seq);
    return;
  }
  const lang = pageLanguage();
  const { createFrameInspector } = await import('../frame-inspector/index.ts');
  const dialog = h('dialog', {
    class: 'ws-frame-dialog ws-widget',
    'aria-label': t(lang, 'frameDialogTitle'),
  });
  const close = h('button', {
    type: 'button',
    class: 'ws-button ws-dialog-close',
    text: `✕ ${t(lang, 'close')}`,
  });
  const host = h('div', { class: 'ws-dialog-host' });
  dialog.append(close, host);
  document.body.append(dialog);
  const inspector = createFrameInspector(host, lang, { mode: 'live', focusSeq: seq, compact: true });
  const release = isolateKeys(dialog, () => dialog.close());
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    inspector.destroy();
    release();
    dialog.remove();
  });
  dialog.showModal();
}

/**
 * The event panel over the slides' right edge, on every slide: a page widget (src/widgets/registry.ts
 * `pageWidgets`), mounted once at start and again when the language changes. Closed by default, so the
 * slides keep their full size on a projector; the E key or its tab (in the chrome band under the slides)
 * slides it in over the slide and out again, the choice remembered across reloads. The slides never
 * shrink for it. Also mounts the connection banner.
 */
export function mountSidePanel(host: HTMLElement, context: WidgetContext): WidgetInstance {
  if (isStaticDeck()) return { destroy() {} };
  const session = getSession();
  const lang = context.lang;
  let open = readOpen();

  const title = h('h2', { class: 'ws-side-title', text: t(lang, 'panelTitle') });
  const collapse = h('button', {
    type: 'button',
    class: 'ws-button ws-side-collapse',
    text: '⟩',
    title: t(lang, 'panelToggle'),
    'aria-label': t(lang, 'panelToggle'),
    'aria-controls': 'ws-event-panel',
  });
  const tab = h('button', {
    type: 'button',
    class: 'ws-side-tab',
    text: `☰ ${t(lang, 'panelTitle')}`,
    // Named by its visible words (WCAG 2.5.3); the title says what it does.
    title: t(lang, 'panelToggle'),
    'aria-controls': 'ws-event-panel',
  });
  const timeline = new TimelineView(session, lang, (seq) => void openFrame(session, seq));
  const room = new RoomPanel(session, lang);
  const replay = new ReplayView(lang);
  const reopen = h('button', {
    type: 'button',
    class: 'ws-button ws-side-reopen',
    text: t(lang, 'reopenEcho'),
  });
  reopen.addEventListener('click', () => session.reopenEcho());
  const panel = h(
    'aside',
    { class: 'ws-side-panel ws-widget', id: 'ws-event-panel', 'aria-label': t(lang, 'panelLabel') },
    h('div', { class: 'ws-side-head' }, title, collapse),
    room.element,
    replay.element,
    timeline.element,
    h('div', { class: 'ws-side-foot' }, reopen),
  );
  const banner = new ConnectionBanner(session, () => lang);
  // Collapsed, the panel's tab still says that this page shares its connection with the presenter.
  const tabText = () => {
    const sharing = session.welcome?.role === 'visitor' && session.consent.sharing;
    tab.textContent = `⟨ ${t(lang, 'panelTitle')}${sharing ? ` · ● ${t(lang, 'shareTabMark')}` : ''}`;
    tab.classList.toggle('is-sharing', sharing);
  };
  const stopTab = session.subscribe((change) => {
    if (change.room || change.status) tabText();
  });
  tabText();
  host.append(panel, tab, banner.element);
  const releaseKeys = isolateKeys(panel);

  function apply(): void {
    panel.hidden = !open;
    tab.hidden = open;
    collapse.setAttribute('aria-expanded', String(open));
    tab.setAttribute('aria-expanded', String(open));
  }

  function toggle(): void {
    open = !open;
    writeOpen(open);
    apply();
  }

  const onKey = (event: KeyboardEvent) => {
    if (event.key.toLowerCase() !== toggleKey || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTypingTarget(event.target)) return;
    event.preventDefault();
    toggle();
  };
  document.addEventListener('keydown', onKey);
  collapse.addEventListener('click', () => {
    toggle();
    tab.focus();
  });
  tab.addEventListener('click', () => {
    toggle();
    collapse.focus();
  });
  apply();

  return {
    destroy() {
      document.removeEventListener('keydown', onKey);
      releaseKeys();
      timeline.destroy();
      replay.destroy();
      room.destroy();
      stopTab();
      banner.destroy();
      panel.remove();
      tab.remove();
    },
  };
}
