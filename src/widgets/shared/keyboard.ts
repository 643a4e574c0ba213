/**
 * Typing or clicking in a widget never drives the deck: reveal.js listens for keys on the document, so key
 * events stop at the widget's root. Esc leaves the widget: focus goes back to the page, and reveal.js has
 * the keyboard again (the Esc itself does not open reveal's overview).
 */
export function isolateKeys(root: HTMLElement, onEscape?: () => void): () => void {
  const stop = (event: KeyboardEvent) => {
    if (event.type === 'keydown' && event.key === 'Escape') {
      const active = document.activeElement;
      if (active instanceof HTMLElement && root.contains(active)) active.blur();
      onEscape?.();
    }
    event.stopPropagation();
  };
  const types = ['keydown', 'keyup', 'keypress'] as const;
  for (const type of types) root.addEventListener(type, stop);
  return () => {
    for (const type of types) root.removeEventListener(type, stop);
  };
}

/** True when the event comes from somewhere the user types (so global single-key shortcuts stay quiet). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}
