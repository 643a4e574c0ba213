import { getSession } from '../../session/index.ts';
import { h } from '../shared/dom.ts';
import { mountRoot } from '../shared/region.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { t } from './strings.ts';
import '../shared/widgets.css';
import './panel.css';

import { ReplayView } from './replayView.ts';
import { openFrame } from './sidePanel.ts';
import { TimelineView } from './timelineView.ts';

export { mountSidePanel } from './sidePanel.ts';

/** The event timeline on a slide (the ping → pong slide): the same view as the side panel's. */
export function mountEventPanel(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const session = getSession();
  const timeline = new TimelineView(session, context.lang, (seq) => void openFrame(session, seq));
  const replay = new ReplayView(context.lang);
  const root = h(
    'div',
    { class: 'ws-widget ws-event-widget', role: 'region', 'aria-label': t(context.lang, 'panelLabel') },
    replay.element,
    timeline.element,
  );
  return mountRoot(host, root, () => {
    timeline.destroy();
    replay.destroy();
  });
}
