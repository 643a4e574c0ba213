import { categories } from '../../conform/cases/index.ts';
import { conformEndpoints } from '../../conform/endpoints.ts';
import { staticSiteText } from '../../shared/strings/staticSite.ts';
import { h } from '../shared/dom.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { createConformView, openingCategory } from './conformView.ts';
import { type ConformRecording, recordedStates } from './recording.ts';

/**
 * The conformance slide in the static site, where no server runs the suite: the run `npm run record` made
 * (slides/recordings/conform.json), in the slide's own view. The results of each endpoint side by side, a
 * category picked in the toolbar or the table, any case opened with its frames decoded here from the
 * recorded bytes; where the Run button was, a line saying when and with what it was recorded, and how to
 * run it live (the full sentence, with each endpoint's time, in its title).
 */
export function mountRecordedConform(
  host: HTMLElement,
  context: WidgetContext,
  recording: ConformRecording,
): WidgetInstance {
  const { lang } = context;
  const states = recordedStates(recording, conformEndpoints);
  const date = recording.recordedAt.slice(0, 10);
  const results = recording.endpoints.map((run) =>
    staticSiteText(lang, 'conformRecordedResults', {
      endpoint: conformEndpoints.find((e) => e.id === run.id)?.label ?? run.label,
      cases: run.cases.length,
      seconds: (run.durationMs / 1000).toFixed(1),
    }),
  );
  const view = createConformView(host, context, {
    states,
    status: '',
    onPick: (picked) => {
      view.select.value = String(categories.find((c) => c.id === picked)?.number ?? '');
    },
  });
  // Where the live slide has its Run button and its progress: when and with what the run was recorded,
  // and the command that runs it live. One line, so the results keep the slide's height.
  view.status.classList.add('ws-conform-recorded');
  view.status.dataset.recordedAt = recording.recordedAt;
  view.status.title = staticSiteText(lang, 'conformRecordedRun', {
    date,
    node: recording.node.replace(/^v/, ''),
    results: results.join(lang === 'zh' ? '；' : '; '),
  });
  view.status.replaceChildren(
    staticSiteText(lang, 'conformRecordedOn', {
      date,
      versions: Object.entries(recording.versions)
        .map(([library, version]) => `${library} ${version}`)
        .join(', '),
    }),
    h('code', { text: 'npm start' }),
  );
  const { select } = view;
  // The run holds every category: the picker filters what it shows instead of choosing what to run.
  const show = () => {
    view.category = categories.find((c) => String(c.number) === select.value)?.id ?? null;
    view.render();
  };
  if (!view.preset) select.value = String(openingCategory);
  select.addEventListener('change', show);
  show();
  return { destroy: () => view.destroy() };
}
