import type { WidgetInstance } from '../widget.ts';
import { isolateKeys } from './keyboard.ts';

/**
 * Puts a widget's root in its host with the keyboard kept inside (typing never drives the deck), and gives
 * the `destroy` that undoes it: keys released, the widget's own `cleanup`, the root removed.
 */
export function mountRoot(host: HTMLElement, root: HTMLElement, cleanup?: () => void): WidgetInstance {
  host.append(root);
  const release = isolateKeys(root);
  return {
    destroy() {
      release();
      cleanup?.();
      root.remove();
    },
  };
}
