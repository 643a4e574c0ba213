import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import sirv from 'sirv';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * True for a request path that tries to leave the folder or name it absolutely: `..` in any encoding
 * (`%2e%2e%2f`, `..%5c`), a backslash, a NUL, a doubled slash, or a path that does not decode at all.
 * sirv is safe on its own (it serves from a list made at start), this makes the refusal explicit: 400.
 */
export function isTraversal(rawUrl: string): boolean {
  const path = rawUrl.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true;
  }
  if (!decoded.startsWith('/') || decoded.startsWith('//')) return true;
  if (decoded.includes('\\') || decoded.includes('\0')) return true;
  return decoded.split('/').some((segment) => segment === '..' || segment === '.');
}

/** The built deck, served read-only from one folder: no listings, content types from the extension. */
export function staticHandler(root: string): { handle: RequestHandler; missing: boolean } {
  const folder = resolve(root);
  const missing = !existsSync(resolve(folder, 'index.html'));
  const serve = sirv(folder, { dev: false, etag: true, dotfiles: false, single: false });
  const handle: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('method not allowed\n');
      return;
    }
    if (isTraversal(req.url ?? '/')) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('bad path\n');
      return;
    }
    serve(req, res, next);
  };
  return { handle, missing };
}

export function notFound(res: ServerResponse, missingBuild: boolean): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(missingBuild ? 'the deck is not built: run `npm run build` (or `npm start`)\n' : 'not found\n');
}
