import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server.ts';
import { headerEnd, RawClient, startTestServer, TestInspector, upgradeRequest, waitFor } from '../helpers.ts';

/** Issue 15, item 11: a GET and an upgrade pipelined in one TCP write, split where they really split. */
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const token = 'presenter-token-for-the-tap';

/** The path of one of the presenter's own sockets (a ticket of its session): its view shows that socket. */
async function ownEchoPath(presenter: TestInspector): Promise<string> {
  const url = new URL(await presenter.echoUrl());
  return `${url.pathname}${url.search}`;
}

describe('item 11: the handshake record of a pipelined upgrade', () => {
  it('holds exactly the upgrade request, not the GET before it, nor nothing', async () => {
    server = await startTestServer({ presenterToken: token });
    const presenter = await TestInspector.open(server, { presenterToken: token });
    const client = await RawClient.open(server.port);
    const get = `GET /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`;
    const upgrade = upgradeRequest(await ownEchoPath(presenter), server.port);
    await client.write(get + upgrade);
    await client.untilReceived((all) => all.includes('101 Switching Protocols'), '101');
    const open = await presenter.find((r) => r.kind === 'open' && r.path === '/echo', 'open record');
    const request = await waitFor(() => {
      const bytes = presenter.bytes(open.connection!, 'read');
      return bytes.includes('\r\n\r\n') ? bytes : undefined;
    }, 'handshake read');
    expect(request.toString('latin1')).toBe(upgrade);
    const response = presenter.bytes(open.connection!, 'write').toString('latin1');
    expect(response).toMatch(/^HTTP\/1\.1 101 /);
    client.socket.destroy();
  });

  it('a keep-alive GET answered first, then the upgrade in a later write: only the upgrade', async () => {
    server = await startTestServer({ presenterToken: token });
    const presenter = await TestInspector.open(server, { presenterToken: token });
    const client = await RawClient.open(server.port);
    await client.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`);
    await client.untilReceived(headerEnd, 'the page');
    const upgrade = upgradeRequest(await ownEchoPath(presenter), server.port);
    await client.write(upgrade);
    const open = await presenter.find((r) => r.kind === 'open' && r.path === '/echo', 'open record');
    const request = await waitFor(() => {
      const bytes = presenter.bytes(open.connection!, 'read');
      return bytes.includes('\r\n\r\n') ? bytes : undefined;
    }, 'handshake read');
    expect(request.toString('latin1')).toBe(upgrade);
    client.socket.destroy();
  });
});
