/** Where the suite connects: parsed once from the user's ws:// or wss:// URL. */
export type Target = {
  readonly url: string;
  readonly secure: boolean;
  readonly host: string;
  readonly port: number;
  /** Path and query, as the request line carries them. */
  readonly path: string;
  /** wss:// only: accept a certificate that does not verify (a self-signed test server). */
  readonly insecure?: boolean;
  /**
   * Each connection's own path, asked for just before it is dialled, when connections may not share one:
   * the deck's runs put a single-use ticket in each (server/conform/conformRuns.ts). Else `path`.
   * `offersExtensions`: the connection offers permessage-deflate (12.x/13.x), which an endpoint may
   * serve on a path of its own.
   */
  readonly pathForConnection?: (connection: { readonly offersExtensions: boolean }) => string;
  /**
   * Subprotocols offered in Sec-WebSocket-Protocol (§4.1), for a server that admits only clients that
   * offer one (WebSocket-Node's echo wants `echo-protocol`). The server must pick one of these or none.
   */
  readonly protocols?: readonly string[];
};

export function parseTarget(text: string): Target | { error: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `'${text}' is not a URL (try ws://127.0.0.1:3000/echo)` };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return { error: `'${text}' is not a ws:// or wss:// URL` };
  }
  if (url.hash) return { error: 'a WebSocket URL has no #fragment (RFC 6455 §3)' };
  const secure = url.protocol === 'wss:';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return {
    url: url.href,
    secure,
    host,
    port: url.port ? Number(url.port) : secure ? 443 : 80,
    path: `${url.pathname || '/'}${url.search}`,
  };
}
