import { mkdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server.ts';
import { fixtureDeck, RawClient, startTestServer, waitFor } from '../helpers.ts';

/** Issue 15, item 5: a failed read is a 404 or 503 for that request, never the end of the process. */
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('item 5: the build folder changing under a running server', () => {
  it('a file deleted after start is a 404, and the server goes on serving', async () => {
    const root = fixtureDeck();
    server = await startTestServer({ staticRoot: root });
    expect((await get(server.port, '/assets/app.js')).status).toBe(200);
    rmSync(join(root, 'assets', 'app.js'));
    expect((await get(server.port, '/assets/app.js')).status).toBe(404);
    expect((await get(server.port, '/assets/style.css')).status).toBe(200);
  });

  it('a file that cannot be read (a folder in its place) is a 503, and the server goes on serving', async () => {
    const root = fixtureDeck();
    server = await startTestServer({ staticRoot: root });
    rmSync(join(root, 'assets', 'style.css'));
    mkdirSync(join(root, 'assets', 'style.css'));
    const res = await get(server.port, '/assets/style.css');
    expect([404, 503]).toContain(res.status);
    expect((await get(server.port, '/')).status).toBe(200);
  });

  it('a file whose open fails (EMFILE, ENXIO…) after its look-up is a 503, not a crash', async () => {
    const root = fixtureDeck();
    server = await startTestServer({ staticRoot: root });
    // A Unix socket in the folder: stat says "a file", open() fails with ENXIO, as it would with EMFILE.
    const unix = createServer();
    await new Promise<void>((resolve) => unix.listen(join(root, 'assets', 'busy.js'), resolve));
    const res = await get(server.port, '/assets/busy.js');
    expect(res.status).toBe(503);
    expect(res.body).toContain('ENXIO');
    expect((await get(server.port, '/assets/app.js')).status).toBe(200);
    unix.close();
  });
});

describe('item 5: sockets that never upgrade are capped per address', () => {
  it('with 4 per address, 6 of 10 idle TCP sockets are closed at once', async () => {
    server = await startTestServer({ maxConnectionsPerIp: 4 });
    const clients = await Promise.all(Array.from({ length: 10 }, () => RawClient.open(server!.port)));
    await waitFor(() => (clients.filter((c) => c.ended).length >= 6 ? true : undefined), '6 closed');
    expect(clients.filter((c) => c.ended)).toHaveLength(6);
    for (const client of clients) client.socket.destroy();
  });
});
