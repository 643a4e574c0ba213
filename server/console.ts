import { bannerLines } from './banner.ts';
import { lanOrigins } from './lanAddresses.ts';
import { defaultOptions, type ServerOptions } from './options.ts';
import { startServer } from './server.ts';

/**
 * The server as a console program (`npm start`, `ws101 serve`): starts it, prints the URLs and the presenter
 * token, and closes everyone with 1001 on SIGINT/SIGTERM. The process lives as long as the server does.
 */
export async function runServerConsole(options: Partial<ServerOptions>): Promise<void> {
  const server = await startServer(options).catch((error: NodeJS.ErrnoException) => {
    console.error(`cannot start: ${error.code ?? ''} ${error.message}`);
    if (error.code === 'EADDRINUSE') {
      const port = options.port ?? defaultOptions.port;
      console.error(
        `port ${port} is taken (another ws101, or another server): pick another with --port ${port + 1}` +
          ` (npm start -- --port ${port + 1})`,
      );
    }
    process.exit(1);
  });

  const wildcard = server.host === '0.0.0.0' || server.host === '::';
  const scheme = server.url.startsWith('https:') ? 'https' : 'http';
  const banner = bannerLines({
    localUrl: wildcard ? `${scheme}://127.0.0.1:${server.port}` : server.url,
    lanOrigins: lanOrigins(server.host, server.port, scheme),
    presenterToken: server.presenterToken,
    classroom: options.classroom === true,
    maxConnectionsPerIp: server.context.options.maxConnectionsPerIp,
    colour: process.stdout.isTTY === true && !process.env.NO_COLOR,
    quietLog: options.log === 'quiet',
  });
  for (const line of banner) console.log(line);

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      console.log(`${signal}: closing every connection with 1001`);
      void server.close().then(() => process.exit(0));
    });
  }
}
