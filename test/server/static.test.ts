import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { isTraversal } from '../../server/static.ts';
import { startTestServer } from './helpers.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A GET with the path sent exactly as written: Node's client does not normalise it. */
function get(path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the deck is served from the build folder with the right content types', () => {
  it.each([
    ['/', 'text/html'],
    ['/index.html', 'text/html'],
    ['/assets/app.js', 'text/javascript'],
    ['/assets/style.css', 'text/css'],
    ['/assets/logo.svg', 'image/svg+xml'],
  ])('%s is %s', async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.type).toContain(type);
  });

  it('serves index.html itself at /', async () => {
    expect((await get('/')).body).toContain('ws101 test deck');
  });
});

describe('nothing outside the build folder, no listings', () => {
  it.each([
    '/../package.json',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/..%5c..%5cpackage.json',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/%00index.html',
    '/%zz',
  ])('refuses %s', async (path) => {
    const res = await get(path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('"name"');
    expect(res.body).not.toContain('root:');
  });

  it.each(['/assets', '/assets/'])('lists no directory at %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('app.js');
  });

  it('answers a POST with 405', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
  });

  it('recognises traversal in every spelling', () => {
    expect(isTraversal('/a/b.js?x=..')).toBe(false);
    expect(isTraversal('/a/..')).toBe(true);
    expect(isTraversal('/a/%2E%2E/b')).toBe(true);
    expect(isTraversal('/a\\b')).toBe(true);
  });
});
