import { toHex } from '../protocol/hex.ts';

/** What the session needs of the page it runs in, each with an answer where the page has none. */

/** Tells this tab's echo sockets from the same session's other tabs (`&tab=` in the socket URL). */
export function randomTabId(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return toHex(bytes);
}

/** The server is the page's own origin; a file: URL or a static host has none. */
export function pageServerUrl(): string | null {
  if (typeof location === 'undefined') return null;
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return null;
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
}

/** sessionStorage, where the browser allows it (not in some private modes or sandboxed frames). */
export function safeSessionStorage(): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
