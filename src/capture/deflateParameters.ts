import { type HttpMessage, headerValue } from '../protocol/index.ts';

/** What the 101 response agreed for permessage-deflate (RFC 7692 §7.1). */
export type DeflateParameters = {
  readonly serverNoContextTakeover: boolean;
  readonly clientNoContextTakeover: boolean;
  readonly serverMaxWindowBits: number | null;
  readonly clientMaxWindowBits: number | null;
};

/** The permessage-deflate the server accepted in its 101, or null when it accepted none. */
export function negotiatedDeflate(response: HttpMessage): DeflateParameters | null {
  const value = headerValue(response, 'sec-websocket-extensions');
  if (!value) return null;
  // The server answers with exactly one configuration per extension it accepted (RFC 7692 §5).
  for (const offer of value.split(',')) {
    const [name, ...parameters] = offer.split(';').map((part) => part.trim());
    if (name?.toLowerCase() !== 'permessage-deflate') continue;
    const found = new Map<string, string | null>();
    for (const parameter of parameters) {
      const [key, raw] = parameter.split('=').map((part) => part.trim());
      if (key) found.set(key.toLowerCase(), raw === undefined ? null : raw.replace(/^"|"$/g, ''));
    }
    const bits = (key: string) => {
      const raw = found.get(key);
      return raw === undefined || raw === null ? null : Number(raw);
    };
    return {
      serverNoContextTakeover: found.has('server_no_context_takeover'),
      clientNoContextTakeover: found.has('client_no_context_takeover'),
      serverMaxWindowBits: bits('server_max_window_bits'),
      clientMaxWindowBits: bits('client_max_window_bits'),
    };
  }
  return null;
}
