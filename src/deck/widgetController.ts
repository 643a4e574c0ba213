import type { Language } from '../protocol/index.ts';
import { replayingOnly } from '../session/serverChoice.ts';
import { pageWidgets, widgets } from '../widgets/registry.ts';
import { isWidgetName, type WidgetInstance, type WidgetMount, type WidgetName } from '../widgets/widget.ts';

type Mounted = { host: HTMLElement; instance: WidgetInstance | null; cancelled: boolean };

/**
 * Each placeholder says where it is in `data-widget-state`: `static` (showing its example), `loading`,
 * `live` or `failed` (mounting threw; the example stays).
 *
 * Mounts the live widgets of the current slide and unmounts them when the slide is left, so only what is
 * on screen holds sockets, timers and listeners. A placeholder keeps its static example (which is also what
 * prints) until its widget has mounted, and gets it back on unmount.
 */
export class WidgetController {
  private readonly mounted = new Map<HTMLElement, Mounted>();
  private readonly pageMounted: Mounted[] = [];

  constructor(private readonly live: boolean) {}

  /** (Re)mount the page widgets, which stay on screen whatever the slide. */
  showPageWidgets(root: HTMLElement, lang: Language): void {
    for (const entry of this.pageMounted.splice(0)) {
      entry.cancelled = true;
      entry.instance?.destroy();
      entry.host.remove();
    }
    // The static site with no server: the event panel would only say so; the room it holds is hidden.
    if (!this.live || replayingOnly()) return;
    for (const [name, load] of Object.entries(pageWidgets)) {
      const host = document.createElement('div');
      host.className = 'page-widget';
      host.dataset.pageWidget = name;
      const entry: Mounted = { host, instance: null, cancelled: false };
      this.pageMounted.push(entry);
      document.body.append(host);
      void load()
        .then((mountWidget) =>
          entry.cancelled ? null : mountWidget(host, { lang, options: {}, slide: root }),
        )
        .then((instance) => {
          if (!instance) return;
          if (entry.cancelled) instance.destroy();
          else entry.instance = instance;
        })
        .catch((error: unknown) => console.error(`page widget "${name}" failed to mount`, error));
    }
  }

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
    const load = isWidgetName(name) ? this.loader(name, placeholder) : undefined;
    if (!load) {
      placeholder.dataset.widgetState = 'static';
      return;
    }
    placeholder.dataset.widgetState = 'loading';
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
      placeholder.dataset.widgetState = 'live';
    } catch (error) {
      console.error(`widget "${name}" failed to mount`, error);
      this.unmount(placeholder);
      placeholder.dataset.widgetState = 'failed';
    }
  }

  /** The live widget's code; in the static site with no server, a recorded session or a note instead. */
  private loader(name: WidgetName, placeholder: HTMLElement): (() => Promise<WidgetMount>) | undefined {
    const live = widgets[name];
    if (import.meta.env.MODE !== 'static' || !replayingOnly()) return live;
    return () =>
      import('../widgets/recorded/staticWidgets.ts').then(
        ({ staticMount }) => staticMount(name, placeholder) ?? live?.() ?? Promise.reject(),
      ) as Promise<WidgetMount>;
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
      placeholder.dataset.widgetState = 'static';
    }
  }
}
