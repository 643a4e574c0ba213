import type { Language } from '../../protocol/index.ts';
import type { LiveSession } from '../../session/index.ts';
import type { RoomClient } from './roomClient.ts';
import type { RoomFollow } from './roomFollow.ts';
import { t } from './strings.ts';

export type RoomBarState =
  | 'hidden'
  | 'reconnecting'
  | 'waiting'
  | 'presenter-away'
  | 'following'
  | 'away'
  | 'presenter';

/**
 * What the room looks like from this page, in one line beside the deck's toolbar: following, browsing on
 * your own (with the button back), or, for the presenter, how many are connected and following. A refused
 * presenter token is said above the slides, in words, until dismissed.
 */
export class RoomBar {
  readonly element = document.createElement('div');
  private readonly status = document.createElement('span');
  private readonly back = document.createElement('button');
  private refusedNotice: HTMLElement | null = null;
  private everJoined = false;

  constructor(
    private lang: Language,
    private readonly client: RoomClient,
    private readonly follow: RoomFollow,
    private readonly session: LiveSession,
  ) {
    this.element.className = 'room-bar';
    this.element.setAttribute('role', 'status');
    this.status.className = 'room-status';
    this.back.type = 'button';
    this.back.className = 'room-back';
    this.back.addEventListener('click', () => {
      follow.resync();
      this.back.blur(); // give the keyboard back to reveal.js
    });
    this.element.append(this.status, this.back);
    document.body.append(this.element);
    follow.onChange(() => this.render());
    session.subscribe((change) => {
      if (change.status) this.render();
    });
    this.render();
  }

  setLanguage(lang: Language): void {
    this.lang = lang;
    this.refusedNotice?.remove();
    this.refusedNotice = null;
    this.render();
  }

  get state(): RoomBarState {
    const view = this.client.view;
    if (!view.joined) return this.everJoined ? 'reconnecting' : 'hidden';
    if (view.role === 'presenter') return 'presenter';
    if (!this.follow.following) return 'away';
    if (!view.position) return 'waiting';
    // No presenter's page connected: the screen stays where the room was, and says why nothing moves.
    return view.presenterHere ? 'following' : 'presenter-away';
  }

  private render(): void {
    if (this.client.view.joined) this.everJoined = true;
    const state = this.state;
    const lang = this.lang;
    this.element.dataset.roomState = state;
    this.element.hidden = state === 'hidden';
    this.element.setAttribute('aria-label', t(lang, 'roomLabel'));
    const count = this.client.view.count ?? { connected: 0, following: 0 };
    this.status.textContent =
      state === 'presenter'
        ? t(lang, 'roomPresenterCount', count)
        : state === 'away'
          ? t(lang, 'roomAway')
          : state === 'following'
            ? t(lang, 'roomFollowing')
            : state === 'waiting'
              ? t(lang, 'roomNoPresenterYet')
              : state === 'presenter-away'
                ? t(lang, 'roomPresenterAway')
                : state === 'reconnecting'
                  ? t(lang, 'roomReconnecting')
                  : '';
    this.back.hidden = state !== 'away';
    this.back.textContent = t(lang, 'roomBackInSync');
    this.back.title = t(lang, 'roomBackTitle');
    this.renderRefused();
  }

  private renderRefused(): void {
    const why = this.session.presenterRefused;
    if (!why || this.refusedNotice || this.element.dataset.refusedDismissed) return;
    const notice = document.createElement('div');
    notice.className = 'room-refused';
    notice.setAttribute('role', 'alert');
    const text = document.createElement('p');
    text.textContent = t(this.lang, 'roomPresenterRefused', { why });
    const ok = document.createElement('button');
    ok.type = 'button';
    ok.textContent = t(this.lang, 'roomDismiss');
    ok.addEventListener('click', () => {
      notice.remove();
      this.element.dataset.refusedDismissed = 'yes';
    });
    notice.append(text, ok);
    document.body.append(notice);
    this.refusedNotice = notice;
  }
}
