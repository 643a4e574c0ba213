import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionStore } from '../../server/sessions.ts';

afterEach(() => vi.restoreAllMocks());

describe('SessionStore: bounded, the longest unused forgotten first', () => {
  it('at the cap, a mint forgets the longest unused idle session, never a held one', () => {
    let now = 0;
    const store = new SessionStore(3, 60_000, () => now);
    const [a, b, c] = [store.mint(), store.mint(), store.mint()];
    store.hold(a!); // held: never forgotten
    now = 10;
    store.find(b!.token); // used again: c is now the longest unused
    store.mint();
    expect(store.find(c!.token)).toBeNull();
    expect(store.find(a!.token)).toBe(a);
    expect(store.find(b!.token)).toBe(b);
    expect(store.size).toBe(3);
  });

  it('a released session goes back among the idle, as used just now', () => {
    let now = 0;
    const store = new SessionStore(2, 60_000, () => now);
    const a = store.mint();
    store.hold(a);
    const b = store.mint();
    now = 5;
    store.release(a); // a is idle now, and more recently used than b
    store.mint();
    expect(store.find(b.token)).toBeNull();
    expect(store.find(a.token)).toBe(a);
  });

  it('expires sessions nobody held for longer than the idle time', () => {
    let now = 0;
    const store = new SessionStore(100, 1_000, () => now);
    const old = store.mint();
    now = 500;
    const recent = store.mint();
    now = 1_200;
    store.mint();
    expect(store.find(old.token)).toBeNull();
    expect(store.find(recent.token)).toBe(recent);
    expect(store.idleCount).toBe(2);
  });

  it('does no copy and no sort of the sessions per mint at the cap', () => {
    const store = new SessionStore(1_000);
    for (let i = 0; i < 1_000; i++) store.mint();
    const sort = vi.spyOn(Array.prototype, 'sort');
    const filter = vi.spyOn(Array.prototype, 'filter');
    for (let i = 0; i < 1_000; i++) store.mint();
    expect(sort).not.toHaveBeenCalled();
    expect(filter).not.toHaveBeenCalled();
    expect(store.size).toBe(1_000);
  });
});
