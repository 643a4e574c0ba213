import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { runCliCaptured } from '../helpers/runCliCaptured.ts';
import { selfSignedCert } from '../helpers/selfSignedCert.ts';
import { startTestServer } from '../server/helpers.ts';
import { type BadServer, startBadServer } from './badServers.ts';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
})();

const run = runCliCaptured;

/** A port nobody listens on: bind one, note it, let it go. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('ws101 conform', () => {
  let server: RunningServer;
  let lax: BadServer;
  beforeAll(async () => {
    server = await startTestServer();
    lax = await startBadServer({});
  });
  afterAll(async () => {
    await server.close();
    await lax.close();
  });
  const echoUrl = () => `ws://127.0.0.1:${server.port}/echo`;

  it('prints the documented JSON shape and exits 0 when nothing fails', async () => {
    const { status, stdout } = await run(['conform', '--json', '--cases', '1.1.1,6.4.1,7.13.1', echoUrl()]);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.target).toBe(echoUrl());
    expect(json.summary).toEqual({ pass: 1, 'non-strict': 1, informational: 1, fail: 0, unimplemented: 0 });
    // ws fails 6.4.1 late with 1007 and ends TCP itself: Autobahn's NON-STRICT, and a close that is OK.
    expect(json.closeSummary).toMatchObject({ ok: 2, informational: 1, failed: 0 });
    expect(json.cases[1]).toMatchObject({
      result: 'non-strict',
      close: 'ok',
      autobahnBehavior: 'NON-STRICT',
      autobahnBehaviorClose: 'OK',
    });
    expect(json.cases.map((c: { id: string }) => c.id)).toEqual(['1.1.1', '6.4.1', '7.13.1']);
    expect(json.cases[0]).toMatchObject({
      id: '1.1.1',
      category: 'framing',
      result: 'pass',
      section: '5.2',
      expected: expect.stringContaining('text (0 B)'),
      observed: expect.stringContaining('close 1000'),
    });
    for (const c of json.cases) {
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining(['id', 'category', 'result', 'close', 'expected', 'observed', 'section']),
      );
    }
  });

  it('prints one line per case and a summary per category', async () => {
    const { status, stdout } = await run(['conform', '--cases', '2.*,3.1', echoUrl()]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^ {2}2\.1 +pass +close ok +ping without payload$/m);
    expect(stdout).toContain('closing handshake: 12 close ok');
    expect(stdout).toContain('2 Pings and pongs');
    expect(stdout).toContain('11 pass, 0 non-strict, 0 informational, 0 fail, 0 unimplemented');
    expect(stdout).toMatch(/12 cases: 12 pass/);
    expect(stdout).toMatch(/time: \d+\.\d\d s/);
  });

  it('prints the table in Chinese with --lang zh, and its usage mistakes too', async () => {
    const { status, stdout } = await run(['conform', '--lang', 'zh', '--cases', '2.1,3.1', echoUrl()]);
    expect(status).toBe(0);
    expect(stdout).toContain('2 Ping 与 Pong');
    expect(stdout).toMatch(/^ {2}2\.1 +通过 /m);
    expect(stdout).toContain('共 2 个用例：通过 2，');
    expect(stdout).toMatch(/用时：\d+\.\d\d 秒/);
    const wrong = await run(['conform', '--lang', 'zh', '--concurrency', '0', echoUrl()]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--concurrency 必须是 1 到 64 之间的整数');
  });

  it('exits 1 when a case fails, naming why', async () => {
    const { status, stdout } = await run(['conform', '--cases', '3.1', lax.url]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/3\.1 +fail .*answered what it must refuse: text "Hello, world!"/);
  });

  it('never prints a control character a server sent (no terminal escapes from a hostile echo)', async () => {
    const dropping = await startBadServer({ dropOnClose: true });
    try {
      // 6.7.1 sends U+0000 and 6.9.1 U+007F as text; this server echoes them, then drops TCP on our
      // close: UNCLEAN in the close column, which (as in Autobahn) does not fail the run.
      const { status, stdout } = await run(['conform', '--cases', '6.7.1,6.9.1', dropping.url]);
      expect(status).toBe(0);
      expect(stdout).toMatch(/6\.7\.1 +pass +unclean /);
      expect(stdout).toContain('text "\\x00" (1 B)');
      expect(stdout).toContain('text "\\x7f" (1 B)');
      expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    } finally {
      await dropping.close();
    }
  });

  it('writes a self-contained HTML report with the bytes and the reason for each case', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws101-conform-'));
    const { status, stderr } = await run(['conform', '--report', dir, '--cases', '1.1.2,3.1', echoUrl()]);
    expect(status).toBe(0);
    expect(stderr).toContain(join(dir, 'index.html'));
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('id="case-1.1.2"');
    expect(html).toContain('Bytes sent (client → server): 139 bytes'); // 131 for the text, 8 for our close
    expect(html).toContain('81 7d 2a 2a'); // the echo: FIN + text, 125, then the payload
    expect(html).toMatch(/text +FIN=1 RSV=000 MASK=1 len 125/);
    expect(html).toContain('Why the rule');
    expect(html).not.toMatch(/<script|<link|src=/);
  });

  it('prints time and throughput for category 9, in the table and the report, as Autobahn reports its time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws101-conform-'));
    const { status, stdout } = await run(['conform', '--report', dir, '--cases', '9.1.1,9.7.1', echoUrl()]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/9\.1\.1 +pass +close ok +text message of 64 KiB {2}\[\d+ ms, \d+\.\d MB\/s\]$/m);
    expect(stdout).toMatch(
      /9\.7\.1 +pass +close ok +1000 text messages of 0 B, one round trip at a time {2}\[\d+ ms/m,
    );
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toMatch(/text message of 64 KiB <small>\[\d+ ms, \d+\.\d MB\/s\]<\/small>/);
  });

  it('checks --report before the run: a file in the way is exit 2, and nothing runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws101-conform-'));
    const file = join(dir, 'taken');
    writeFileSync(file, 'not a directory');
    const { status, stdout, stderr } = await run(['conform', '--report', file, echoUrl()]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`ws101: conform: --report ${file}: is a file, not a directory (nothing was run)\n`);
    expect(readFileSync(file, 'utf8')).toBe('not a directory');
  });

  it('says --insecure does nothing for ws://', async () => {
    const { status, stderr } = await run(['conform', '--insecure', '--cases', '1.1.1', echoUrl()]);
    expect(status).toBe(0);
    expect(stderr).toContain('--insecure does nothing for a ws:// URL');
  });

  it.runIf(hasOpenssl)('suggests --insecure when a wss:// certificate does not verify', async () => {
    const { cert, key } = selfSignedCert()!;
    const tls = createTlsServer({ cert: readFileSync(cert), key: readFileSync(key) }, (socket) =>
      socket.end(),
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const port = (tls.address() as { port: number }).port;
      const { status, stderr } = await run(['conform', `wss://127.0.0.1:${port}/`]);
      expect(status).toBe(2);
      expect(stderr).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
      expect(stderr).toContain('for a self-signed test server, add --insecure');
    } finally {
      await new Promise((resolve) => tls.close(resolve));
    }
  });

  it('exits 2 with one line on stderr for bad usage and for an unreachable server', async () => {
    const noUrl = await run(['conform']);
    expect(noUrl).toMatchObject({ status: 2, stdout: '' });
    expect(noUrl.stderr).toMatch(/^ws101: conform: conform takes one ws:\/\/ URL/);
    const http = await run(['conform', 'http://127.0.0.1/']);
    expect(http.status).toBe(2);
    expect(http.stderr).toContain('not a ws:// or wss:// URL');
    const badCases = await run(['conform', '--cases', '99.*', echoUrl()]);
    expect(badCases.status).toBe(2);
    expect(badCases.stderr).toContain("no case matches '99.*'");
    const port = await freePort();
    const unreachable = await run(['conform', `ws://127.0.0.1:${port}/echo`]);
    expect(unreachable.status).toBe(2);
    expect(unreachable.stderr).toBe(
      `ws101: conform: cannot reach ws://127.0.0.1:${port}/echo: ECONNREFUSED\n`,
    );
  });

  it('offers a subprotocol with --protocol, for a server that admits only clients offering one', async () => {
    const wsnode = `ws://127.0.0.1:${server.port}/wsnode/echo`;
    // WebSocket-Node's echo refuses a client that does not offer echo-protocol.
    const refused = await run(['conform', '--cases', '1.1.1', wsnode]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('handshake refused: HTTP/1.1 400');
    const { status, stdout } = await run([
      'conform',
      '--json',
      '--protocol',
      'echo-protocol',
      '--cases',
      '1.1.1,ws101.1.1',
      wsnode,
    ]);
    // Admitted: and WebSocket-Node echoes a frame the client did not mask (§5.1: it must fail it).
    expect(status).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.cases.map((c: { id: string; result: string }) => [c.id, c.result])).toEqual([
      ['1.1.1', 'pass'],
      ['ws101.1.1', 'fail'],
    ]);
    const bad = await run(['conform', '--protocol', 'echo protocol', wsnode]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--protocol must be a subprotocol name');
    expect(bad.stderr).toContain("not 'echo protocol'");
  });

  it('refuses a handshake whose server picks a subprotocol nobody offered (§4.1)', async () => {
    const picky = await startBadServer({ subprotocol: 'chat' });
    try {
      const none = await run(['conform', '--cases', '1.1.1', picky.url]);
      expect(none.status).toBe(2);
      expect(none.stderr).toContain("the server chose subprotocol 'chat', but none was offered");
      const other = await run(['conform', '--protocol', 'echo-protocol', '--cases', '1.1.1', picky.url]);
      expect(other.status).toBe(2);
      expect(other.stderr).toContain("the server chose subprotocol 'chat', not one of echo-protocol");
      const offered = await run([
        'conform',
        '--protocol',
        'x',
        '--protocol',
        'chat',
        '--cases',
        '1.1.1',
        picky.url,
      ]);
      expect(offered.status).toBe(0);
    } finally {
      await picky.close();
    }
  });

  it('exits 2 when the target answers HTTP but refuses the upgrade', async () => {
    const { status, stderr } = await run(['conform', `ws://127.0.0.1:${server.port}/nowhere`]);
    expect(status).toBe(2);
    expect(stderr).toContain('404');
  });
});
