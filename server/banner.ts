import { renderUnicodeCompact } from 'uqr';

export type BannerFacts = {
  /** Where this machine itself opens the deck (loopback when listening on every interface). */
  readonly localUrl: string;
  /** The LAN origins visitors can reach (empty unless listening on every interface). */
  readonly lanOrigins: readonly string[];
  readonly presenterToken: string;
  /** `--classroom`: the join URL as a QR code too, to show before the deck is up. */
  readonly classroom: boolean;
  /** `--max-per-ip` as set: a classroom's banner says how many pages that lets in from one address. */
  readonly maxConnectionsPerIp?: number;
  /** The terminal takes ANSI colours (a TTY, no NO_COLOR): the QR code paints its own dark and light. */
  readonly colour?: boolean;
  /** Per-connection lines are off (a classroom's default), so the QR code stays on screen. */
  readonly quietLog?: boolean;
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

/** ANSI: bright white on black, then back to the terminal's own colours. */
const lightOnDark = (line: string) => `\x1b[97;40m${line}\x1b[0m`;

/**
 * The join URL as a QR code in half blocks (two modules a character), with the standard's quiet zone of four
 * modules. uqr draws light modules as ink (█), right on a dark terminal and inverted on a light one, which
 * some phone scanners refuse: with colours, every line paints its own black background and white ink, so
 * the code reads the same on any terminal theme.
 */
function qrLines(url: string, colour: boolean): string[] {
  const lines = renderUnicodeCompact(url, { ecc: 'M', border: 4 }).split('\n');
  if (colour) return lines.map(lightOnDark);
  return [
    ...lines,
    "(light on dark: on a light terminal, scan the QR code on the deck's room slide instead)",
  ];
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
    if (!classroom)
      lines.push(
        'visitors on other machines: start with --classroom (npm start -- --classroom) for LAN URLs',
      );
    return lines;
  }
  for (const origin of lanOrigins) {
    lines.push(`  visitors join: ${origin}/`);
    lines.push(
      `  presenter:     ${presenterUrl(origin, presenterToken)}  (drives the room; keep it to yourself)`,
    );
  }
  if (classroom) {
    lines.push(`scan to join ${lanOrigins[0]}/ :`);
    lines.push(...qrLines(`${lanOrigins[0]}/`, facts.colour === true));
    lines.push(...hint);
  }
  if (facts.quietLog)
    lines.push('log: warnings only, so this stays on screen (--log text prints every connection)');
  return lines;
}
