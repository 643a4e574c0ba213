import type Reveal from 'reveal.js';
import type { RoomPosition } from '../../shared/room/follow.ts';
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

/** (h, v) before (h, v): a move to an earlier slide, whatever its fragments. */
function isBackward(from: RoomPosition, to: RoomPosition): boolean {
  return to.h < from.h || (to.h === from.h && to.v < from.v);
}

/**
 * The index of the first fragment marked `data-solution` on this slide, or null. reveal.js shows every
 * fragment of a slide reached backwards; an answer must only ever be revealed by stepping forward onto it.
 */
function solutionIndex(slide: Element | undefined): number | null {
  const indices = [...(slide?.querySelectorAll<HTMLElement>('.fragment[data-solution]') ?? [])]
    .map((el) => Number(el.dataset.fragmentIndex))
    .filter(Number.isInteger);
  return indices.length > 0 ? Math.min(...indices) : null;
}

/** R: reveal.js's keyboard map leaves it free (N P H J K L, arrows, space, B . V F G A C O S, Esc are taken). */
export const resyncKeyCode = 82;

/**
 * The deck and the room, both ways. The presenter's moves (slides, vertical slides, fragments) go to the
 * server; a visitor's page follows the room's moves until its reader navigates on their own (any key,
 * swipe or click that moves the deck: "browsing on your own"), and comes back with R or the bar's button.
 */
export class RoomFollow {
  /** True while the page moves itself to the room's position: those reveal.js events are not the reader's. */
  private applying = false;
  private readonly listeners = new Set<() => void>();
  /** Where the deck was at its last event: an event that leaves it there (a re-render) moves no one. */
  private last: RoomPosition;

  constructor(
    private readonly reveal: RevealApi,
    private readonly client: RoomClient,
    /** False for a page opened on a slide of its own choosing: it browses there until R or the button. */
    public following = true,
    /**
     * A presenter's page opened on a slide past the title (`/?presenter=…#/lab`): the presenter chose it, as
     * with a key press, so the room goes there. The printed presenter URL names no slide: it joins the room.
     */
    private presenterChoseSlide = false,
  ) {
    this.last = positionOf(reveal);
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
      // The room is the truth, not a fresh tab's slide 1: only a presenter's key press moves it. The
      // exceptions: no presenter has placed the room in this epoch (seq 0: a new server, or one restarted
      // under a presenter who was driving), this page pressed keys the server never heard, or it was opened
      // on a slide the presenter chose.
      const lost = this.client.ownMoveLost || this.presenterChoseSlide;
      this.client.ownMoveLost = false;
      this.presenterChoseSlide = false;
      if (this.client.view.seq === 0 || lost) this.client.go(positionOf(this.reveal));
      else this.apply();
      return;
    }
    if (!this.following) this.client.follow(false);
    else this.apply();
  }

  private onRoomMoved(): void {
    // A second presenter tab (a phone as a remote) follows the other's moves; its own come back as `ack`.
    if (this.following || this.isPresenter) this.apply();
  }

  private onDeckMoved(): void {
    if (this.applying) return;
    let here = positionOf(this.reveal);
    const from = this.last;
    if (samePosition(here, from)) return;
    this.last = here;
    if (this.isPresenter) {
      if (isBackward(from, here)) here = this.hideSolution(here);
      this.client.go(here);
      return;
    }
    // Before any presenter has placed the room (room null), a reader's own move is browsing on their own
    // too: when the presenter arrives, it does not yank them back to the title.
    const room = this.client.view.position;
    if (this.following && !samePosition(here, room)) {
      this.following = false;
      this.client.follow(false);
      this.changed();
    }
  }

  /** Back onto a slide with an answer among its fragments: the deck stops just before the answer. */
  private hideSolution(here: RoomPosition): RoomPosition {
    const first = solutionIndex(this.reveal.getCurrentSlide());
    if (first === null || here.f < first) return here;
    this.applying = true;
    try {
      this.reveal.slide(here.h, here.v, first - 1);
    } finally {
      this.applying = false;
    }
    this.last = positionOf(this.reveal);
    return this.last;
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
    this.last = positionOf(this.reveal);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
