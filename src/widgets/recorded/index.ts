import type { Language } from '../../protocol/i18n.ts';
import { staticSiteText } from '../../shared/strings/staticSite.ts';
import { createFrameInspector } from '../frame-inspector/index.ts';
import type { WidgetInstance } from '../registry.ts';
import { h } from '../shared/dom.ts';
import '../shared/widgets.css';
import './recorded.css';
import type { Recording } from './recordings.ts';

/** 2026-12-04T23:50:00.000Z → "2026-12-04": the day is what a reader needs. */
function day(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * A live widget in the static site: the session its demo made against the bundled server, replayed in the
 * frame inspector's capture mode (step frame by frame, or play at the pace it was recorded), under a line
 * that says when and with what it was recorded. Every frame is decoded here from the tap's bytes.
 */
export function mountRecordedSession(
  host: HTMLElement,
  lang: Language,
  recording: Recording,
  url: string,
): WidgetInstance {
  const root = h(
    'div',
    { class: 'ws-widget ws-recorded', 'data-recording': recording.key },
    h('p', {
      class: 'ws-recorded-note',
      text: staticSiteText(lang, 'recordedOn', {
        date: day(recording.recordedAt),
        ws: recording.ws,
        browser: recording.browser,
      }),
    }),
  );
  const body = h('div', { class: 'ws-recorded-body' });
  root.append(body);
  host.append(root);
  const inspector = createFrameInspector(body, lang, {
    mode: 'capture',
    captureUrl: url,
    capture: recording.file,
  });
  // Two recorded widgets may share a slide: each inspector's landmark is named after its own recording.
  body
    .querySelector('[role="region"]')
    ?.setAttribute(
      'aria-label',
      staticSiteText(lang, 'recordedLabel', { widget: recording.widget, key: recording.key }),
    );
  return {
    destroy() {
      inspector.destroy();
      root.remove();
    },
  };
}

/** A widget the static site cannot run or replay (the room, the chat): one line saying why. */
export function mountNeedsServer(host: HTMLElement, lang: Language, why: 'room' | 'conform'): WidgetInstance {
  const origin = typeof location === 'undefined' ? '' : location.origin;
  const root = h(
    'div',
    { class: 'ws-widget ws-needs-server', role: 'note', 'data-needs-server': why },
    h('p', { text: staticSiteText(lang, why === 'room' ? 'needsServer' : 'needsServerConform') }),
    h(
      'p',
      { class: 'ws-needs-server-how' },
      staticSiteText(lang, 'runServer'),
      h('code', { text: `npx ws101 serve --allow-origin ${origin}` }),
      staticSiteText(lang, 'runServerThen'),
    ),
  );
  host.append(root);
  return { destroy: () => root.remove() };
}
