import { existsSync, type ReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import sirv from 'sirv';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * True for a request path that tries to leave the folder or name it absolutely: `..` in any encoding
 * (`%2e%2e%2f`, `..%5c`), a backslash, a NUL, a doubled slash, or a path that does not decode at all.
 * sirv is safe on its own (it stays under its folder), this makes the refusal explicit: 400.
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

/** A dot-file (`/.env`, `/.git/…`): never part of a built deck, never served. */
function isDotFile(rawUrl: string): boolean {
  const path = rawUrl.split('?')[0] ?? '';
  return path.split('/').some((segment) => segment.startsWith('.') || segment.startsWith('%2e'));
}

/**
 * The built deck, served read-only from one folder: no listings, content types from the extension.
 * Files are looked up at each request (sirv's `dev`), so a rebuild while the server runs serves the new
 * files with their new sizes; `ETag` still answers an unchanged file with 304.
 */
export function staticHandler(root: string): { handle: RequestHandler; missing: boolean } {
  const folder = resolve(root);
  const missing = !existsSync(resolve(folder, 'index.html'));
  const serve = sirv(folder, { dev: true, etag: true, dotfiles: false, single: false });
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
    if (isDotFile(req.url ?? '/')) return next();
    guardReads(res);
    try {
      serve(req, res, next);
    } catch (error) {
      // A file removed between sirv's look-up and its stat (a rebuild under way).
      failedRead(res, error as NodeJS.ErrnoException);
    }
  };
  return { handle, missing };
}

/**
 * sirv writes the head, then pipes a read stream with no error handler: a file that vanished after the
 * look-up (ENOENT) or a process out of descriptors (EMFILE) would throw from the stream and end the
 * process. Here the head waits until the file is open, and a failed open is answered on its own.
 */
function guardReads(res: ServerResponse): void {
  const writeHead = res.writeHead;
  let head: Parameters<ServerResponse['writeHead']> | null = null;
  const restore = () => {
    res.writeHead = writeHead;
  };
  res.writeHead = ((...args: Parameters<ServerResponse['writeHead']>) => {
    head = args;
    return res;
  }) as ServerResponse['writeHead'];
  const flush = () => {
    restore();
    if (head) writeHead.apply(res, head);
    head = null;
  };
  // A 304, a 416 or a sirv 404 ends without a stream: its head goes out as written.
  const end = res.end;
  res.end = ((...args: Parameters<ServerResponse['end']>) => {
    flush();
    res.end = end;
    return end.apply(res, args);
  }) as ServerResponse['end'];
  res.once('pipe', (source) => {
    const stream = source as unknown as ReadStream;
    stream.once('open', flush);
    stream.once('error', (error: NodeJS.ErrnoException) => {
      stream.unpipe(res);
      restore();
      res.end = end;
      failedRead(res, error);
    });
  });
}

function failedRead(res: ServerResponse, error: NodeJS.ErrnoException): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const gone = error.code === 'ENOENT' || error.code === 'ENOTDIR';
  res.writeHead(gone ? 404 : 503, {
    'content-type': 'text/plain; charset=utf-8',
    ...(gone ? {} : { 'retry-after': '1' }),
  });
  res.end(gone ? 'not found\n' : `cannot read this file right now (${error.code ?? 'error'})\n`);
}

export function notFound(res: ServerResponse, missingBuild: boolean): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(missingBuild ? 'the deck is not built: run `npm run build` (or `npm start`)\n' : 'not found\n');
}
