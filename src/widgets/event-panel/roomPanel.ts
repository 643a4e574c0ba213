import type { Language } from '../../protocol/index.ts';
import type { LiveSession } from '../../session/index.ts';
import type { VisitorJson } from '../../shared/inspector/protocol.ts';
import { h, replace } from '../shared/dom.ts';
import { t } from './strings.ts';

/**
 * The room's consent in the event panel (issue 11). A visitor's page: one plain control, "Share my
 * connection with the presenter's screen", which they can untick at any time. The presenter's page: the
 * visitors grouped by session (chat nickname or short label) with a filter and counts; a sharing visitor's
 * connections can be put on screen one by one, a visitor who does not share shows counts only.
 */
export class RoomPanel {
  readonly element: HTMLElement;
  private readonly unsubscribe: () => void;
  private readonly share = h('input', { type: 'checkbox', class: 'ws-share-box' });
  private readonly shareNote = h('span', { class: 'ws-share-note', role: 'status' });
  private readonly filter = h('input', { type: 'search', class: 'ws-input ws-visitors-filter' });
  private readonly title = h('h3', { class: 'ws-visitors-title' });
  private readonly list = h('ul', { class: 'ws-visitors-list' });
  private readonly visitorView: HTMLElement;
  private readonly presenterView: HTMLElement;

  constructor(
    private readonly session: LiveSession,
    private readonly lang: Language,
  ) {
    this.visitorView = h(
      'div',
      { class: 'ws-share' },
      h('label', { class: 'ws-share-label' }, this.share, h('span', { text: t(lang, 'shareLabel') })),
      this.shareNote,
    );
    this.share.addEventListener('change', () => {
      this.share.disabled = true;
      void session.consent.share(this.share.checked).finally(() => {
        this.share.disabled = false;
        this.draw();
      });
    });
    this.filter.placeholder = t(lang, 'visitorsFilter');
    this.filter.setAttribute('aria-label', t(lang, 'visitorsFilter'));
    this.filter.addEventListener('input', () => this.draw());
    this.presenterView = h('section', { class: 'ws-visitors' }, this.title, this.filter, this.list);
    this.element = h('div', { class: 'ws-room' }, this.visitorView, this.presenterView);
    this.unsubscribe = session.subscribe((change) => {
      if (change.room || change.status) this.draw();
    });
    this.draw();
  }

  destroy(): void {
    this.unsubscribe();
  }

  private draw(): void {
    const { session, lang } = this;
    const live = session.status.phase === 'live' && session.welcome !== null;
    const presenter = session.welcome?.role === 'presenter';
    this.element.hidden = !live;
    this.visitorView.hidden = presenter;
    this.presenterView.hidden = !presenter;
    if (!live) return;
    if (!presenter) {
      const sharing = session.consent.sharing;
      this.share.checked = sharing;
      this.visitorView.classList.toggle('is-sharing', sharing);
      this.shareNote.textContent = t(lang, sharing ? 'shareOnNote' : 'shareOffNote');
      return;
    }
    const visitors = session.consent.visitors;
    const others = visitors.filter((v) => !v.own).length;
    this.title.textContent = t(lang, 'visitorsTitle', { n: others });
    const wanted = this.filter.value.trim().toLowerCase();
    const shown = visitors.filter(
      (v) =>
        !wanted || (v.nick ?? '').toLowerCase().includes(wanted) || v.label.toLowerCase().includes(wanted),
    );
    if (shown.length === 0) {
      replace(
        this.list,
        h('li', { class: 'ws-visitors-empty', text: t(lang, others ? 'visitorsNoMatch' : 'visitorsNone') }),
      );
      return;
    }
    replace(this.list, ...shown.map((visitor) => this.visitorItem(visitor)));
  }

  private visitorItem(visitor: VisitorJson): HTMLElement {
    const { lang } = this;
    const name = visitor.own ? t(lang, 'visitorYou') : (visitor.nick ?? visitor.label);
    const counts = t(lang, 'visitorCount', {
      n: visitor.connections,
      endpoints: [...new Set(visitor.endpoints)].join(', '),
    });
    const state = visitor.own
      ? null
      : h('span', {
          class: `ws-visitor-state${visitor.sharing ? ' is-sharing' : ''}`,
          text: t(lang, visitor.sharing ? 'visitorSharing' : 'visitorNotSharing'),
        });
    const item = h(
      'li',
      {
        class: `ws-visitor${visitor.own ? ' is-own' : ''}`,
        'data-label': visitor.label,
        'data-sharing': String(visitor.sharing),
      },
      h('div', { class: 'ws-visitor-head' }, h('span', { class: 'ws-visitor-name', text: name }), state),
      h('div', { class: 'ws-visitor-counts', text: counts }),
    );
    if (visitor.own) return item;
    if (!visitor.sharing) {
      item.append(h('div', { class: 'ws-visitor-hidden', text: t(lang, 'visitorHidden') }));
      return item;
    }
    const buttons = visitor.ids.map((id, i) => {
      const on = this.session.consent.shown.has(id);
      const endpoint = visitor.endpoints[i] ?? '';
      const button = h('button', {
        type: 'button',
        class: 'ws-button ws-visitor-show',
        'aria-pressed': String(on),
        'data-connection': id,
        text: t(lang, on ? 'visitorShowing' : 'visitorShow', { id, endpoint }),
      });
      button.addEventListener('click', () => void this.session.consent.show(id, !on));
      return button;
    });
    item.append(h('div', { class: 'ws-visitor-buttons' }, ...buttons));
    return item;
  }
}
