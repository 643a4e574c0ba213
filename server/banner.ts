import { renderUnicodeCompact } from 'uqr';

export type BannerFacts = {
  /** Where this machine itself opens the deck (loopback when listening on every interface). */
  readonly localUrl: string;
  /** The LAN origins students can reach (empty unless listening on every interface). */
  readonly lanOrigins: readonly string[];
  readonly presenterToken: string;
  /** `--classroom`: the join URL as a QR code too, to show before the deck is up. */
  readonly classroom: boolean;
  /** `--max-per-ip` as set: a classroom's banner says how many pages that lets in from one address. */
  readonly maxConnectionsPerIp?: number;
};

/** A deck page holds /inspect, /echo and /room, and on some slides /chat and the libraries' sockets. */
export const socketsPerPage = 6;

/**
 * A school's network often puts the whole class behind one address (NAT). Every socket of every page
 * counts against `--max-per-ip`, and after a Wi-Fi blip a page's old sockets still count until the server
 * sees them gone (the heartbeat), so a reconnecting class needs twice its pages' sockets.
 */
export function maxPerIpHint(current: number, classSize = 30): string {
  const pages = Math.floor(current / socketsPerPage);
  const needed = classSize * socketsPerPage * 2;
  return (
    `school network behind one address (NAT)? --max-per-ip ${current} lets about ${pages} pages in from it; ` +
    `for a class of ${classSize} that reconnects after a Wi-Fi blip, start with --max-per-ip ${needed} ` +
    `(${socketsPerPage} sockets per page, twice over)`
  );
}

const presenterUrl = (origin: string, token: string) => `${origin}/?presenter=${encodeURIComponent(token)}`;

/**
 * What the server prints at start: where to open the deck, the presenter's URL (the deck opened with it
 * drives the room and sees every connection), and, for a classroom, each LAN address's join URL and
 * presenter URL, and the first join URL as a QR code drawn in the terminal (no web service involved).
 */
export function bannerLines(facts: BannerFacts): string[] {
  const { localUrl, lanOrigins, presenterToken, classroom } = facts;
  const lines = [`ws101 listening on ${localUrl}`];
  const hint =
    classroom && facts.maxConnectionsPerIp !== undefined ? [maxPerIpHint(facts.maxConnectionsPerIp)] : [];
  if (lanOrigins.length === 0) {
    if (classroom) lines.push('no network address found: students cannot reach this machine', ...hint);
    lines.push(
      `presenter: ${presenterUrl(localUrl, presenterToken)}  (drives the room; keep it to yourself)`,
    );
    return lines;
  }
  for (const origin of lanOrigins) {
    lines.push(`  students join: ${origin}/`);
    lines.push(
      `  presenter:     ${presenterUrl(origin, presenterToken)}  (drives the room; keep it to yourself)`,
    );
  }
  if (classroom) {
    lines.push(`scan to join ${lanOrigins[0]}/ :`);
    lines.push(...renderUnicodeCompact(`${lanOrigins[0]}/`, { ecc: 'M', border: 1 }).split('\n'));
    lines.push(...hint);
  }
  return lines;
}
