import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseServerArgs, type ServerOptions } from '../../server/options.ts';
import type { RunningServer } from '../../server/server.ts';
import { selfSignedCert } from '../helpers/selfSignedCert.ts';
import {
  closed,
  headerEnd,
  nextMessage,
  openWs,
  RawClient,
  startTestServer,
  TestInspector,
  upgradeRequest,
  waitFor,
  wsUrl,
} from './helpers.ts';

/** Issue 15's defences: DNS rebinding, security headers, presenter token, nicknames, TLS. */
let server: RunningServer | undefined;
async function start(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  server = await startTestServer(options);
  return server;
}
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function refusedWith(url: string, options: WebSocket.ClientOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('open', () => reject(new Error('it opened')));
    ws.once('error', () => {});
  });
}

/** The status line a raw upgrade with this Host header gets. */
async function upgradeStatus(port: number, host: string): Promise<string> {
  const raw = await RawClient.open(port);
  const request = upgradeRequest('/echo', port).replace(`Host: 127.0.0.1:${port}`, `Host: ${host}`);
  await raw.write(request);
  const answer = await raw.untilReceived(headerEnd, 'answer');
  raw.socket.destroy();
  return answer.toString('latin1').split('\r\n')[0]!;
}

describe('DNS rebinding: the Host header is checked against an allow-list', () => {
  it('serves localhost names and IP literals, refuses other names with 403, on HTTP and upgrades', async () => {
    const s = await start();
    for (const host of [
      `localhost:${s.port}`,
      `127.0.0.1:${s.port}`,
      `deck.localhost:${s.port}`,
      `[::1]:${s.port}`,
    ]) {
      expect((await get(s.port, '/', { host })).status).toBe(200);
      expect(await upgradeStatus(s.port, host)).toMatch(/ 101 /);
    }
    const rebound = await get(s.port, '/', { host: `attacker.example:${s.port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('--allow-host');
    expect(await upgradeStatus(s.port, `attacker.example:${s.port}`)).toMatch(/ 403 /);
  });

  it('--allow-host NAME lets that name in (and .NAME its subdomains)', async () => {
    const s = await start({ allowHosts: ['deck.lan', '.school.example'] });
    expect((await get(s.port, '/', { host: `deck.lan:${s.port}` })).status).toBe(200);
    expect((await get(s.port, '/', { host: 'room1.school.example' })).status).toBe(200);
    expect((await get(s.port, '/', { host: 'other.lan' })).status).toBe(403);
    expect(parseServerArgs(['--allow-host', 'a.lan', '--allow-host', 'b.lan'])).toEqual({
      options: { allowHosts: ['a.lan', 'b.lan'] },
    });
  });

  it('an https:// Origin is not the same origin as an http:// server', async () => {
    const s = await start();
    expect(await refusedWith(wsUrl(s, '/echo'), { origin: `https://127.0.0.1:${s.port}` })).toBe(403);
    (await openWs(wsUrl(s, '/echo'), [], { origin: `http://127.0.0.1:${s.port}` })).close();
  });
});

describe('security headers on every HTTP response', () => {
  it.each(['/', '/assets/app.js', '/missing', '/%2e%2e/etc/passwd'])('%s', async (path) => {
    const s = await start();
    const { headers } = await get(s.port, path);
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')*;/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${s.port} wss://127.0.0.1:${s.port}`);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});

describe('the presenter token', () => {
  it('is refused under 16 characters at start, with a message that says so', () => {
    const parsed = parseServerArgs(['--presenter-token', 'fifteen-chars-x']);
    expect(parsed).toEqual({ error: expect.stringContaining('at least 16 characters') });
    expect(parseServerArgs(['--presenter-token', 'sixteen-chars-xx'])).toEqual({
      options: { presenterToken: 'sixteen-chars-xx' },
    });
  });

  it('failed presenter hellos are throttled per address and logged', async () => {
    const lines: string[] = [];
    const { startServer } = await import('../../server/server.ts');
    const { createLogger } = await import('../../server/log.ts');
    server = await startServer(
      {
        port: 0,
        host: '127.0.0.1',
        staticRoot: mkdtempSync(join(tmpdir(), 'ws101-')),
        presenterToken: 'the-right-presenter-token',
      },
      createLogger('text', (line) => lines.push(line)),
    );
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const ws = await openWs(wsUrl(server, '/inspect'));
      const reply = nextMessage(ws);
      ws.send(JSON.stringify({ type: 'hello', v: 1, id: 1, presenterToken: `guess-number-${i}-xxxxxx` }));
      codes.push(JSON.parse((await reply).data.toString()).code);
      ws.close();
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('bad-presenter-token'));
    expect(codes.slice(5)).toEqual(Array(3).fill('too-many-attempts'));
    // Even the right token waits now: guessing cannot go faster by mixing in good ones.
    const ws = await openWs(wsUrl(server, '/inspect'));
    const reply = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'hello', v: 1, id: 1, presenterToken: 'the-right-presenter-token' }));
    expect(JSON.parse((await reply).data.toString()).code).toBe('too-many-attempts');
    ws.close();
    expect(lines.filter((l) => l.includes('presenter token refused'))).toHaveLength(9);
    expect(lines.find((l) => l.includes('presenter token refused'))).toContain('remote=127.0.0.1');
  });
});

type ChatMember = { ws: WebSocket; inbox: Record<string, unknown>[]; you: string };
async function joinChat(s: RunningServer, nick?: string): Promise<ChatMember> {
  const query = nick === undefined ? '' : `&nick=${encodeURIComponent(nick)}`;
  const page = await TestInspector.open(s);
  const ws = new WebSocket(await page.chatUrl(query));
  const inbox: Record<string, unknown>[] = [];
  // Listening before the open: the history comes in the same read as the 101.
  ws.on('message', (data) => inbox.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const history = await waitFor(() => inbox.find((m) => m.type === 'history'), 'history');
  return { ws, inbox, you: history.you as string };
}

async function renamed(member: ChatMember, nick: string): Promise<Record<string, unknown>> {
  const before = member.inbox.length;
  member.ws.send(JSON.stringify({ type: 'nick', nick }));
  return new Promise((resolve) => {
    const check = () => {
      const found = member.inbox
        .slice(before)
        .find((m) => m.type === 'error' || (m.type === 'nick' && m.old === member.you));
      if (found) resolve(found);
      else setTimeout(check, 5);
    };
    check();
  });
}

describe('chat nicknames, checked on the server', () => {
  it('are trimmed, non-empty, capped, and unique in the room, look-alikes included', async () => {
    const s = await start();
    const ana = await joinChat(s, '  ana ');
    expect(ana.you).toBe('ana');
    // Taken, in another case, or in full-width letters: a guest name instead.
    for (const lookalike of ['ana', 'ANA', 'ａｎａ']) {
      const other = await joinChat(s, lookalike);
      expect(other.you).toMatch(/^guest-\d+$/);
      // The code the page words in its own language: taken, not malformed.
      await waitFor(() => other.inbox.find((m) => m.type === 'error' && m.code === 'taken'), 'taken');
      other.ws.close();
    }
    const bo = await joinChat(s, 'bo');
    for (const bad of ['   ', '', 'x'.repeat(25), 'a\u200bna']) {
      expect(await renamed(bo, bad)).toMatchObject({ type: 'error', code: 'nick' });
    }
    // A Cyrillic А among Latin letters: one script per name.
    expect(await renamed(bo, 'Аna')).toMatchObject({ type: 'error', code: 'nick' });
    // Greek capitals drawn like Latin ones, in one script: the same name.
    expect(await renamed(bo, 'ΑΝΑ')).toMatchObject({ type: 'error', code: 'taken' });
    expect(await renamed(bo, '  Bea  ')).toMatchObject({ type: 'nick', nick: 'Bea' });
    ana.ws.close();
    bo.ws.close();
  });
});

describe('TLS: --tls-cert and --tls-key serve https and wss on one port', () => {
  const openssl = (() => {
    try {
      execFileSync('openssl', ['version']);
      return true;
    } catch {
      return false;
    }
  })();

  it.runIf(openssl)('the deck over https, every endpoint over wss, the tap in clear text', async () => {
    const { cert, key } = selfSignedCert()!;
    const s = await start({ tlsCert: cert, tlsKey: key });
    expect(s.url).toBe(`https://127.0.0.1:${s.port}`);
    const ca = readFileSync(cert);
    const page = await new Promise<Answer>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: s.port, path: '/', ca }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain('connect-src');

    const inspector = new WebSocket(`wss://127.0.0.1:${s.port}/inspect`, { ca });
    await new Promise((resolve, reject) => inspector.once('open', resolve).once('error', reject));
    const welcome = nextMessage(inspector);
    inspector.send(JSON.stringify({ type: 'hello', v: 1, id: 'h' }));
    expect(JSON.parse((await welcome).data.toString()).type).toBe('welcome');
    const records: Record<string, unknown>[] = [];
    inspector.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'records') records.push(...message.records);
      else records.push(message);
    });
    inspector.send(JSON.stringify({ type: 'ticket', id: 't' }));
    const ticket = await new Promise<string>((resolve) => {
      const check = () => {
        const found = records.find((r) => r.id === 't');
        if (found) resolve(found.ticket as string);
        else setTimeout(check, 5);
      };
      check();
    });
    const echo = new WebSocket(`wss://127.0.0.1:${s.port}/echo?ticket=${ticket}`, { ca });
    await new Promise((resolve, reject) => echo.once('open', resolve).once('error', reject));
    echo.send('over tls');
    expect((await nextMessage(echo)).data.toString()).toBe('over tls');
    // The tap sits above TLS: the inspector sees the WebSocket bytes, not ciphertext.
    await new Promise<void>((resolve) => {
      const check = () => {
        const seen = records.some(
          (r) => r.kind === 'write' && Buffer.from(r.data as string, 'base64').includes('over tls'),
        );
        if (seen) resolve();
        else setTimeout(check, 5);
      };
      check();
    });
    // The lab's raw client dials the server over TLS too.
    inspector.send(JSON.stringify({ type: 'lab.clientOpen', id: 'lab' }));
    await new Promise<void>((resolve) => {
      const check = () =>
        records.find((r) => r.id === 'lab' && r.type === 'result') ? resolve() : setTimeout(check, 5);
      check();
    });
    const done = closed(echo);
    echo.close();
    await done;
    inspector.close();
  });

  it('refuses a certificate without its key (and the other way round) at start', () => {
    expect(parseServerArgs(['--tls-cert', 'a.pem'])).toEqual({ error: expect.stringContaining('--tls-key') });
    expect(parseServerArgs(['--tls-cert', 'a.pem', '--tls-key', 'b.pem'])).toEqual({
      options: { tlsCert: 'a.pem', tlsKey: 'b.pem' },
    });
  });
});
