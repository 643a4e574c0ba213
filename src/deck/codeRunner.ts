import type { Language } from '../protocol/index.ts';
import { t } from './strings.ts';

/**
 * Runs the code shown on a slide, as shown, in the page: `<div data-runnable>` holding a `<pre><code>` and
 * an `<output class="runner-console">` (whose static content is a captured run, for print). The code's
 * `console.log` writes to the slide, and every WebSocket it opens is closed on "Close", on re-run and when
 * the slide is left: the code is the seed's, so it opens its own socket on purpose.
 */
export class CodeRunner {
  private readonly sockets: WebSocket[] = [];

  constructor(
    private readonly block: HTMLElement,
    private readonly lang: Language,
  ) {
    const bar = document.createElement('div');
    bar.className = 'runner-bar';
    bar.append(this.button(t(lang, 'run'), 'runner-run', () => this.run()));
    bar.append(this.button(t(lang, 'stop'), 'runner-stop', () => this.stop()));
    block.append(bar);
  }

  private get output(): HTMLElement {
    return this.block.querySelector<HTMLElement>('.runner-console')!;
  }

  private button(label: string, className: string, onClick: () => void): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = className;
    button.textContent = label;
    button.addEventListener('click', onClick);
    return button;
  }

  run(): void {
    this.stop();
    this.output.replaceChildren();
    this.output.classList.add('runner-live');
    if (window.location.protocol === 'file:') {
      this.print('error', [t(this.lang, 'consoleNoServer')]);
      return;
    }
    const code = this.block.querySelector('code')?.textContent ?? '';
    const sockets = this.sockets;
    // The slide's code sees these in place of the globals it names.
    class SlideWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    }
    const slideConsole = {
      log: (...values: unknown[]) => this.print('log', values),
      error: (...values: unknown[]) => this.print('error', values),
    };
    try {
      // The code is the slide's own text, not user input: running it as written is the point of the slide.
      new Function('console', 'WebSocket', code)(slideConsole, SlideWebSocket);
    } catch (error) {
      this.print('error', [error]);
    }
  }

  stop(): void {
    for (const socket of this.sockets.splice(0)) socket.close(1000, 'slide closed');
  }

  private print(level: 'log' | 'error', values: unknown[]): void {
    const line = document.createElement('div');
    line.className = `runner-line runner-${level}`;
    line.textContent = values.map(formatValue).join(' ');
    this.output.append(line);
    this.output.scrollTop = this.output.scrollHeight;
  }

  isOn(slide: HTMLElement | null): boolean {
    return slide?.contains(this.block) ?? false;
  }

  destroy(): void {
    this.stop();
  }
}

/** What DevTools would print, briefly: events by their type, since an Event has no useful toString. */
function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof CloseEvent)
    return `CloseEvent {code: ${value.code}, reason: "${value.reason}", wasClean: ${value.wasClean}}`;
  if (value instanceof MessageEvent) return `MessageEvent {data: ${JSON.stringify(value.data)}}`;
  if (value instanceof Event) return `Event {type: "${value.type}"}`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return JSON.stringify(value) ?? String(value);
}
