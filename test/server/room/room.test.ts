import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../../server/server.ts';
import type { RoomMessage } from '../../../src/shared/room/follow.ts';
import { closed, startTestServer, TestInspector, waitFor, wsUrl } from '../helpers.ts';

const presenterToken = 'room-test-presenter-token';
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ presenterToken });
});
afterAll(() => server.close());

type Member = { ws: WebSocket; inbox: RoomMessage[]; inspector: TestInspector };

/**
 * A page of the room: its /inspect session (presenter or not), then its /room socket tied to that session by
 * a single-use ticket asked for on /inspect.
 */
async function page(target: RunningServer, role: 'presenter' | 'visitor'): Promise<Member> {
  const inspector = await TestInspector.open(target, {
    page: `room-${role}`,
    ...(role === 'presenter' ? { presenterToken } : {}),
  });
  const { ws, inbox } = await roomSocket(await inspector.roomUrl());
  return { ws, inbox, inspector };
}

/** A /room socket at that URL, once the server said where the room is. */
async function roomSocket(url: string): Promise<{ ws: WebSocket; inbox: RoomMessage[] }> {
  const inbox: RoomMessage[] = [];
  const ws = new WebSocket(url);
  ws.on('message', (data) => inbox.push(JSON.parse(data.toString()) as RoomMessage));
  await waitFor(() => inbox.find((m) => m.type === 'state'), 'the room state on join');
  return { ws, inbox };
}

const last = <T extends RoomMessage['type']>(member: Member, type: T) =>
  member.inbox.filter((m): m is Extract<RoomMessage, { type: T }> => m.type === type).at(-1);

function leave(...members: Member[]): void {
  for (const member of members) {
    member.ws.close();
    member.inspector.close();
  }
}

describe('/room: the presenter’s position, kept by the server, numbered, sent to every page', () => {
  it('moves every visitor’s page when the presenter moves, and gives a late joiner the current place', async () => {
    const presenter = await page(server, 'presenter');
    const ana = await page(server, 'visitor');
    expect(last(presenter, 'state')).toMatchObject({ role: 'presenter', epoch: server.context.room.epoch });
    expect(last(ana, 'state')).toMatchObject({ role: 'visitor' });
    const before = server.context.room.state.seq;

    presenter.ws.send(JSON.stringify({ type: 'go', h: 3, v: 1, f: 0 }));
    const move = await waitFor(() => last(ana, 'move'), 'the move');
    expect(move).toEqual({ type: 'move', seq: before + 1, h: 3, v: 1, f: 0 });

    const late = await page(server, 'visitor');
    expect(last(late, 'state')).toMatchObject({ seq: before + 1, h: 3, v: 1, f: 0, role: 'visitor' });
    leave(presenter, ana, late);
  });

  it('refuses a move from a visitor’s page, in words, and moves no one', async () => {
    const presenter = await page(server, 'presenter');
    const ana = await page(server, 'visitor');
    const bo = await page(server, 'visitor');
    const seq = server.context.room.state.seq;
    ana.ws.send(JSON.stringify({ type: 'go', h: 9, v: 0, f: -1 }));
    const refused = await waitFor(() => last(ana, 'refused'), 'the refusal');
    expect(refused).toMatchObject({ code: 'not-presenter', message: 'only the presenter moves the room' });
    expect(server.context.room.state.seq).toBe(seq);
    expect(bo.inbox.some((m) => m.type === 'move')).toBe(false);
    expect(presenter.inbox.some((m) => m.type === 'move')).toBe(false);
    leave(presenter, ana, bo);
  });

  it('says what is wrong with a malformed message and keeps the connection', async () => {
    const presenter = await page(server, 'presenter');
    presenter.ws.send('{"type":"go","h":-1,"v":0,"f":0}');
    presenter.ws.send('not json');
    await waitFor(
      () => (presenter.inbox.filter((m) => m.type === 'refused').length === 2 ? true : undefined),
      'two refusals',
    );
    expect(
      presenter.inbox.filter((m) => m.type === 'refused').map((m) => (m as { code: string }).code),
    ).toEqual(['bad-message', 'bad-message']);
    expect(presenter.ws.readyState).toBe(WebSocket.OPEN);
    leave(presenter);
  });

  it('a socket without a presenter session cannot drive, whatever it sends', async () => {
    const { ws: stranger, inbox } = await roomSocket(wsUrl(server, '/room'));
    expect(inbox[0]).toMatchObject({ role: 'visitor' });
    stranger.send(JSON.stringify({ type: 'go', h: 5, v: 0, f: -1, presenterToken }));
    await waitFor(() => inbox.find((m) => m.type === 'refused'), 'refusal');
    stranger.close();
  });

  it('belongs to a session only by a ticket: the presenter’s session key in a URL proves nothing', async () => {
    const presenter = await page(server, 'presenter');
    const seq = server.context.room.state.seq;
    // What a curious visitor might read off the projector or guess: none of it is a presenter's /room.
    const forged = await roomSocket(
      wsUrl(
        server,
        `/room?join=${presenter.inspector.welcome.session}&session=${presenter.inspector.welcome.session}`,
      ),
    );
    expect(forged.inbox[0]).toMatchObject({ role: 'visitor' });
    forged.ws.send(JSON.stringify({ type: 'go', h: 4, v: 0, f: -1 }));
    await waitFor(() => forged.inbox.find((m) => m.type === 'refused'), 'refusal');
    expect(server.context.room.state.seq).toBe(seq);

    // The presenter's own ticket, once spent (it crossed the wire and the tap shows it), opens nothing.
    const url = await presenter.inspector.roomUrl();
    const first = await roomSocket(url);
    expect(first.inbox[0]).toMatchObject({ role: 'presenter' });
    const again = new WebSocket(url);
    const refusal = await new Promise<number>((resolve) => {
      again.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      again.on('error', () => {});
    });
    expect(refusal).toBe(403);
    // A ticket opens only the socket it was asked for: an echo ticket is no way into the room.
    const echoTicket = await presenter.inspector.echoUrl();
    const wrongDoor = new WebSocket(echoTicket.replace('/echo?', '/room?'));
    const wrongDoorStatus = await new Promise<number>((resolve) => {
      wrongDoor.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      wrongDoor.on('error', () => {});
    });
    expect(wrongDoorStatus).toBe(403);
    first.ws.close();
    forged.ws.close();
    leave(presenter);
  });

  it('the room socket is the page’s own: its open record says pageSocket "room" to that page', async () => {
    const ana = await page(server, 'visitor');
    const open = await ana.inspector.find((r) => r.kind === 'open' && r.endpoint === 'room', 'room open');
    expect(open.pageSocket).toBe('room');
    expect(String(open.path)).toBe('/room');
    leave(ana);
  });

  it('tells the presenter how many are connected and how many follow', async () => {
    const presenter = await page(server, 'presenter');
    const ana = await page(server, 'visitor');
    const bo = await page(server, 'visitor');
    await waitFor(() => (last(presenter, 'count')?.connected === 2 ? true : undefined), 'two connected');
    expect(last(presenter, 'count')).toEqual({ type: 'count', connected: 2, following: 2 });
    bo.ws.send(JSON.stringify({ type: 'follow', following: false }));
    await waitFor(() => (last(presenter, 'count')?.following === 1 ? true : undefined), 'one following');
    ana.ws.close();
    await closed(ana.ws);
    await waitFor(() => (last(presenter, 'count')?.connected === 1 ? true : undefined), 'one left');
    expect(ana.inbox.some((m) => m.type === 'count')).toBe(false);
    leave(presenter, ana, bo);
  });

  it('outlives the presenter’s reconnect: the place and the numbering stay', async () => {
    const presenter = await page(server, 'presenter');
    presenter.ws.send(JSON.stringify({ type: 'go', h: 7, v: 0, f: -1 }));
    await waitFor(() => (server.context.room.state.h === 7 ? true : undefined), 'moved');
    const { seq } = server.context.room.state;
    leave(presenter);
    await closed(presenter.ws);
    const back = await page(server, 'presenter');
    expect(last(back, 'state')).toMatchObject({ seq, h: 7, v: 0, f: -1, role: 'presenter' });
    leave(back);
  });

  it('the room’s frames are tapped and shown to the page they belong to, like any connection', async () => {
    const presenter = await page(server, 'presenter');
    const ana = await page(server, 'visitor');
    presenter.ws.send(JSON.stringify({ type: 'go', h: 11, v: 0, f: 2 }));
    await waitFor(() => last(ana, 'move'), 'move');
    const open = await ana.inspector.find((r) => r.kind === 'open' && r.endpoint === 'room', 'room open');
    const written = await waitFor(() => {
      const bytes = ana.inspector.bytes(open.connection!, 'write');
      return bytes.includes('"h":11') ? bytes : undefined;
    }, 'the move in the tap');
    expect(written.toString('latin1')).toContain('{"type":"move"');
    leave(presenter, ana);
  });

  it('a restarted server is a new epoch, and starts from seq 0', async () => {
    const other = await startTestServer({ presenterToken });
    try {
      const ana = await page(other, 'visitor');
      const state = last(ana, 'state')!;
      expect(state.epoch).not.toBe(server.context.room.epoch);
      expect(state.seq).toBe(0);
      leave(ana);
    } finally {
      await other.close();
    }
  });
});

describe('/room: own moves are acknowledged, not echoed (no bounce under latency)', () => {
  it('eight quick presses: the sender gets eight acks in order and no move; everyone else gets the eight moves', async () => {
    const laptop = await page(server, 'presenter');
    const phone = await page(server, 'presenter');
    const ana = await page(server, 'visitor');
    const before = server.context.room.state.seq;
    for (let h = 1; h <= 8; h++) laptop.ws.send(JSON.stringify({ type: 'go', h: 20 + h, v: 0, f: -1 }));
    await waitFor(
      () => (laptop.inbox.filter((m) => m.type === 'ack').length === 8 ? true : undefined),
      'acks',
    );
    await waitFor(
      () => (ana.inbox.filter((m) => m.type === 'move').length === 8 ? true : undefined),
      'moves',
    );
    await waitFor(
      () => (phone.inbox.filter((m) => m.type === 'move').length === 8 ? true : undefined),
      'phone',
    );
    expect(laptop.inbox.filter((m) => m.type === 'ack').map((m) => (m as { seq: number }).seq)).toEqual(
      Array.from({ length: 8 }, (_, i) => before + 1 + i),
    );
    expect(laptop.inbox.some((m) => m.type === 'move')).toBe(false);
    expect(last(ana, 'move')).toEqual({ type: 'move', seq: before + 8, h: 28, v: 0, f: -1 });
    expect(last(phone, 'move')).toEqual(last(ana, 'move'));
    leave(laptop, phone, ana);
  });

  it('a go to where the room already is keeps the seq, and is still acknowledged', async () => {
    const presenter = await page(server, 'presenter');
    presenter.ws.send(JSON.stringify({ type: 'go', h: 30, v: 0, f: -1 }));
    await waitFor(() => last(presenter, 'ack'), 'first ack');
    const seq = server.context.room.state.seq;
    presenter.ws.send(JSON.stringify({ type: 'go', h: 30, v: 0, f: -1 }));
    await waitFor(
      () => (presenter.inbox.filter((m) => m.type === 'ack').length === 2 ? true : undefined),
      'acks',
    );
    expect(last(presenter, 'ack')).toEqual({ type: 'ack', seq });
    expect(server.context.room.state.seq).toBe(seq);
    leave(presenter);
  });

  it('frames each move once: every visitor socket’s tap records the same bytes', async () => {
    const presenter = await page(server, 'presenter');
    const ana = await page(server, 'visitor');
    const bo = await page(server, 'visitor');
    presenter.ws.send(JSON.stringify({ type: 'go', h: 41, v: 0, f: -1 }));
    const move = await waitFor(() => last(bo, 'move'), 'move');
    const payload = JSON.stringify(move);
    // RFC 6455 §5.2: FIN + text opcode (0x81), unmasked, the payload's length in seven bits.
    const frame = Buffer.concat([Buffer.from([0x81, payload.length]), Buffer.from(payload)]);
    for (const member of [ana, bo]) {
      const open = await member.inspector.find((r) => r.kind === 'open' && r.endpoint === 'room', 'open');
      const written = await waitFor(() => {
        const bytes = member.inspector.bytes(open.connection!, 'write');
        return bytes.includes(frame) ? bytes : undefined;
      }, 'the frame in the tap');
      expect(written.subarray(written.indexOf(frame))).toEqual(frame);
    }
    leave(presenter, ana, bo);
  });
});

describe('/room: visitors know whether a presenter is here', () => {
  it('says so on join, and when the last presenter page leaves and when one comes back', async () => {
    const other = await startTestServer({ presenterToken });
    try {
      const ana = await page(other, 'visitor');
      expect(last(ana, 'state')).toMatchObject({ presenter: false });
      const presenter = await page(other, 'presenter');
      expect(last(presenter, 'state')).toMatchObject({ presenter: true, role: 'presenter' });
      await waitFor(() => (last(ana, 'presence')?.presenter === true ? true : undefined), 'here');
      leave(presenter);
      await waitFor(() => (last(ana, 'presence')?.presenter === false ? true : undefined), 'away');
      expect(
        ana.inbox.filter((m) => m.type === 'presence').map((m) => (m as { presenter: boolean }).presenter),
      ).toEqual([true, false]);
      expect(presenter.inbox.some((m) => m.type === 'presence')).toBe(false);
      leave(ana);
    } finally {
      await other.close();
    }
  });
});
