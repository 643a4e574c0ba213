import type { IncomingMessage } from 'node:http';

/**
 * Cross-site WebSocket hijacking (RFC 6455 §10.2): a browser sends Origin and lets any page open a
 * socket, so the server must refuse foreign origins. Same origin means the Origin's scheme is ours
 * (an https page is not the same origin as an http server) and its host:port is the Host the request
 * was sent to (a Host that the allow-list checked: see hostAllowList.ts). A client without Origin is not
 * a browser (curl, the CLI, the lab's raw client) and cannot be abused this way, so it is let in.
 */
export function isOriginAllowed(
  req: IncomingMessage,
  allowOrigins: readonly string[],
  scheme: 'http:' | 'https:' = 'http:',
): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowOrigins.includes('*') || allowOrigins.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== scheme) return false;
  const host = req.headers.host?.toLowerCase();
  return host !== undefined && url.host.toLowerCase() === host;
}
