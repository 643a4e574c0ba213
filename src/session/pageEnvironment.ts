import { toHex } from '../protocol/index.ts';
import { chosenServer, staticSite } from './serverChoice.ts';

/** What the session needs of the page it runs in, each with an answer where the page has none. */

/** Tells this tab's sockets from the same session's other tabs (said in `hello`, carried by its tickets). */
export function randomTabId(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return toHex(bytes);
}

/** The server is the page's own origin; a file: URL has none, the static site the one a visitor named. */
export function pageServerUrl(): string | null {
  if (typeof location === 'undefined') return null;
  if (staticSite) return chosenServer();
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

/** base64 → bytes without a detour through a string per byte where the platform has the fast path. */
export function base64ToBytes(data: string): Uint8Array {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (fromBase64) return fromBase64(data);
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
