import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoomClient, type RoomEvent } from '../../../src/deck/room/roomClient.ts';
import type { LiveSession } from '../../../src/session/index.ts';
import type { RoomMessage } from '../../../src/shared/room/follow.ts';

/** The page's WebSocket, by hand: what the client sent, and the server's messages delivered in order. */
class FakeSocket {
  static readonly OPEN = 1;
  static last: FakeSocket | null = null;
  readyState = 1;
  readonly sent: unknown[] = [];
  private readonly listeners = new Map<string, ((event: { data?: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  addEventListener(type: string, listener: (event: { data?: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  close(): void {}
  deliver(message: RoomMessage): void {
    for (const listener of this.listeners.get('message') ?? []) listener({ data: JSON.stringify(message) });
  }
}

const liveSession = {
  status: { phase: 'live' },
  subscribe: () => () => {},
  socketUrl: async () => 'ws://127.0.0.1/room',
} as unknown as LiveSession;

async function joined(
  role: 'presenter' | 'visitor',
  seq: number,
): Promise<{ client: RoomClient; socket: FakeSocket; events: RoomEvent[] }> {
  const client = new RoomClient(liveSession).start();
  await vi.waitFor(() => expect(FakeSocket.last).not.toBeNull());
  const socket = FakeSocket.last!;
  const events: RoomEvent[] = [];
  client.listen((event) => events.push(event));
  socket.deliver({ type: 'state', epoch: 'e1', seq, role, presenter: true, h: 2, v: 0, f: -1 });
  return { client, socket, events };
}

beforeEach(() => {
  FakeSocket.last = null;
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => vi.unstubAllGlobals());

describe('a presenter page: its own moves are acknowledged, older moves never pull it back', () => {
  it('ignores another page’s move numbered before its own unacknowledged ones, then follows newer ones', async () => {
    const { client, socket, events } = await joined('presenter', 5);
    client.go({ h: 3, v: 0, f: -1 });
    client.go({ h: 4, v: 0, f: -1 });
    expect(socket.sent).toEqual([
      { type: 'go', h: 3, v: 0, f: -1 },
      { type: 'go', h: 4, v: 0, f: -1 },
    ]);
    // The remote's move got seq 6, before ours reached the server: ours are 7 and 8, so it is out of date.
    socket.deliver({ type: 'move', seq: 6, h: 9, v: 0, f: -1 });
    expect(events.some((e) => e.kind === 'moved')).toBe(false);
    socket.deliver({ type: 'ack', seq: 7 });
    socket.deliver({ type: 'ack', seq: 8 });
    expect(client.view.seq).toBe(8);
    expect(client.view.position).toEqual({ h: 4, v: 0, f: -1 });
    // Numbered after everything this page sent: the remote's next move is followed.
    socket.deliver({ type: 'move', seq: 9, h: 10, v: 0, f: -1 });
    expect(events.filter((e) => e.kind === 'moved')).toHaveLength(1);
    expect(client.view.position).toEqual({ h: 10, v: 0, f: -1 });
    client.stop();
  });

  it('remembers a press the server never heard (the socket was not open), so it can send it on rejoining', async () => {
    const { client, socket } = await joined('presenter', 1);
    socket.readyState = 3;
    client.go({ h: 6, v: 0, f: -1 });
    expect(socket.sent).toEqual([]);
    expect(client.ownMoveLost).toBe(true);
    client.stop();
  });
});

describe('a visitor’s page: moves in seq order, and whether a presenter is here', () => {
  it('applies newer moves only, and hears presence', async () => {
    const { client, socket, events } = await joined('visitor', 3);
    socket.deliver({ type: 'move', seq: 3, h: 7, v: 0, f: -1 });
    expect(client.view.position).toEqual({ h: 2, v: 0, f: -1 });
    socket.deliver({ type: 'move', seq: 4, h: 7, v: 0, f: -1 });
    expect(client.view.position).toEqual({ h: 7, v: 0, f: -1 });
    expect(client.view.presenterHere).toBe(true);
    socket.deliver({ type: 'presence', presenter: false });
    expect(client.view.presenterHere).toBe(false);
    expect(events.map((e) => e.kind)).toEqual(['joined', 'moved', 'presence']);
    client.stop();
  });
});
