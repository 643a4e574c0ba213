import type { Language } from '../../protocol/index.ts';
import type { LiveSession } from '../../session/index.ts';
import { h } from '../shared/dom.ts';
import { t } from './strings.ts';

/**
 * The strip at the top of the page that says when there is no server (live widgets off, paste hex and the
 * accept-key calculator still on), when the server went away (reconnecting, with the countdown), and, for
 * a few seconds, that it came back.
 */
export class ConnectionBanner {
  readonly element = h('div', { class: 'ws-banner ws-widget', role: 'status', hidden: true });
  private readonly text = h('span', { class: 'ws-banner-text' });
  private readonly retry = h('button', { type: 'button', class: 'ws-button ws-banner-retry' });
  private readonly dismiss = h('button', { type: 'button', class: 'ws-button ws-banner-dismiss', text: '✕' });
  private dismissedPhase: string | null = null;
  private lastPhase: string | null = null;
  private reconnectedUntil = 0;
  private readonly timer: number;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly session: LiveSession,
    private lang: () => Language,
  ) {
    this.element.append(this.text, this.retry, this.dismiss);
    this.retry.addEventListener('click', () => session.retryNow());
    this.dismiss.addEventListener('click', () => {
      this.dismissedPhase = session.status.phase;
      this.draw();
    });
    this.unsubscribe = session.subscribe((change) => {
      if (change.status) this.draw();
    });
    this.timer = window.setInterval(() => this.draw(), 1000);
    this.draw();
  }

  destroy(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    this.element.remove();
  }

  draw(): void {
    const lang = this.lang();
    const status = this.session.status;
    if (status.phase === 'live' && this.lastPhase === 'reconnecting')
      this.reconnectedUntil = Date.now() + 5000;
    if (this.lastPhase !== status.phase && this.dismissedPhase !== status.phase) this.dismissedPhase = null;
    this.lastPhase = status.phase;
    this.dismiss.setAttribute('aria-label', t(lang, 'dismiss'));
    this.retry.textContent = t(lang, 'retryNow');
    const countdown =
      status.retryAt === null
        ? ''
        : ` · ${t(lang, 'retryIn')} ${Math.max(0, Math.ceil((status.retryAt - Date.now()) / 1000))} s`;
    let text = '';
    let tone = 'warn';
    if (status.phase === 'offline') {
      text = status.noServerPossible ? t(lang, 'bannerFile') : `${t(lang, 'bannerOffline')}${countdown}`;
    } else if (status.phase === 'reconnecting') {
      text = `${t(lang, 'bannerReconnecting')}${countdown} (${t(lang, 'attempt')} ${status.attempt})`;
    } else if (status.phase === 'live' && Date.now() < this.reconnectedUntil) {
      text = t(lang, 'bannerReconnected');
      tone = 'good';
    }
    const visible = text !== '' && this.dismissedPhase !== status.phase;
    this.element.hidden = !visible;
    this.element.dataset.phase = status.phase;
    this.element.dataset.tone = tone;
    this.retry.hidden = status.retryAt === null || status.phase === 'live';
    if (visible) this.text.textContent = text;
  }
}
