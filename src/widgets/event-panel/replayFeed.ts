import type { Sender } from '../../protocol/index.ts';

/**
 * Replay in the event panel. Whatever steps through recorded frames (the inspector's capture pane; a static
 * deck's recorded widget) publishes where it is; the event panel draws the replayed connection's pings,
 * pongs and closes up to that point, marked as a replay, beside (never mixed with) the live events.
 *
 *   publishReplay({ source: 'feed.pcapng', connection: '…', position: 12, total: 40, events });
 *   publishReplay(null); // the replay ended: the panel shows live events only
 *   const stop = watchReplay((state) => draw(state)); // called at once with the current state
 *
 * `events` are those at or before `position` (a replayer passes what it has revealed, oldest first).
 */
export type ReplayEvent = {
  /** The frame's number in the replayed connection (1-based), as the frame list shows it. */
  readonly seq: number;
  /** Milliseconds since the epoch, when the frame was captured. */
  readonly t: number;
  readonly direction: Sender;
  readonly kind: 'ping' | 'pong' | 'close';
  /** A ping's or pong's payload as text, or a close frame's reason. */
  readonly text: string;
  /** A close frame's code (null when it carried none). */
  readonly code: number | null;
};

export type ReplayState = {
  /** The file or recording replayed (its name). */
  readonly source: string;
  /** Which connection of it, in words (addresses, request line). */
  readonly connection: string;
  readonly position: number;
  readonly total: number;
  readonly events: readonly ReplayEvent[];
};

type Listener = (state: ReplayState | null) => void;

let current: ReplayState | null = null;
const listeners = new Set<Listener>();

export function publishReplay(state: ReplayState | null): void {
  current = state;
  for (const listener of listeners) listener(state);
}

export function watchReplay(listener: Listener): () => void {
  listeners.add(listener);
  listener(current);
  return () => listeners.delete(listener);
}
