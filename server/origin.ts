import type { IncomingMessage } from 'node:http';

/**
 * Cross-site WebSocket hijacking (RFC 6455 §10.2): a browser sends Origin and lets any page open a
 * socket, so the server must refuse foreign origins. Same origin means the Origin's host:port is the
 * Host the request was sent to. A client without Origin is not a browser (curl, the CLI, the lab's raw
 * client) and cannot be abused this way, so it is let in.
 */
export function isOriginAllowed(req: IncomingMessage, allowOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowOrigins.includes('*') || allowOrigins.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = req.headers.host?.toLowerCase();
  return host !== undefined && url.host.toLowerCase() === host;
}
