/**
 * The deck keeps its choices in the address (`?lang=`, `?theme=`) next to reveal.js's slide hash, so a
 * reload or a shared link opens the same deck the same way.
 */
export function writeSearchParam(name: string, value: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set(name, value);
  window.history.replaceState(window.history.state, '', url);
}
