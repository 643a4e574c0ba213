import { describe, expect, it } from 'vitest';
import { pageSocketUrl } from '../../src/session/pageSocketUrl.ts';
import type { CommandReply } from '../../src/shared/inspector/commands.ts';

/** A link that answers every ticket command with `reply`, and remembers what was asked. */
function link(serverUrl: string | null, reply: CommandReply<'ticket'>) {
  const asked: unknown[] = [];
  return {
    asked,
    serverUrl,
    command: async (command: unknown) => {
      asked.push(command);
      return reply;
    },
  } as Parameters<typeof pageSocketUrl>[0] & { asked: unknown[] };
}

describe('the one way a page socket gets its URL: a ticket for that socket alone, asked on /inspect', () => {
  it('puts the path of the socket asked for, its own query first and the ticket last', async () => {
    const page = link('ws://127.0.0.1:3000', { ok: true, ticket: 'T-1' });
    expect(await pageSocketUrl(page, 'chat', { nick: 'ana b' })).toBe(
      'ws://127.0.0.1:3000/chat?nick=ana+b&ticket=T-1',
    );
    expect(await pageSocketUrl(page, 'wsnode-seed')).toBe('ws://127.0.0.1:3000/wsnode/seed?ticket=T-1');
    expect(page.asked).toEqual([
      { type: 'ticket', socket: 'chat' },
      { type: 'ticket', socket: 'wsnode-seed' },
    ]);
  });

  it('a query cannot bring a ticket of its own: the one the server gave wins', async () => {
    const page = link('ws://h', { ok: true, ticket: 'real' });
    expect(await pageSocketUrl(page, 'echo', { ticket: 'forged', deflate: '1' })).toBe(
      'ws://h/echo?ticket=real&deflate=1',
    );
  });

  it('no server, or no ticket given: no URL, and without a server nothing is asked', async () => {
    const none = link(null, { ok: true, ticket: 'x' });
    expect(await pageSocketUrl(none, 'echo')).toBeNull();
    expect(none.asked).toEqual([]);
    const refused = link('ws://h', { ok: false, code: 'too-many', message: 'too many unused tickets' });
    expect(await pageSocketUrl(refused, 'room')).toBeNull();
  });
});
