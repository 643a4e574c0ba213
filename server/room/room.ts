import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import {
  parseRoomCommand,
  type RoomMessage,
  type RoomPosition,
  type RoomRole,
  roomJson,
} from '../../src/shared/room/follow.ts';
import type { Session } from '../sessions.ts';
import { sendFramed, textFrame } from './sharedFrame.ts';

type Member = {
  readonly ws: WebSocket;
  readonly session: Session | null;
  following: boolean;
};

/** A visitor's role as /room's messages name it (src/shared/room/follow.ts owns the word on the wire). */
const visitorRole: RoomRole = 'visitor';

/** Presenters hear how many follow at most this often: a class joining at once is one message, not thirty. */
const countEveryMs = 150;

/**
 * One room: where the presenter is, numbered, and who is in it. The room is the server's, not a socket's:
 * it outlives the presenter's reconnects (and tabs), and a page that joins late gets the current position
 * at once. Only a member whose session said hello on /inspect with the presenter token (`isPresenter`) may
 * move it; what a visitor's page sends moves no one.
 */
export class Room {
  /** One life of this server: a page that sees another epoch knows the server restarted. */
  readonly epoch = randomBytes(6).toString('base64url');
  private seq = 0;
  private position: RoomPosition = { h: 0, v: 0, f: -1 };
  private readonly members = new Set<Member>();
  private countTimer: NodeJS.Timeout | null = null;
  /** Whether a presenter's page was connected when the visitors were last told. */
  private presenterHere = false;

  constructor(private readonly isPresenter: (session: Session | null) => boolean) {}

  get size(): number {
    return this.members.size;
  }

  get state(): { seq: number } & RoomPosition {
    return { seq: this.seq, ...this.position };
  }

  join(ws: WebSocket, session: Session | null): void {
    const member: Member = { ws, session, following: true };
    this.members.add(member);
    this.send(member, {
      type: 'state',
      epoch: this.epoch,
      seq: this.seq,
      role: this.roleOf(member),
      presenter: this.hasPresenter(),
      ...this.position,
    });
    ws.on('message', (data, isBinary) => this.onMessage(member, isBinary ? null : data.toString()));
    ws.on('close', () => {
      this.members.delete(member);
      this.countChanged();
      this.presenceChanged();
    });
    this.countChanged();
    this.presenceChanged();
    // A presenter who joins learns the count at once, not at the next change.
    if (this.roleOf(member) === 'presenter') this.send(member, this.count());
  }

  private onMessage(member: Member, text: string | null): void {
    const command = text === null ? { error: 'send JSON in text frames' } : parseRoomCommand(text);
    if ('error' in command) {
      this.send(member, { type: 'refused', code: 'bad-message', message: command.error });
      return;
    }
    if (command.type === 'follow') {
      if (member.following === command.following) return;
      member.following = command.following;
      this.countChanged();
      return;
    }
    // Checked at every move, not once at join: the session is the credential, the socket is not.
    if (this.roleOf(member) !== 'presenter') {
      this.send(member, {
        type: 'refused',
        code: 'not-presenter',
        message: 'only the presenter moves the room',
      });
      return;
    }
    const { h, v, f } = command;
    // The first move of an epoch counts even where the room already is: it says a presenter is here.
    if (this.seq === 0 || h !== this.position.h || v !== this.position.v || f !== this.position.f) {
      this.position = { h, v, f };
      this.seq++;
      this.broadcast({ type: 'move', seq: this.seq, h, v, f }, member);
    }
    // Acknowledged, never echoed: an echo of an older move arriving after newer key presses would pull the
    // presenter's own deck back (on a 60 ms network, three steps back in eight presses).
    this.send(member, { type: 'ack', seq: this.seq });
  }

  private hasPresenter(): boolean {
    for (const member of this.members) if (this.roleOf(member) === 'presenter') return true;
    return false;
  }

  /** The visitors hear when the presenter's last page leaves, and when one is back. */
  private presenceChanged(): void {
    const here = this.hasPresenter();
    if (here === this.presenterHere) return;
    this.presenterHere = here;
    const message: RoomMessage = { type: 'presence', presenter: here };
    const text = roomJson(message);
    const frame = textFrame(text);
    for (const member of this.members) {
      if (this.roleOf(member) === 'visitor') sendFramed(member.ws, frame, text);
    }
  }

  private roleOf(member: Member): RoomRole {
    return this.isPresenter(member.session) ? 'presenter' : visitorRole;
  }

  /** One frame for every member but the sender: at 5,000 pages the JSON and its frame are built once. */
  private broadcast(message: RoomMessage, sender: Member): void {
    const text = roomJson(message);
    const frame = textFrame(text);
    for (const member of this.members) if (member !== sender) sendFramed(member.ws, frame, text);
  }

  private send(member: Member, message: RoomMessage): void {
    if (member.ws.readyState === member.ws.OPEN) member.ws.send(roomJson(message));
  }

  private count(): RoomMessage {
    let connected = 0;
    let following = 0;
    for (const member of this.members) {
      if (this.roleOf(member) === 'presenter') continue;
      connected++;
      if (member.following) following++;
    }
    return { type: 'count', connected, following };
  }

  private countChanged(): void {
    this.countTimer ??= setTimeout(() => {
      this.countTimer = null;
      const presenters = [...this.members].filter((m) => this.roleOf(m) === 'presenter');
      if (presenters.length === 0) return;
      const count = this.count();
      for (const presenter of presenters) this.send(presenter, count);
    }, countEveryMs);
    this.countTimer.unref();
  }
}
