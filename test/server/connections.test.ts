import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { ConnectionRegistry, type LiveConnection, type Watcher } from '../../server/connections.ts';
import type { Session } from '../../server/sessions.ts';

const session = (label: string): Session => ({
  token: label,
  label,
  lastUsed: 0,
  holders: 0,
  sharing: false,
});

function connection(id: number, owner: Session): LiveConnection {
  return {
    id,
    endpoint: 'echo',
    path: '/echo',
    session: owner,
    remote: '127.0.0.1',
    address: '127.0.0.1',
    openedAt: 0,
    lab: false,
    page: null,
    deflate: false,
    ws: {} as WebSocket,
    socket: {} as LiveConnection['socket'],
    tap: { connection: id, sink: null, handshake: [] },
    watchers: [],
  };
}

/** A presenter-like watcher: sees its own and sharing sessions' connections; counts what it is asked. */
class CountingWatcher implements Watcher {
  asked = 0;
  attached: number[] = [];
  constructor(private readonly own: Session) {}
  canSee(c: LiveConnection): boolean {
    this.asked++;
    return c.session === this.own || c.session?.sharing === true;
  }
  wants(c: LiveConnection): boolean {
    return c.session !== this.own;
  }
  deliver(): void {}
  attach(c: LiveConnection): void {
    this.attached.push(c.id);
  }
  forget(): void {}
}

describe('a consent change touches only that session’s connections', () => {
  it('asks each watcher about the sharing session’s connections, not the room’s', () => {
    const registry = new ConnectionRegistry();
    const watchers = Array.from({ length: 20 }, (_, i) => new CountingWatcher(session(`w${i}`)));
    for (const watcher of watchers) registry.addWatcher(watcher);
    let id = 1;
    for (let i = 0; i < 500; i++) registry.add(connection(id++, session(`other${i}`)));
    const ana = session('ana');
    registry.add(connection(id++, ana));
    registry.add(connection(id++, ana));
    for (const watcher of watchers) watcher.asked = 0;
    let consentChanges = 0;
    registry.onChange((consent) => {
      if (consent) consentChanges++;
    });

    ana.sharing = true;
    registry.consentChanged(ana);

    // Two connections, each looked at twice per watcher (may it still see it? who wants it?).
    for (const watcher of watchers) expect(watcher.asked).toBeLessThanOrEqual(2 * 2);
    expect(consentChanges).toBe(1);
    // Wanted and now visible: each watcher was sent both connections' opening records.
    for (const watcher of watchers) expect(watcher.attached.slice(-2)).toEqual([id - 2, id - 1]);
  });
});
