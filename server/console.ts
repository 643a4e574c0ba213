import { networkInterfaces } from 'node:os';
import type { ServerOptions } from './options.ts';
import { startServer } from './server.ts';

function lanUrls(port: number, scheme: string): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && address.family === 'IPv4' && !address.internal)
    .map((address) => `${scheme}://${address!.address}:${port}`);
}

/**
 * The server as a console program (`npm start`, `ws101 serve`): starts it, prints the URLs and the presenter
 * token, and closes everyone with 1001 on SIGINT/SIGTERM. The process lives as long as the server does.
 */
export async function runServerConsole(options: Partial<ServerOptions>): Promise<void> {
  const server = await startServer(options).catch((error: NodeJS.ErrnoException) => {
    console.error(`cannot start: ${error.code ?? ''} ${error.message}`);
    process.exit(1);
  });

  const wildcard = server.host === '0.0.0.0' || server.host === '::';
  const scheme = server.url.startsWith('https:') ? 'https' : 'http';
  console.log(`ws101 listening on ${wildcard ? `${scheme}://127.0.0.1:${server.port}` : server.url}`);
  // A classroom: every address the students can reach, one per line, to read off the projector.
  if (wildcard) for (const url of lanUrls(server.port, scheme)) console.log(`  on the network: ${url}`);
  console.log(
    `presenter token: ${server.presenterToken}  (say hello on /inspect with it to see every connection)`,
  );

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
