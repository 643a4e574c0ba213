import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { EndpointName, EventRecordJson } from '../src/shared/inspector/protocol.ts';
import type { InspectorRecord } from './inspect/records.ts';
import type { Session } from './sessions.ts';
import type { WireTap } from './tap/wireTap.ts';

export type { EndpointName };

/** What the registry needs of a tap: a WireTap (a whole socket) or an ExchangeTap (one HTTP exchange). */
export type ConnectionTap = Pick<WireTap, 'connection' | 'sink' | 'handshake'>;

export type LiveConnection = {
  readonly id: number;
  readonly endpoint: EndpointName;
  readonly path: string;
  readonly session: Session | null;
  readonly remote: string;
  /**
   * The address counted against the caps: the peer's, except for a lab or conformance connection (the
   * server talking to itself on loopback), which counts against the visitor who asked for it.
   */
  readonly address: string;
  readonly openedAt: number;
  readonly lab: boolean;
  /** The page (tab) this connection was opened for, as its socket said: how a page knows its own. */
  readonly page: string | null;
  /** Opened by the comparison slide (its ws socket at /echo, beside the other libraries' sockets). */
  readonly compared?: boolean;
  /**
   * One of a conformance run's connections (the server testing its own endpoint for a page): seen by no
   * inspector, not logged, counted by the run's hold on its visitor's address (`ConnectionRegistry.hold`).
   */
  readonly conform?: boolean;
  readonly deflate: boolean;
  readonly ws: WebSocket;
  readonly socket: Socket;
  readonly tap: ConnectionTap;
  /** Inspectors watching right now; kept here so a record reaches them without a lookup. */
  watchers: Watcher[];
};

/** An inspector, as the registry sees it: who it may see, what it asked to watch, where records go. */
export interface Watcher {
  canSee(connection: LiveConnection): boolean;
  wants(connection: LiveConnection): boolean;
  deliver(record: InspectorRecord): void;
  /** A connection became visible and wanted: its open record and handshake, then live records. */
  attach(connection: LiveConnection): void;
  /** Stops wanting a connection it may no longer see. */
  forget(connection: number): void;
}

/**
 * Every open WebSocket connection and every inspector. Decides, connection by connection, who
 * receives its records, and keeps the tap's sink null when nobody does (the cheap path).
 */
export class ConnectionRegistry {
  readonly connections = new Map<number, LiveConnection>();
  private readonly watchers = new Set<Watcher>();
  private readonly perIp = new Map<string, number>();
  /** Each session's connections: a change of one visitor's consent touches those, not everyone's. */
  private readonly bySession = new Map<Session, Set<LiveConnection>>();
  /** Told when who-has-what changes: a tapped connection opened or closed, or someone's consent changed. */
  private readonly changeListeners = new Set<(consent: boolean) => void>();

  countFor(ip: string): number {
    return this.perIp.get(ip) ?? 0;
  }

  /**
   * Holds `count` of an address's connections for something that opens them one after another for a
   * while (a conformance run): counted at once, so no `await` can race past the cap, until `release`.
   * Its connections are then not counted again as they come and go (`conform` connections).
   */
  hold(address: string, count: number): { release(): void } {
    this.perIp.set(address, this.countFor(address) + count);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.forget(address, count);
      },
    };
  }

  add(connection: LiveConnection): void {
    this.connections.set(connection.id, connection);
    if (connection.session) {
      const own = this.bySession.get(connection.session) ?? new Set();
      own.add(connection);
      this.bySession.set(connection.session, own);
    }
    if (!connection.conform) this.perIp.set(connection.address, this.countFor(connection.address) + 1);
    if (connection.endpoint !== 'inspect') {
      this.rewire(connection);
      // A conformance run's connections belong to no visitor: the presenter's view of visitors ignores them.
      if (!connection.conform) this.changed();
    }
  }

  remove(connection: LiveConnection): void {
    if (!this.connections.delete(connection.id)) return;
    const own = connection.session ? this.bySession.get(connection.session) : undefined;
    if (own?.delete(connection) && own.size === 0) this.bySession.delete(connection.session!);
    connection.watchers = [];
    connection.tap.sink = null;
    if (connection.endpoint !== 'inspect' && !connection.conform) this.changed();
    if (!connection.conform) this.forget(connection.address, 1);
  }

  private forget(address: string, count: number): void {
    const left = this.countFor(address) - count;
    if (left > 0) this.perIp.set(address, left);
    else this.perIp.delete(address);
  }

  addWatcher(watcher: Watcher): void {
    this.watchers.add(watcher);
  }

  removeWatcher(watcher: Watcher): void {
    if (!this.watchers.delete(watcher)) return;
    for (const connection of this.connections.values()) {
      if (connection.watchers.includes(watcher)) this.rewire(connection);
    }
  }

  /** A watcher's wishes changed (hello, watch, unwatch): attach it where it now wants to be. */
  refresh(watcher: Watcher): void {
    for (const connection of this.connections.values()) {
      if (connection.endpoint === 'inspect') continue;
      const was = connection.watchers.includes(watcher);
      const now = watcher.canSee(connection) && watcher.wants(connection);
      if (was !== now) this.rewire(connection);
    }
  }

  /**
   * A visitor's consent changed what watchers may see of that session's connections, and of nobody
   * else's: those are made right again for every watcher, and what a watcher may no longer see it also
   * stops wanting (a later share starts from nothing watched). Its cost is that session's connections,
   * not the room's.
   */
  consentChanged(session: Session): void {
    for (const connection of this.bySession.get(session) ?? []) {
      if (connection.endpoint === 'inspect') continue;
      for (const watcher of this.watchers) if (!watcher.canSee(connection)) watcher.forget(connection.id);
      this.rewire(connection);
    }
    this.changed(true);
  }

  /**
   * Hears every change of who has which connections (the presenter's view of visitors follows it);
   * `consent` when it was someone's consent that changed.
   */
  onChange(listener: (consent: boolean) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(consent = false): void {
    for (const listener of this.changeListeners) listener(consent);
  }

  emit(connection: LiveConnection, record: EventRecordJson): void {
    for (const watcher of connection.watchers) watcher.deliver(record);
  }

  /** The connections a watcher may see (for `list`), inspectors excepted: they are not tapped. */
  visibleTo(watcher: Watcher): LiveConnection[] {
    return [...this.connections.values()].filter((c) => c.endpoint !== 'inspect' && watcher.canSee(c));
  }

  /** Who receives a connection's records now; a watcher that just started is sent its open and handshake. */
  private rewire(connection: LiveConnection): void {
    const before = connection.watchers;
    const watchers = [...this.watchers].filter((w) => w.canSee(connection) && w.wants(connection));
    connection.watchers = watchers;
    for (const watcher of watchers) if (!before.includes(watcher)) watcher.attach(connection);
    connection.tap.sink = watchers.length === 0 ? null : this.sinkFor(connection);
  }

  private sinkFor(connection: LiveConnection): (record: InspectorRecord) => void {
    return (record) => {
      for (const watcher of connection.watchers) watcher.deliver(record);
    };
  }
}
