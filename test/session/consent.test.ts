import { describe, expect, it } from 'vitest';
import { Consent } from '../../src/session/consent.ts';
import type { WireConnection } from '../../src/session/wireConnection.ts';
import type { CommandReply } from '../../src/shared/inspector/commands.ts';
import type { VisitorJson, WelcomeMessage } from '../../src/shared/inspector/protocol.ts';

function host(replies: (command: Record<string, unknown>) => CommandReply = () => ({ ok: true })) {
  const connections = new Map<number, WireConnection>();
  const forgotten: number[][] = [];
  const sent: Record<string, unknown>[] = [];
  const consent = new Consent({
    command: async (command) => {
      sent.push(command);
      return replies(command);
    },
    connections,
    forget: (ids) => forgotten.push([...ids]),
    changed: () => {},
  });
  const add = (id: number, owner?: string) =>
    connections.set(id, { id, info: owner === undefined ? {} : { owner } } as unknown as WireConnection);
  return { consent, connections, forgotten, sent, add };
}

const visitor = (label: string, sharing: boolean, ids: number[] = [], own = false): VisitorJson => ({
  label,
  connections: ids.length || 1,
  endpoints: ids.map(() => 'echo'),
  sharing,
  own,
  ids,
});

describe('a page’s consent state', () => {
  it('drops what the presenter holds of a visitor who stopped sharing, and only that', () => {
    const { consent, forgotten, add } = host();
    consent.label = 'me0000';
    add(1, 'me0000');
    add(2, 'ana000');
    add(3, 'bo0000');
    add(4, 'gone00');
    consent.shown.add(2);
    consent.shown.add(3);
    consent.onVisitors([
      visitor('me0000', false, [1], true),
      visitor('ana000', false),
      visitor('bo0000', true, [3]),
    ]);
    // Ana stopped: her connection goes; Bo shares; a visitor who left while sharing stays (closed) on screen.
    expect(forgotten).toEqual([[2]]);
    expect([...consent.shown]).toEqual([3]);
    expect(consent.nameOf('bo0000')).toBe('bo0000');
  });

  it('follows the server’s word on share, and asks for the visitors when it is the presenter', async () => {
    const { consent, sent } = host((command) =>
      command.type === 'share'
        ? { ok: true, sharing: command.on }
        : { ok: true, visitors: [visitor('x', true, [9])] },
    );
    await consent.share(true);
    expect(consent.sharing).toBe(true);
    await consent.share(false);
    expect(consent.sharing).toBe(false);
    consent.welcomed({ role: 'presenter', label: 'me0000', sharing: false } as WelcomeMessage);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent.at(-1)).toEqual({ type: 'visitors' });
    expect(consent.visitors.map((v) => v.label)).toEqual(['x']);
  });

  it('keeps nothing shown when the server refuses a watch', async () => {
    const { consent } = host(() => ({ ok: false, code: 'not-found', message: 'no such connection' }));
    await consent.show(5, true);
    expect(consent.shown.size).toBe(0);
  });
});
