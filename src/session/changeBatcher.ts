/** What changed since listeners were last told; several changes are told at once (one microtask). */
export type SessionChange = {
  frames: boolean;
  timeline: boolean;
  status: boolean;
  connections: boolean;
  /** The room's consent: this page's sharing, or (the presenter's) visitors and what it shows. */
  room: boolean;
  /** A frame someone asked to see (the event panel's click): views that can show it should. */
  focus: number | null;
};

/**
 * Gathers the changes of one burst of records into one notice, so a view redraws once per batch, not once
 * per frame (10,000 frames a second would otherwise mean 10,000 redraws).
 */
export class ChangeBatcher {
  private readonly listeners = new Set<(change: SessionChange) => void>();
  private pending: SessionChange | null = null;

  subscribe(listener: (change: SessionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  add(change: Partial<SessionChange>): void {
    const pending = this.pending;
    if (pending) {
      pending.frames ||= change.frames ?? false;
      pending.timeline ||= change.timeline ?? false;
      pending.status ||= change.status ?? false;
      pending.connections ||= change.connections ?? false;
      pending.room ||= change.room ?? false;
      if (change.focus !== undefined) pending.focus = change.focus;
      return;
    }
    this.pending = {
      frames: change.frames ?? false,
      timeline: change.timeline ?? false,
      status: change.status ?? false,
      connections: change.connections ?? false,
      room: change.room ?? false,
      focus: change.focus ?? null,
    };
    queueMicrotask(() => {
      const told = this.pending;
      this.pending = null;
      if (!told) return;
      for (const listener of this.listeners) listener(told);
    });
  }
}
