import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bannerLines } from '../../server/banner.ts';
import { lanOrigins } from '../../server/lanAddresses.ts';
import { createLogger } from '../../server/log.ts';
import { parseServerArgs } from '../../server/options.ts';
import type { RoomMessage } from '../../src/shared/room/follow.ts';
import { selfSignedCert } from '../helpers/selfSignedCert.ts';
import { fixtureDeck, startTestServer, TestInspector, waitFor } from './helpers.ts';

const presenterToken = 'classroom-presenter-token';

/** The status of a GET of that URL, as a visitor's browser would send it (Host: the URL's host). */
function statusOf(url: string, ca?: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = (res: { statusCode?: number; resume(): void }) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    };
    const req = url.startsWith('https:') ? httpsGet(url, { ca }, done) : httpGet(url, done);
    req.on('error', reject);
  });
}

/** Every URL in the printed lines: the join URLs, the presenter URLs, the QR code's caption. */
const urlsIn = (lines: readonly string[]) => lines.flatMap((line) => line.match(/https?:\/\/\S+/g) ?? []);

/**
 * What the person at a printed presenter URL does: opens /inspect from that origin (Origin and Host as a
 * browser sends them), says hello with the token in the URL, and opens /room with a ticket. Resolves with
 * the role the server gave the session and the room socket.
 */
async function presenterAt(url: string, ca?: Buffer): Promise<{ hello: string; room: string }> {
  const page = new URL(url);
  const token = page.searchParams.get('presenter') ?? '';
  const ws = (path: string) =>
    new WebSocket(`${page.protocol === 'https:' ? 'wss' : 'ws'}://${page.host}${path}`, {
      ca,
      headers: { origin: page.origin },
    });
  const inspector = ws('/inspect');
  const replies: Record<string, unknown>[] = [];
  inspector.on('message', (data) => replies.push(JSON.parse(data.toString())));
  await once(inspector, 'open');
  inspector.send(JSON.stringify({ type: 'hello', v: 1, id: 'hello', presenterToken: token, watch: false }));
  const welcome = await waitFor(() => replies.find((r) => r.id === 'hello'), 'the welcome');
  inspector.send(JSON.stringify({ type: 'ticket', id: 'ticket', socket: 'room' }));
  const { ticket } = await waitFor(() => replies.find((r) => r.id === 'ticket'), 'the ticket');
  const room = ws(`/room?ticket=${ticket as string}`);
  const inbox: RoomMessage[] = [];
  room.on('message', (data) => inbox.push(JSON.parse(data.toString())));
  const state = await waitFor(() => inbox.find((m) => m.type === 'state'), 'the room state');
  room.close();
  inspector.close();
  return { hello: String(welcome.role ?? welcome.code), room: state.type === 'state' ? state.role : '' };
}

describe('--classroom: every interface, the LAN join and presenter URLs, a QR code', () => {
  it('listens on every interface unless --host says otherwise', () => {
    expect(parseServerArgs(['--classroom'])).toEqual({
      options: { classroom: true, host: '0.0.0.0', log: 'quiet' },
    });
    expect(parseServerArgs(['--classroom', '--host', '192.0.2.2'])).toEqual({
      options: { classroom: true, host: '192.0.2.2', log: 'quiet' },
    });
  });

  it('logs warnings only by default, so connections do not scroll the QR code away; --log text brings them back', () => {
    expect(parseServerArgs(['--classroom', '--log', 'text'])).toEqual({
      options: { classroom: true, host: '0.0.0.0', log: 'text' },
    });
    const written: string[] = [];
    const quiet = createLogger('quiet', (line) => written.push(line));
    quiet.info('open', { id: 1 });
    quiet.warn('refused', { id: 2 });
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/WARN refused id=2$/);
    const lines = bannerLines({
      localUrl: 'http://127.0.0.1:3000',
      lanOrigins: ['http://192.168.1.20:3000'],
      presenterToken: 'e2e-presenter-token',
      classroom: true,
      quietLog: true,
    });
    expect(lines.at(-1)).toContain('--log text prints every connection');
  });

  it('prints, for each LAN address, the join URL and the presenter URL, then the first join URL as a QR code', () => {
    const lines = bannerLines({
      localUrl: 'http://127.0.0.1:3000',
      lanOrigins: ['http://192.168.1.20:3000', 'http://10.0.0.5:3000'],
      presenterToken: 'e2e-presenter-token',
      classroom: true,
    });
    expect(lines[0]).toBe('ws101 listening on http://127.0.0.1:3000');
    expect(lines).toContain('  visitors join: http://192.168.1.20:3000/');
    expect(lines).toContain('  visitors join: http://10.0.0.5:3000/');
    expect(lines.join('\n')).toContain(
      'presenter:     http://192.168.1.20:3000/?presenter=e2e-presenter-token',
    );
    expect(lines.join('\n')).toContain('presenter:     http://10.0.0.5:3000/?presenter=e2e-presenter-token');
    const scan = lines.indexOf('scan to join http://192.168.1.20:3000/ :');
    const qr = lines.slice(scan + 1).filter((line) => line.length > 0);
    // Two modules per character row (upper and lower half blocks): a version-2 code and its border.
    const code = qr.filter((line) => /^[█▀▄ ]+$/.test(line));
    expect(code.length).toBeGreaterThanOrEqual(10);
    expect(new Set(code.map((line) => [...line].length)).size).toBe(1);
    // The quiet zone: four light modules on every side (two character rows of full blocks, four columns).
    expect(code.slice(0, 2).every((line) => /^█+$/.test(line))).toBe(true);
    // (The last row may be half a character: an odd count of modules ends in ▀.)
    expect(code.slice(0, -1).every((line) => line.startsWith('████') && line.endsWith('████'))).toBe(true);
    expect(qr.at(-1)).toContain('light on dark');
  });

  it('with colours, paints the QR code white on black itself, so a light terminal does not invert it', () => {
    const facts = {
      localUrl: 'http://127.0.0.1:3000',
      lanOrigins: ['http://192.168.1.20:3000'],
      presenterToken: 'e2e-presenter-token',
      classroom: true,
    };
    const plain = bannerLines(facts);
    const painted = bannerLines({ ...facts, colour: true });
    const code = plain.filter((line) => /^[█▀▄ ]+$/.test(line));
    expect(code.length).toBeGreaterThan(0);
    for (const line of code) expect(painted).toContain(`\x1b[97;40m${line}\x1b[0m`);
    expect(painted.some((line) => line.includes('light on dark'))).toBe(false);
  });

  it('says how to set --max-per-ip for a class behind one school NAT, from the cap it was started with', () => {
    const lines = bannerLines({
      localUrl: 'http://127.0.0.1:3000',
      lanOrigins: ['http://192.168.1.20:3000'],
      presenterToken: 'e2e-presenter-token',
      classroom: true,
      maxConnectionsPerIp: 64,
    });
    expect(lines.at(-1)).toBe(
      'school network behind one address (NAT)? --max-per-ip 64 lets about 10 pages in from it; for a class of 30 that reconnects after a Wi-Fi blip, start with --max-per-ip 360 (6 sockets per page, twice over)',
    );
    const notClassroom = bannerLines({
      localUrl: 'http://127.0.0.1:3000',
      lanOrigins: ['http://192.168.1.20:3000'],
      presenterToken: 'e2e-presenter-token',
      classroom: false,
      maxConnectionsPerIp: 64,
    });
    expect(notClassroom.join('\n')).not.toContain('--max-per-ip');
  });

  it('without a LAN address, prints the presenter URL on the address it listens on, and no QR code', () => {
    const lines = bannerLines({
      localUrl: 'http://127.0.0.1:3000',
      lanOrigins: [],
      presenterToken: 'e2e-presenter-token',
      classroom: false,
    });
    expect(lines).toEqual([
      'ws101 listening on http://127.0.0.1:3000',
      'presenter: http://127.0.0.1:3000/?presenter=e2e-presenter-token  (drives the room; keep it to yourself)',
      'visitors on other machines: start with --classroom (npm start -- --classroom) for LAN URLs',
    ]);
  });

  it('tells the page its LAN origins in welcome, so the deck’s join link works from 127.0.0.1', async () => {
    const lan = await startTestServer({ host: '0.0.0.0' });
    const local = await startTestServer();
    try {
      const page = await TestInspector.open(lan);
      expect(page.welcome.lanOrigins).toEqual(lanOrigins('0.0.0.0', lan.port));
      for (const origin of page.welcome.lanOrigins as string[]) expect(origin).not.toMatch(/127\.0\.0\.1/);
      page.close();
      const alone = await TestInspector.open(local);
      expect(alone.welcome.lanOrigins).toEqual([]);
      alone.close();
    } finally {
      await lan.close();
      await local.close();
    }
  });

  it('the URLs it prints open the deck under the Host allow-list, and the presenter URL drives the room', async () => {
    const server = await startTestServer({ host: '0.0.0.0', presenterToken });
    try {
      const lines = bannerLines({
        localUrl: `http://127.0.0.1:${server.port}`,
        lanOrigins: lanOrigins('0.0.0.0', server.port),
        presenterToken,
        classroom: true,
      });
      const urls = urlsIn(lines);
      // A visitor types an IP address (always an allowed host); loopback is the presenter's own machine.
      for (const url of urls) expect(await statusOf(url)).toBe(200);
      const presenterUrls = urls.filter((url) => url.includes('?presenter='));
      expect(presenterUrls.length).toBe(Math.max(1, lanOrigins('0.0.0.0', server.port).length));
      for (const url of presenterUrls)
        expect(await presenterAt(url)).toEqual({ hello: 'presenter', room: 'presenter' });
      // The same server named by a name it does not know (DNS rebinding): refused.
      const rebound = await new Promise<number>((resolve, reject) => {
        httpGet(
          { host: '127.0.0.1', port: server.port, path: '/', headers: { host: 'rebind.example' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        ).on('error', reject);
      });
      expect(rebound).toBe(403);
    } finally {
      await server.close();
    }
  });

  const openssl = (() => {
    try {
      execFileSync('openssl', ['version']);
      return true;
    } catch {
      return false;
    }
  })();

  it.runIf(openssl)(
    'with --tls-cert, `--classroom` prints https URLs, and they work',
    { timeout: 120_000 },
    async () => {
      const lan = lanOrigins('0.0.0.0', 0).map((origin) => new URL(origin).hostname);
      const altNames = ['IP:127.0.0.1', ...lan.map((address) => `IP:${address}`)];
      const { cert, key } = selfSignedCert(altNames)!;
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'server/main.ts',
          '--classroom',
          '--port',
          '0',
          '--static',
          fixtureDeck(),
          '--presenter-token',
          presenterToken,
          '--tls-cert',
          cert,
          '--tls-key',
          key,
          '--log',
          'silent',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      try {
        let output = '';
        child.stdout.on('data', (chunk) => {
          output += chunk;
        });
        // Starting tsx on a loaded machine takes seconds: wait for the first line, however slowly.
        const port = await waitFor(
          () => {
            const found = /listening on https:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
            return found === undefined ? undefined : Number(found);
          },
          'the first line, with https',
          60_000,
        );
        // Then the whole banner, as the console prints it for this server: every URL with https.
        const banner = bannerLines({
          localUrl: `https://127.0.0.1:${port}`,
          lanOrigins: lan.map((address) => `https://${address}:${port}`),
          presenterToken,
          classroom: true,
        }).join('\n');
        await waitFor(() => (output.includes(banner) ? true : undefined), 'the whole banner', 10_000);
        const lines = output.split('\n');
        const urls = urlsIn(lines);
        expect(urls.length).toBeGreaterThan(1);
        for (const url of urls) expect(url).toMatch(/^https:\/\//);
        for (const address of lan) {
          expect(lines).toContain(`  visitors join: https://${address}:${port}/`);
        }
        if (lan.length > 0) expect(output).toContain(`scan to join https://${lan[0]}:${port}/ :`);
        const ca = readFileSync(cert);
        for (const url of urls) expect(await statusOf(url, ca)).toBe(200);
        for (const url of urls.filter((u) => u.includes('?presenter='))) {
          expect(await presenterAt(url, ca)).toEqual({ hello: 'presenter', room: 'presenter' });
        }
      } finally {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  );
});
