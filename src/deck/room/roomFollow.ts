import type Reveal from 'reveal.js';
import type { RoomPosition } from '../../shared/room.ts';
import type { RoomClient } from './roomClient.ts';

type RevealApi = InstanceType<typeof Reveal>;

/** reveal.js's `f` is undefined on a slide without fragments: the room says -1 for "no fragment shown". */
export function positionOf(reveal: RevealApi): RoomPosition {
  const { h, v, f } = reveal.getIndices();
  return { h, v: v ?? 0, f: f ?? -1 };
}

export function samePosition(a: RoomPosition | null, b: RoomPosition | null): boolean {
  return a !== null && b !== null && a.h === b.h && a.v === b.v && a.f === b.f;
}

/** R: reveal.js's keyboard map leaves it free (N P H J K L, arrows, space, B . V F G A C O S, Esc are taken). */
export const resyncKeyCode = 82;

/**
 * The deck and the room, both ways. The presenter's moves (slides, vertical slides, fragments) go to the
 * server; an audience page follows the room's moves until its reader navigates on their own (any key,
 * swipe or click that moves the deck: "browsing on your own"), and comes back with R or the bar's button.
 */
export class RoomFollow {
  /** True while the page moves itself to the room's position: those reveal.js events are not the reader's. */
  private applying = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly reveal: RevealApi,
    private readonly client: RoomClient,
    /** False for a page opened on a slide of its own choosing: it browses there until R or the button. */
    public following = true,
  ) {
    const moved = () => this.onDeckMoved();
    for (const type of ['slidechanged', 'fragmentshown', 'fragmenthidden'] as const) reveal.on(type, moved);
    reveal.addKeyBinding(
      { keyCode: resyncKeyCode, key: 'R', description: 'Back in sync with the presenter' },
      () => this.resync(),
    );
    client.listen((event) => {
      if (event.kind === 'joined') this.onJoined();
      else if (event.kind === 'moved') this.onRoomMoved();
      this.changed();
    });
  }

  get isPresenter(): boolean {
    return this.client.view.role === 'presenter';
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Back to where the presenter is, and following again. */
  resync(): void {
    if (this.isPresenter) return;
    if (!this.following) {
      this.following = true;
      this.client.follow(true);
    }
    this.apply();
    this.changed();
  }

  private onJoined(): void {
    if (this.isPresenter) {
      // The room outlives the presenter's page: after a reload or a server restart, the deck is the truth.
      const mine = positionOf(this.reveal);
      if (this.client.view.seq === 0 || !samePosition(mine, this.client.view.position)) this.client.go(mine);
      return;
    }
    if (!this.following) this.client.follow(false);
    else this.apply();
  }

  private onRoomMoved(): void {
    // A second presenter tab (a phone as a remote, say) follows too; its own moves are not echoed back.
    if (this.following || this.isPresenter) this.apply();
  }

  private onDeckMoved(): void {
    if (this.applying) return;
    const here = positionOf(this.reveal);
    if (this.isPresenter) {
      this.client.go(here);
      return;
    }
    const room = this.client.view.position;
    if (this.following && room !== null && !samePosition(here, room)) {
      this.following = false;
      this.client.follow(false);
      this.changed();
    }
  }

  private apply(): void {
    const room = this.client.view.position;
    if (!room || samePosition(positionOf(this.reveal), room)) return;
    this.applying = true;
    try {
      if (this.reveal.isOverview()) this.reveal.toggleOverview(false);
      this.reveal.slide(room.h, room.v, room.f);
    } finally {
      this.applying = false;
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
