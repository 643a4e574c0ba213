import { networkInterfaces } from 'node:os';
import { parseServerArgs, usage } from './options.ts';
import { startServer } from './server.ts';

/** The console entry: flags in, URLs and the presenter token out, 1001 for everyone on SIGINT/SIGTERM. */
const parsed = parseServerArgs(process.argv.slice(2), process.env);
if ('help' in parsed) {
  console.log(usage);
  process.exit(0);
}
if ('error' in parsed) {
  console.error(`${parsed.error}\n\n${usage}`);
  process.exit(2);
}

const server = await startServer(parsed.options).catch((error: NodeJS.ErrnoException) => {
  console.error(`cannot start: ${error.code ?? ''} ${error.message}`);
  process.exit(1);
});

function lanUrls(port: number, scheme: string): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && address.family === 'IPv4' && !address.internal)
    .map((address) => `${scheme}://${address!.address}:${port}`);
}

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
