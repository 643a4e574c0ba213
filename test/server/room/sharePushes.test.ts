import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server.ts';
import type { VisitorJson } from '../../../src/shared/inspector/protocol.ts';
import { openWs, startTestServer, TestInspector, waitFor } from '../helpers.ts';

const presenterToken = 'share-pushes-test-presenter-token';
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('share: a visitor cannot flood the presenter by toggling consent', () => {
  it('refuses the fifth change of mind in a row, and saying what is already so changes nothing', async () => {
    server = await startTestServer({ presenterToken });
    const visitor = await TestInspector.open(server);
    const outcomes: unknown[] = [];
    for (const on of [true, false, true, false, true, true]) {
      outcomes.push((await visitor.request({ type: 'share', on })).code ?? 'ok');
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'rate', 'rate']);
    // Already not sharing: free, and still answered with the state.
    expect(await visitor.request({ type: 'share', on: false })).toMatchObject({ ok: true, sharing: false });
  });

  it('coalesces the presenter’s visitors lists: fewer lists than changes, the last one right', async () => {
    server = await startTestServer({ presenterToken });
    const presenter = await TestInspector.open(server, { presenterToken });
    // Twelve visitors, each from an address of its own (one address's share budget is 12 changes).
    const visitors = await Promise.all(
      Array.from({ length: 12 }, (_, i) => TestInspector.open(server!, {}, `127.0.4.${i + 1}`)),
    );
    // Each visitor's page has an echo socket, so each is listed.
    await Promise.all(
      visitors.map(async (s, i) =>
        openWs(await s.echoUrl(), undefined, { localAddress: `127.0.4.${i + 1}` }),
      ),
    );
    await waitFor(
      () =>
        presenter.replies.filter((m) => m.type === 'visitors').at(-1)?.visitors as VisitorJson[] | undefined,
      'a first visitors list',
    );
    const before = presenter.replies.filter((m) => m.type === 'visitors').length;
    // 12 visitors × 4 changes of mind, all at once: 48 consent changes.
    await Promise.all(
      visitors.map(async (s) => {
        for (const on of [true, false, true, false]) await s.request({ type: 'share', on });
      }),
    );
    const settled = await waitFor(() => {
      const last = presenter.replies.filter((m) => m.type === 'visitors').at(-1)?.visitors as
        | VisitorJson[]
        | undefined;
      const listed = last?.filter((v) => !v.own) ?? [];
      return listed.length === 12 && listed.every((v) => !v.sharing) ? last : undefined;
    }, 'the final list: nobody sharing');
    expect(settled.filter((v) => !v.own)).toHaveLength(12);
    const lists = presenter.replies.filter((m) => m.type === 'visitors').length - before;
    expect(lists).toBeLessThan(48 / 2);
    expect(presenter.ws.readyState).toBe(presenter.ws.OPEN);
  });
});
