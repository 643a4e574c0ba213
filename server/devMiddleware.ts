import type { Server } from 'node:http';
import type { RequestHandler } from './static.ts';

/** `--dev`: the deck through Vite's middleware, hot reload riding on our own HTTP server and port. */
export async function viteMiddleware(http: Server): Promise<RequestHandler> {
  const { createServer } = await import('vite');
  const vite = await createServer({
    server: { middlewareMode: true, hmr: { server: http } },
    appType: 'spa',
  });
  http.once('close', () => void vite.close());
  return (req, res, next) => vite.middlewares(req, res, next);
}
