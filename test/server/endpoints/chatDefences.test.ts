import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatRoom } from '../../../server/endpoints/chatRoom.ts';
import type { Session } from '../../../server/sessions.ts';
import { FakeChatSocket, fakeSession } from './chatRoomFakes.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

function join(
  room: ChatRoom,
  nick: string | null,
  session: Session = fakeSession(),
  address = '10.0.0.1',
): FakeChatSocket {
  const socket = new FakeChatSocket();
  room.join(socket.asWebSocket(), nick, { session, address });
  return socket;
}

describe('the chat’s output is budgeted per session and per address', () => {
  it('64 sockets from one address sending long messages cost the room a bounded number of bytes', () => {
    const room = new ChatRoom(20);
    const listeners = Array.from({ length: 30 }, (_, i) =>
      join(room, `listener${i}`, fakeSession(), `10.1.0.${i}`),
    );
    const attackers = Array.from({ length: 64 }, () => join(room, null, fakeSession(), '10.0.0.66'));
    const before = listeners[0]!.sentBytes;
    // Ten seconds of it, each socket sending 2,000 CJK characters (6 KB of UTF-8) as often as it likes.
    for (let second = 0; second < 10; second++) {
      vi.setSystemTime(second * 1000);
      for (const attacker of attackers) for (let i = 0; i < 5; i++) attacker.say('字'.repeat(2000));
    }
    const received = listeners[0]!.sentBytes - before;
    // The address's whole budget for ten seconds, 2 MiB + 10 × 256 KiB, shared by 94 members: ~50 KB each.
    expect(received).toBeLessThan(((2 * 1024 * 1024 + 10 * 256 * 1024) / 94) * 1.2);
    expect(attackers.flatMap((a) => a.errors())).toContain('budget');
  });

  it('refuses control and direction characters with a reason, and sends nothing to the room', () => {
    const room = new ChatRoom(20);
    const ana = join(room, 'ana');
    const bo = join(room, 'bo', fakeSession(), '10.0.0.2');
    const before = bo.inbox.length;
    for (const text of [
      'two\nlines',
      'bo: fake line\r',
      'abc\u202Edef',
      'tab\there',
      '\u2066isolate',
      '\u0000',
    ]) {
      ana.say(JSON.stringify({ type: 'message', text }));
    }
    expect(ana.errors()).toEqual(Array(6).fill('control'));
    expect(ana.inbox.find((m) => m.type === 'error')?.message).toMatch(/U\+000A .*character 4/);
    expect(bo.inbox.slice(before).filter((m) => m.type === 'message')).toEqual([]);
  });

  it('caps the backlog a newcomer is sent in bytes', () => {
    const room = new ChatRoom(1000);
    const talkers = Array.from({ length: 10 }, (_, i) =>
      join(room, `talker${i}`, fakeSession(), `10.2.0.${i}`),
    );
    for (const talker of talkers) for (let i = 0; i < 5; i++) talker.say('字'.repeat(2000));
    const late = join(room, 'late', fakeSession(), '10.3.0.1');
    const history = late.inbox.find((m) => m.type === 'history')!;
    expect((history.messages as unknown[]).length).toBeGreaterThan(0);
    expect(Buffer.byteLength(JSON.stringify(history))).toBeLessThan(40 * 1024);
  });
});

describe('chat sockets: a ticket’s session, two at most', () => {
  it('closes a third chat socket of one session with 1008', () => {
    const room = new ChatRoom(20);
    const session = fakeSession();
    const sockets = [join(room, 'a', session), join(room, 'b', session), join(room, 'c', session)];
    expect(sockets.map((s) => s.closedWith?.code ?? 'open')).toEqual(['open', 'open', 1008]);
    sockets[0]!.close(1000, '');
    expect(join(room, 'd', session).closedWith).toBeNull();
  });
});

describe('the presenter’s name is reserved and badged by the server', () => {
  it('refuses Teacher, 老师 and the presenter’s own name to visitors; badges the presenter’s lines', () => {
    const presenterSession = fakeSession();
    const room = new ChatRoom(20, (session) => session === presenterSession);
    const teacher = join(room, 'Ms Li', presenterSession, '10.0.0.9');
    const visitor = join(room, 'Teacher', fakeSession(), '10.0.0.10');
    expect(visitor.errors()).toEqual(['reserved']);
    for (const name of ['老师', 'TEACHER', 'Ms Li', 'MS LI']) {
      visitor.say(JSON.stringify({ type: 'nick', nick: name }));
    }
    expect(visitor.errors()).toEqual(['reserved', 'reserved', 'reserved', 'reserved', 'reserved']);
    // The presenter leaves: its name stays reserved.
    teacher.close(1000, '');
    visitor.say(JSON.stringify({ type: 'nick', nick: 'Ms Li' }));
    expect(visitor.errors().at(-1)).toBe('reserved');
    const back = join(room, 'Ms Li', presenterSession, '10.0.0.9');
    back.say('Homework is due on Friday');
    visitor.say('Homework is cancelled');
    const lines = visitor.inbox.filter((m) => m.type === 'message');
    expect(lines.map((m) => [m.nick, m.role])).toEqual([
      ['Ms Li', 'presenter'],
      [expect.stringMatching(/^guest-/), undefined],
    ]);
  });
});

describe('mutes hold by session and address, named by member id', () => {
  it('a muted visitor stays muted on a new socket, in a new session from the same address', () => {
    const room = new ChatRoom(20);
    const loudSession = fakeSession();
    const loud = join(room, 'loud', loudSession, '10.0.0.5');
    const other = join(room, 'other', fakeSession(), '10.0.0.6');
    // A classmate behind the same address, chatting before the mute: not the muted person.
    const classmate = join(room, 'classmate', fakeSession(), '10.0.0.5');
    expect(room.mute(loud.member, true)).toBe(true);
    expect(room.mute('m-nobody', true)).toBe(false);
    loud.say('one');
    loud.close(1000, '');
    const sameSession = join(room, 'loud2', loudSession, '10.0.0.5');
    sameSession.say('two');
    const newSession = join(room, 'loud3', fakeSession(), '10.0.0.5');
    newSession.say('three');
    other.say('still here');
    classmate.say('me too');
    expect([loud, sameSession, newSession].map((s) => s.errors())).toEqual([['muted'], ['muted'], ['muted']]);
    expect(other.inbox.filter((m) => m.type === 'message').map((m) => m.text)).toEqual([
      'still here',
      'me too',
    ]);
    room.mute(newSession.member, false);
    sameSession.say('four');
    expect(other.inbox.filter((m) => m.type === 'message').map((m) => m.text)).toEqual([
      'still here',
      'me too',
      'four',
    ]);
  });
});
