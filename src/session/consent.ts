import type { CommandInput, CommandReply, PageCommandType } from '../shared/inspector/commands.ts';
import type { VisitorJson, WelcomeMessage } from '../shared/inspector/protocol.ts';
import type { WireConnection } from './wireConnection.ts';

/** What the consent state needs from the live session, and nothing more. */
export type ConsentHost = {
  command<T extends PageCommandType>(command: CommandInput<T>): Promise<CommandReply<T>>;
  /** The connections the page holds decoded state for, with the owner the server labelled them with. */
  readonly connections: ReadonlyMap<number, WireConnection>;
  /** Drops every trace of these connections (frames, timeline, state). */
  forget(ids: ReadonlySet<number>): void;
  changed(): void;
};

/**
 * The room's consent, as a page sees it (issue 11). A student's page: whether it shares its connections
 * with the presenter's screen, which it may stop at any time. The presenter's page: the visitors grouped
 * by session (pushed by the server on every change), and which sharing visitors' connections it shows.
 * When a visitor stops sharing, the presenter's page drops everything it had of them at once.
 */
export class Consent {
  /** This page's session shares its connections with the presenter's screen. */
  sharing = false;
  /** The presenter's view of visitors (empty for a student's page). */
  visitors: readonly VisitorJson[] = [];
  /** The sharing visitors' connections the presenter put on screen (watches). */
  readonly shown = new Set<number>();
  /** This session's own label, as the server names it in `owner` and in `visitors`. */
  label: string | null = null;

  constructor(private readonly host: ConsentHost) {}

  /** A (re)connection: the server says whether this session shares; the presenter asks who is there. */
  welcomed(welcome: WelcomeMessage): void {
    this.sharing = welcome.sharing;
    this.label = welcome.label;
    this.shown.clear();
    this.visitors = [];
    this.host.changed();
    if (welcome.role === 'presenter') {
      void this.host.command({ type: 'visitors' }).then((reply) => {
        if (reply.ok) this.onVisitors(reply.visitors);
      });
    }
  }

  /** Starts or stops sharing; resolves with the server's word (the state follows only when it agreed). */
  async share(on: boolean): Promise<CommandReply<'share'>> {
    const reply = await this.host.command({ type: 'share', on });
    if (reply.ok) this.sharing = reply.sharing;
    this.host.changed();
    return reply;
  }

  /** The presenter puts a sharing visitor's connection on screen, or takes it off. */
  async show(connection: number, on: boolean): Promise<CommandReply<'watch' | 'unwatch'>> {
    const reply = await this.host.command({ type: on ? 'watch' : 'unwatch', connection });
    if (on && reply.ok) this.shown.add(connection);
    if (!on) this.shown.delete(connection);
    this.host.changed();
    return reply;
  }

  /** The name a visitor goes by on the presenter's screen: its chat nickname, else its short label. */
  nameOf(label: string): string {
    const visitor = this.visitors.find((v) => v.label === label);
    return visitor?.nick ?? label;
  }

  /**
   * The server's list of visitors (a reply or a push). Whatever the page holds of a visitor who stopped
   * sharing is dropped now: the projector shows nobody's bytes without their consent. (A sharing student
   * who simply left stays on screen, closed, until the presenter moves on.)
   */
  onVisitors(visitors: readonly VisitorJson[]): void {
    this.visitors = visitors;
    const stopped = new Set(visitors.filter((v) => !v.sharing && !v.own).map((v) => v.label));
    const withdrawn = new Set<number>();
    for (const [id, connection] of this.host.connections) {
      const owner = connection.info?.owner;
      if (owner !== undefined && owner !== this.label && stopped.has(owner)) withdrawn.add(id);
    }
    for (const id of this.shown) {
      if (!visitors.some((v) => v.ids.includes(id))) this.shown.delete(id);
    }
    this.host.forget(withdrawn);
    this.host.changed();
  }
}
