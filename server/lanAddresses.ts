import { networkInterfaces } from 'node:os';

/**
 * The origins visitors can reach this server at: one per IPv4 address of this machine's network
 * interfaces (loopback left out), when the server listens on every interface; none when it listens on one
 * address only (then that address is the only way in, and the page knows it already).
 */
export function lanOrigins(listeningOn: string, port: number, scheme: 'http' | 'https' = 'http'): string[] {
  if (listeningOn !== '0.0.0.0' && listeningOn !== '::') return [];
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
    .map((address) => address!.address)
    .sort((a, b) => preference(a) - preference(b))
    .map((address) => `${scheme}://${address}:${port}`);
}

/** Home and school networks first; 172.16/12 is as often a container bridge as a classroom. */
function preference(address: string): number {
  if (address.startsWith('192.168.')) return 0;
  if (address.startsWith('10.')) return 1;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(address)) return 3;
  return 2;
}
