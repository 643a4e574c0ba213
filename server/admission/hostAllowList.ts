import { isIP } from 'node:net';
import { hostname } from 'node:os';

/**
 * DNS rebinding: a hostile page's name can be made to resolve to this machine, and then the browser
 * calls it "same origin" with us. What it cannot change is the name in the Host header, so every request
 * (HTTP and upgrades alike) must name us by a name we know, as Vite's dev server checks since its own
 * rebinding advisory:
 * - an IP literal (a rebinding attack needs a DNS name; an address is what visitors type),
 * - `localhost` and any `*.localhost` (RFC 6761: always loopback),
 * - this machine's own name (and `NAME.local`, its mDNS name),
 * - names given with `--allow-host` (`.example.org` allows its subdomains too).
 */
export function hostAllowList(allowHosts: readonly string[]): (hostHeader: string | undefined) => boolean {
  const own = hostname().toLowerCase();
  const exact = new Set(['localhost', own, `${own}.local`]);
  const suffixes = ['.localhost'];
  for (const name of allowHosts) {
    const lower = name.toLowerCase();
    if (lower.startsWith('.')) {
      suffixes.push(lower);
      exact.add(lower.slice(1));
    } else {
      exact.add(lower);
    }
  }
  return (hostHeader) => {
    const name = hostName(hostHeader);
    if (name === null) return false;
    if (isIP(name) !== 0) return true;
    return exact.has(name) || suffixes.some((suffix) => name.endsWith(suffix));
  };
}

/** The name of a Host header without its port, lower case; `[::1]:3000` gives `::1`. Null when unreadable. */
function hostName(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  const lower = hostHeader.trim().toLowerCase();
  if (lower.startsWith('[')) {
    const end = lower.indexOf(']');
    return end > 0 ? lower.slice(1, end) : null;
  }
  const name = lower.replace(/:\d*$/, '').replace(/\.$/, '');
  return name === '' ? null : name;
}

export const hostRefusal = (host: string | undefined) =>
  `host ${JSON.stringify(host ?? '')} is not one of this server's names (a DNS rebinding attempt?): ` +
  'open the deck by its IP address or localhost, or start the server with --allow-host NAME';
