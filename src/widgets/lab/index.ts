import { getSession } from '../../session/index.ts';
import { startAutoDemo } from '../shared/autoDemo.ts';
import { h } from '../shared/dom.ts';
import { mountRoot } from '../shared/region.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { t } from './strings.ts';
import '../shared/widgets.css';
import '../composer/composer.css';
import { LabActions } from './actions.ts';
import { BitEditorPane } from './bitEditorPane.ts';
import { ExperimentsPane } from './experimentsPane.ts';
import './lab.css';

/** The lab's demo: an experiment every receiver accepts, with a control frame in the middle. */
const demoExperiment = 'ping-between-fragments';

/**
 * The frame lab: named experiments in both directions, and a bit editor for any frame. Each shows the
 * bytes it sends; what the other side did is read from the browser's events or decoded from the tap.
 * `data-widget-tab="editor"` opens on the bit editor.
 */
export function mountLab(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const lang = context.lang;
  const session = getSession();
  const lab = new LabActions(session);
  const panes = {
    experiments: new ExperimentsPane(session, lab, lang),
    editor: new BitEditorPane(session, lab, lang),
  };
  const tabs = h('div', { class: 'ws-lab-tabs', role: 'tablist' });
  const body = h('div', { class: 'ws-lab-body' });
  const show = (name: keyof typeof panes) => {
    for (const tab of tabs.children)
      tab.setAttribute('aria-selected', String((tab as HTMLElement).dataset.tab === name));
    body.replaceChildren(panes[name].element);
  };
  for (const [name, label] of [
    ['experiments', t(lang, 'labLabel')],
    ['editor', t(lang, 'editorLabel')],
  ] as const) {
    const tab = h('button', {
      type: 'button',
      role: 'tab',
      class: 'ws-lab-tab',
      'data-tab': name,
      text: label,
    });
    tab.addEventListener('click', () => show(name));
    tabs.append(tab);
  }
  show(context.options.widgetTab === 'editor' ? 'editor' : 'experiments');
  const root = h(
    'div',
    { class: 'ws-widget ws-lab', role: 'region', 'aria-label': t(lang, 'labLabel') },
    tabs,
    body,
  );
  // Untouched, the lab runs one experiment by itself: a ping between the fragments of a message, which
  // the browser takes (one message, and its pong at once), so the demo never kills the page's socket.
  const demo =
    context.options.widgetTab === 'editor'
      ? null
      : startAutoDemo(root, session, lang, async (control) => {
          if (control.stopped) return;
          panes.experiments.selectByName(demoExperiment);
          await panes.experiments.run('demo');
        });
  return mountRoot(host, root, () => demo?.destroy());
}
