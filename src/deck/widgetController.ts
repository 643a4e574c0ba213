import type { Language } from '../protocol/i18n.ts';
import { isWidgetName, type WidgetInstance, widgets } from '../widgets/registry.ts';

type Mounted = { host: HTMLElement; instance: WidgetInstance | null; cancelled: boolean };

/**
 * Mounts the live widgets of the current slide and unmounts them when the slide is left, so only what is
 * on screen holds sockets, timers and listeners. A placeholder keeps its static example (which is also what
 * prints) until its widget has mounted, and gets it back on unmount.
 */
export class WidgetController {
  private readonly mounted = new Map<HTMLElement, Mounted>();

  constructor(private readonly live: boolean) {}

  /** Make the mounted set equal the placeholders of `slide` (null: unmount everything). */
  show(slide: HTMLElement | null, lang: Language): void {
    const wanted = new Set(slide && this.live ? slide.querySelectorAll<HTMLElement>('[data-widget]') : []);
    for (const placeholder of [...this.mounted.keys()]) {
      if (!wanted.has(placeholder)) this.unmount(placeholder);
    }
    for (const placeholder of wanted) {
      if (!this.mounted.has(placeholder) && slide) void this.mount(placeholder, slide, lang);
    }
  }

  unmountAll(): void {
    for (const placeholder of [...this.mounted.keys()]) this.unmount(placeholder);
  }

  private async mount(placeholder: HTMLElement, slide: HTMLElement, lang: Language): Promise<void> {
    const name = placeholder.dataset.widget ?? '';
    const load = isWidgetName(name) ? widgets[name] : undefined;
    if (!load) return;
    const host = document.createElement('div');
    host.className = 'widget-host';
    const entry: Mounted = { host, instance: null, cancelled: false };
    this.mounted.set(placeholder, entry);
    try {
      const mountWidget = await load();
      if (entry.cancelled) return;
      placeholder.append(host);
      const instance = await mountWidget(host, { lang, options: placeholder.dataset, slide });
      if (entry.cancelled) {
        instance.destroy();
        return;
      }
      entry.instance = instance;
      placeholder.classList.add('widget-live');
    } catch (error) {
      console.error(`widget "${name}" failed to mount`, error);
      this.unmount(placeholder);
    }
  }

  private unmount(placeholder: HTMLElement): void {
    const entry = this.mounted.get(placeholder);
    if (!entry) return;
    this.mounted.delete(placeholder);
    entry.cancelled = true;
    try {
      entry.instance?.destroy();
    } finally {
      entry.host.remove();
      placeholder.classList.remove('widget-live');
    }
  }
}
