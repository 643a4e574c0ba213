import type { Language } from '../../protocol/index.ts';
import { staticSiteText } from '../../shared/strings/staticSite.ts';
import { createFrameInspector } from '../frame-inspector/index.ts';
import { h } from '../shared/dom.ts';
import type { WidgetInstance } from '../widget.ts';
import '../shared/widgets.css';
import './recorded.css';
import type { RecordedSession } from './recordings.ts';

/** 2026-12-04T23:50:00.000Z → "2026-12-04": the day is what a reader needs. */
function day(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * A live widget in the static site: the session its demo made against the bundled server, replayed in the
 * frame inspector's capture mode (step frame by frame, or play at the pace it was recorded), under a line
 * that says when and with what it was recorded. Where the wire differs by browser there is one recording per
 * browser, and a choice between them. Every frame is decoded here from the tap's bytes.
 */
export function mountRecordedSession(
  host: HTMLElement,
  lang: Language,
  sessions: readonly RecordedSession[],
  /** Where the recording's upgrade request and 101 go, drawn again for each browser's recording. */
  heads: HTMLElement | null = null,
): WidgetInstance {
  const first = sessions[0]!;
  const note = h('p', { class: 'ws-recorded-note' });
  const root = h('div', { class: 'ws-widget ws-recorded', 'data-recording': first.recording.key });
  const body = h('div', { class: 'ws-recorded-body' });
  let inspector: WidgetInstance | null = null;
  const show = ({ recording, url }: RecordedSession) => {
    inspector?.destroy();
    body.replaceChildren();
    root.dataset.browser = recording.browser;
    note.textContent = staticSiteText(lang, 'recordedOn', {
      date: day(recording.recordedAt),
      ws: recording.ws,
      browser: recording.browser,
    });
    inspector = createFrameInspector(body, lang, {
      mode: 'capture',
      captureUrl: url,
      capture: recording.file,
    });
    if (heads)
      void import('./handshakeHeads.ts')
        .then(({ handshakeHeads }) => handshakeHeads(url, lang))
        .then((drawn) => heads.replaceChildren(drawn))
        .catch((error: unknown) => console.error('the recording’s handshake could not be read', error));
    // Two recorded widgets may share a slide: each inspector's landmark is named after its own recording.
    body
      .querySelector('[role="region"]')
      ?.setAttribute(
        'aria-label',
        staticSiteText(lang, 'recordedLabel', { widget: recording.widget, key: recording.key }),
      );
  };
  const chooser =
    sessions.length > 1
      ? h(
          'select',
          { class: 'ws-select ws-recorded-browser', 'aria-label': staticSiteText(lang, 'recordedBrowser') },
          ...sessions.map((session, index) =>
            h('option', { value: String(index), text: session.recording.browser }),
          ),
        )
      : null;
  chooser?.addEventListener('change', () => show(sessions[Number(chooser.value)] ?? first));
  root.append(h('div', { class: 'ws-recorded-head' }, note, chooser), ...(heads ? [heads] : []), body);
  host.append(root);
  show(first);
  return {
    destroy() {
      inspector?.destroy();
      root.remove();
    },
  };
}

/** A widget the static site cannot run or replay (the room, the chat): one line saying why. */
export function mountNeedsServer(host: HTMLElement, lang: Language): WidgetInstance {
  const origin = typeof location === 'undefined' ? '' : location.origin;
  const root = h(
    'div',
    { class: 'ws-widget ws-needs-server', role: 'note', 'data-needs-server': 'room' },
    h('p', { text: staticSiteText(lang, 'needsServer') }),
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
