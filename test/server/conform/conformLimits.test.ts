import { describe, expect, it } from 'vitest';
import { ConformRuns, conformStartsBurst } from '../../../server/conform/conformRuns.ts';
import type { ServerContext } from '../../../server/context.ts';
import type { InspectorClient } from '../../../server/inspect/inspectorClient.ts';
import type { Session } from '../../../server/sessions.ts';

/** What the limits read of the server: nobody else connected, the default caps. */
function contextWith(countFor = 0): ServerContext {
  return {
    registry: { countFor: () => countFor, connections: { size: 0 } },
    lab: { pendingFor: () => 0, pendingTotal: 0 },
    options: { maxConnectionsPerIp: 64, maxConnections: 2000 },
  } as unknown as ServerContext;
}

const clientOf = (session: Session) => ({ session, address: '127.0.0.9' }) as unknown as InspectorClient;
const session = (label: string) => ({ token: label, label, lastUsed: 0, holders: 1, sharing: false });

describe('conform.run checks its cheap limits before any work it asks for', () => {
  it('a session past its burst is refused as rate-limited, before its patterns are looked at', async () => {
    const runs = new ConformRuns(2, () => 0);
    const client = clientOf(session('a'));
    const codes: string[] = [];
    for (let i = 0; i < conformStartsBurst + 3; i++) {
      const reply = await runs.run(client, { endpoint: 'ws', cases: 'Z*' }, contextWith());
      codes.push('error' in reply ? reply.error.code : 'ran');
    }
    expect(codes).toEqual([
      ...Array(conformStartsBurst).fill('bad-cases'),
      'rate-limited',
      'rate-limited',
      'rate-limited',
    ]);
    // Another session has its own budget.
    const other = await runs.run(clientOf(session('b')), { endpoint: 'ws', cases: 'Z*' }, contextWith());
    expect(other).toMatchObject({ error: { code: 'bad-cases' } });
  });

  it('an address without room is refused before the endpoint or the patterns are looked at', async () => {
    const runs = new ConformRuns(2, () => 0);
    const reply = await runs.run(
      clientOf(session('c')),
      { endpoint: 'no-such-endpoint', cases: `${'*'.repeat(34)}Z` },
      contextWith(64),
    );
    expect(reply).toMatchObject({ error: { code: 'too-many-from-address' } });
  });

  it('an oversized pattern is refused by its length, not matched', async () => {
    const runs = new ConformRuns(2, () => 0);
    const reply = await runs.run(
      clientOf(session('d')),
      { endpoint: 'ws', cases: '*'.repeat(64 * 1024) },
      contextWith(),
    );
    expect(reply).toMatchObject({ error: { code: 'bad-cases', message: expect.stringContaining('longer') } });
  });
});
