/**
 * Where the page's server is. The live deck is served by its server, so it is the page's own origin. The
 * static site (`npm run build:static`, `import.meta.env.MODE === 'static'`) has none: its widgets replay
 * recordings until a visitor names a server, by `?server=wss://…` or the field on the title slide.
 */
export const staticSite: boolean = import.meta.env.MODE === 'static';

const serverKey = 'ws101.server';

/** `wss://host:port` from what a visitor typed (`ws:`, `wss:`, or the server's `http(s):` page), or null. */
export function serverOrigin(given: string): string | null {
  let url: URL;
  try {
    url = new URL(given.trim());
  } catch {
    return null;
  }
  const scheme = { 'ws:': 'ws:', 'wss:': 'wss:', 'http:': 'ws:', 'https:': 'wss:' }[url.protocol];
  return scheme && url.host ? `${scheme}//${url.host}` : null;
}

/** The server a static deck was pointed at (`?server=`, kept for this tab's reloads), or null. */
export function chosenServer(): string | null {
  if (typeof location === 'undefined') return null;
  const given = new URL(location.href).searchParams.get('server');
  let kept: string | null = null;
  try {
    if (given) sessionStorage.setItem(serverKey, given);
    kept = sessionStorage.getItem(serverKey);
  } catch {
    // No storage: only the address says.
  }
  const chosen = given ?? kept;
  return chosen ? serverOrigin(chosen) : null;
}

/** The static site with no server named: live widgets replay recordings, the room and chat are hidden. */
export function replayingOnly(): boolean {
  return staticSite && chosenServer() === null;
}
