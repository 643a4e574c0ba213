import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from './log.ts';
import { defaultOptions, type ServerOptions } from './options.ts';
import { notFound, type RequestHandler, staticHandler } from './static.ts';

export type RunningServer = {
  url: string;
  port: number;
  host: string;
  presenterToken: string;
  http: Server;
  /** Closes every WebSocket with 1001 and stops listening. */
  close(): Promise<void>;
};

export async function startServer(partial: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const options: ServerOptions = { ...defaultOptions, ...partial };
  const log = createLogger(options.log);
  const presenterToken = options.presenterToken ?? randomBytes(18).toString('base64url');
  const http = createServer();

  let handle: RequestHandler;
  if (options.dev) {
    const { viteMiddleware } = await import('./devMiddleware.ts');
    handle = await viteMiddleware(http);
  } else {
    const deck = staticHandler(options.staticRoot);
    if (deck.missing) log.warn('deck not built', { folder: options.staticRoot });
    handle = (req, res) => deck.handle(req, res, () => notFound(res, deck.missing));
  }
  http.on('request', (req, res) => handle(req, res, () => notFound(res, false)));

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host: options.host,
    presenterToken,
    http,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
