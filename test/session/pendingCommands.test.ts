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

  it('a command answered in parts hands each to its listener, each part restarting the wait, then settles', async () => {
    vi.useFakeTimers();
    const pending = new PendingCommands();
    const sent: string[] = [];
    const parts: unknown[] = [];
    const reply = pending.request(
      { type: 'conform.run', endpoint: 'ws' },
      (text) => sent.push(text),
      1000,
      (part) => parts.push(part.done),
    );
    const id = JSON.parse(sent[0]!).id;
    expect(pending.part('someone-else', { done: 9 })).toBe(false);
    for (const done of [1, 2, 3]) {
      vi.advanceTimersByTime(900); // under the wait each time, 2.7 s in all: the parts keep it alive
      expect(pending.part(id, { done })).toBe(true);
    }
    expect(parts).toEqual([1, 2, 3]);
    expect(pending.settle(id, { ok: true, total: 3 })).toBe(true);
    expect(await reply).toEqual({ ok: true, total: 3 });
    expect(pending.part(id, { done: 4 })).toBe(false);
  });
});
