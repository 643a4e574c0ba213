import { afterEach, describe, expect, it, vi } from 'vitest';
import { PendingCommands } from '../../src/session/pendingCommands.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('pending inspector commands: every command gets exactly one answer, as data', () => {
  it('a reply settles the command with its id', async () => {
    const pending = new PendingCommands();
    const sent: string[] = [];
    const reply = pending.request({ type: 'lab.ping', connection: 3 }, (text) => sent.push(text));
    const id = JSON.parse(sent[0]!).id;
    expect(JSON.parse(sent[0]!)).toEqual({ type: 'lab.ping', connection: 3, id });
    expect(pending.settle('nobody', { ok: true })).toBe(false);
    expect(pending.settle(id, { ok: true, bytes: 2 })).toBe(true);
    expect(await reply).toEqual({ ok: true, bytes: 2 });
    expect(pending.settle(id, { ok: true })).toBe(false);
  });

  it('a lost connection answers every waiting command with offline', async () => {
    const pending = new PendingCommands();
    const replies = [
      pending.request({ type: 'list' }, () => {}),
      pending.request({ type: 'list' }, () => {}),
    ];
    pending.failAll('gone');
    expect(await Promise.all(replies)).toEqual([
      { ok: false, code: 'offline', message: 'gone' },
      { ok: false, code: 'offline', message: 'gone' },
    ]);
  });

  it('a command the server never answers times out', async () => {
    vi.useFakeTimers();
    const pending = new PendingCommands();
    const reply = pending.request({ type: 'list' }, () => {});
    vi.advanceTimersByTime(10_000);
    expect(await reply).toMatchObject({ ok: false, code: 'timeout' });
  });
});
