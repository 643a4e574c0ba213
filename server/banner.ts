import { renderUnicodeCompact } from 'uqr';

export type BannerFacts = {
  /** Where this machine itself opens the deck (loopback when listening on every interface). */
  readonly localUrl: string;
  /** The LAN origins students can reach (empty unless listening on every interface). */
  readonly lanOrigins: readonly string[];
  readonly presenterToken: string;
  /** `--classroom`: the join URL as a QR code too, to show before the deck is up. */
  readonly classroom: boolean;
};

const presenterUrl = (origin: string, token: string) => `${origin}/?presenter=${encodeURIComponent(token)}`;

/**
 * What the server prints at start: where to open the deck, the presenter's URL (the deck opened with it
 * drives the room and sees every connection), and, for a classroom, each LAN address's join URL and
 * presenter URL, and the first join URL as a QR code drawn in the terminal (no web service involved).
 */
export function bannerLines(facts: BannerFacts): string[] {
  const { localUrl, lanOrigins, presenterToken, classroom } = facts;
  const lines = [`ws101 listening on ${localUrl}`];
  if (lanOrigins.length === 0) {
    if (classroom) lines.push('no network address found: students cannot reach this machine');
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
  }
  return lines;
}
