import { backoffDelay } from '../../session/backoff.ts';
import type { LiveSession } from '../../session/index.ts';
import {
  parseRoomMessage,
  type RoomCommand,
  type RoomMessage,
  type RoomPosition,
  type RoomRole,
  roomJson,
} from '../../shared/room/follow.ts';

export type RoomView = {
  /** The socket is open and the server said where the room is. */
  readonly joined: boolean;
  readonly role: RoomRole | null;
  readonly epoch: string | null;
  /** The presenter's latest move as this page knows it; seq 0: no presenter has moved in this epoch. */
  readonly seq: number;
  readonly position: RoomPosition | null;
  readonly count: { readonly connected: number; readonly following: number } | null;
  /** A presenter's page is connected (false while joined: "the presenter is away"). */
  readonly presenterHere: boolean;
};

export type RoomEvent =
  | { kind: 'joined'; restarted: boolean; missed: boolean }
  | { kind: 'moved' }
  /** The server numbered this page's own move (its deck is already there). */
  | { kind: 'acked' }
  | { kind: 'presence' }
  | { kind: 'count' }
  | { kind: 'left' }
  | { kind: 'refused'; code: string; message: string };

/** From 250 ms up to 4 s, jittered: after a Wi-Fi blip a whole class does not come back in one instant. */
const retryBackoff = { baseMs: 250, maxMs: 4000 };

/**
 * The page's /room socket: opened once the page's session is live (so the server knows whose it is and the
 * page sees its frames in the inspector), reopened after a drop, and after a server restart as soon as the
 * session is back. What it knows of the room is in `view`; listeners hear what changed.
 */
export class RoomClient {
  view: RoomView = {
    joined: false,
    role: null,
    epoch: null,
    seq: 0,
    position: null,
    count: null,
    presenterHere: false,
  };
  /**
   * This page's own moves sent and not yet acknowledged, oldest first. While there are any, a `move` from
   * another presenter page was numbered before them (one socket, one order) and is already out of date.
   */
  private readonly unacknowledged: RoomPosition[] = [];
  /** A move of this page's never reached the server (sent while closed, or the socket dropped first). */
  ownMoveLost = false;
  private socket: WebSocket | null = null;
  private opening = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(event: RoomEvent) => void>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly session: LiveSession) {}

  start(): this {
    this.unsubscribe = this.session.subscribe((change) => {
      if (change.status) this.connectWhenLive();
    });
    this.connectWhenLive();
    return this;
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  listen(listener: (event: RoomEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The presenter's deck moved (the server refuses it from anyone else). */
  go(position: RoomPosition): void {
    if (this.socket?.readyState !== WebSocket.OPEN || !this.view.joined) {
      this.ownMoveLost = true;
      return;
    }
    this.unacknowledged.push(position);
    this.send({ type: 'go', ...position });
  }

  follow(following: boolean): void {
    this.send({ type: 'follow', following });
  }

  private send(command: RoomCommand): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(roomJson(command));
  }

  private tell(event: RoomEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private connectWhenLive(): void {
    if (this.socket || this.opening || this.retryTimer || this.session.status.phase !== 'live') return;
    this.opening = true;
    void this.session.socketUrl('room').then((url) => {
      this.opening = false;
      if (!this.unsubscribe || this.socket) return;
      if (url) this.open(url);
      else this.retryLater();
    });
  }

  private open(url: string): void {
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const message = parseRoomMessage(event.data);
      if (message) this.onMessage(message);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      const wasJoined = this.view.joined;
      this.view = { ...this.view, joined: false, count: null };
      if (this.unacknowledged.length > 0) this.ownMoveLost = true;
      this.unacknowledged.length = 0;
      if (wasJoined) this.tell({ kind: 'left' });
      if (wasJoined) this.failures = 0;
      this.retryLater();
    });
  }

  /** Once more when the session is live again; a drop of this socket alone is retried after a pause. */
  private retryLater(): void {
    if (this.retryTimer) return;
    this.failures++;
    const delay = backoffDelay(this.failures, retryBackoff);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connectWhenLive();
    }, delay);
  }

  private onMessage(message: RoomMessage): void {
    switch (message.type) {
      case 'state': {
        const restarted = this.view.epoch !== null && this.view.epoch !== message.epoch;
        const missed = !restarted && message.seq > this.view.seq;
        const { h, v, f } = message;
        this.view = {
          ...this.view,
          joined: true,
          role: message.role,
          epoch: message.epoch,
          // A restarted server whose presenter has not moved yet leaves the page where it was.
          seq: message.seq,
          position: message.seq > 0 ? { h, v, f } : restarted ? null : this.view.position,
          presenterHere: message.presenter,
        };
        this.tell({ kind: 'joined', restarted, missed });
        return;
      }
      case 'move':
        if (this.unacknowledged.length > 0 || message.seq <= this.view.seq) return;
        this.view = {
          ...this.view,
          seq: message.seq,
          position: { h: message.h, v: message.v, f: message.f },
        };
        this.tell({ kind: 'moved' });
        return;
      case 'ack': {
        const sent = this.unacknowledged.shift();
        if (!sent || message.seq < this.view.seq) return;
        this.view = { ...this.view, seq: message.seq, position: sent };
        this.tell({ kind: 'acked' });
        return;
      }
      case 'presence':
        this.view = { ...this.view, presenterHere: message.presenter };
        this.tell({ kind: 'presence' });
        return;
      case 'count':
        this.view = { ...this.view, count: { connected: message.connected, following: message.following } };
        this.tell({ kind: 'count' });
        return;
      case 'refused':
        this.tell({ kind: 'refused', code: message.code, message: message.message });
        return;
    }
  }
}
