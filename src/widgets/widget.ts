import type { Language } from '../protocol/index.ts';

/**
 * The contract between the deck and the live widgets.
 *
 * A slide holds a placeholder, `<div data-widget="frame-inspector">…static example…</div>`. When that slide
 * becomes current, the deck creates an empty host element inside the placeholder, hides the static example
 * and calls the widget's mount function with the host. When the slide is left (or the language changes, or
 * the deck prints) the deck calls `destroy()`, removes the host and shows the static example again.
 * A widget owns its host element and nothing else. It must not create `<section>` elements: reveal.js
 * takes every `section` under `.slides` for a slide, so the numbering goes wrong and a slide holding one
 * turns into a vertical stack. Use `div`/`article` instead.
 */
export type WidgetInstance = { destroy(): void };

export type WidgetContext = {
  /** The deck's language when mounting; a language switch destroys and mounts again. */
  readonly lang: Language;
  /** The placeholder's data attributes (`data-widget-*` options written in the slide); empty for page widgets. */
  readonly options: DOMStringMap;
  /** The `<section>` the placeholder sits in; for a page widget, the `.reveal` element. */
  readonly slide: HTMLElement;
};

export type WidgetMount = (
  host: HTMLElement,
  context: WidgetContext,
) => WidgetInstance | Promise<WidgetInstance>;

/** The placeholder names the slides use. */
export const widgetNames = [
  'handshake',
  'accept-key',
  'frame-inspector',
  'event-panel',
  'composer',
  'lab',
  'terminal',
  'chat',
  'library-compare',
  'seed-server',
  'room-frame',
  'exercise',
  'conform',
] as const;

export type WidgetName = (typeof widgetNames)[number];

export function isWidgetName(name: string): name is WidgetName {
  return (widgetNames as readonly string[]).includes(name);
}
