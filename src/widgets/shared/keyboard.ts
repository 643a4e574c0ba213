/**
 * Typing or clicking in a widget never drives the deck: reveal.js listens for keys on the document, so key
 * events stop at the widget's root. Esc leaves the widget: focus goes back to the page, and reveal.js has
 * the keyboard again (the Esc itself does not open reveal's overview).
 *
 * `deckKeys` are keys that always belong to the deck, even with the widget focused (a presenter's clicker
 * sends PageDown/PageUp and has no Esc): they leave the widget and go on to reveal.js, which ignores keys
 * while a text field has focus, hence the blur first.
 */
export function isolateKeys(
  root: HTMLElement,
  onEscape?: () => void,
  deckKeys: readonly string[] = [],
): () => void {
  const leave = () => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && root.contains(active)) active.blur();
  };
  const stop = (event: KeyboardEvent) => {
    if (deckKeys.includes(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey) {
      if (event.type === 'keydown') leave();
      return;
    }
    if (event.type === 'keydown' && event.key === 'Escape') {
      leave();
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
