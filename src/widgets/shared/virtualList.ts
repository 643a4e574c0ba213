/**
 * A list that draws only the rows in view (fixed row height), so thousands of frames, or the 65,536 rows of a
 * 1 MiB hex dump, cost what a screenful costs.
 */
/** What a list draws: a length and a way to get row `index`, so a ring buffer needs no copy per frame. */
export type ListSource<T> = { readonly length: number; at(index: number): T };

export function arraySource<T>(items: readonly T[]): ListSource<T> {
  return { length: items.length, at: (index) => items[index]! };
}

/**
 * Browsers cap an element's height (Firefox near 17.9 million px, Chromium near 33.5 million): past this
 * the list's scroll range is compressed, so the millionth frame of a capture can still be scrolled to.
 */
const tallestSpacerPx = 8_000_000;

export class VirtualList<T> {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private items: ListSource<T> = arraySource([]);
  private drawn = new Map<number, HTMLElement>();
  private frame = 0;
  // Kept here rather than read back from the DOM, so drawing under a flood never forces a layout.
  private viewHeight = 0;
  private scrollTop = 0;
  private readonly resize: ResizeObserver;

  private pool: HTMLElement[] = [];

  /**
   * `renderRow` makes a row; with `updateRow`, rows that scroll out are kept and filled again with another
   * item instead of being made anew (under a flood every visible row changes every frame).
   */
  constructor(
    private readonly rowHeight: number,
    private readonly renderRow: (item: T, index: number) => HTMLElement,
    attributes: { class: string; role?: string; label?: string },
    private readonly updateRow?: (row: HTMLElement, item: T, index: number) => void,
  ) {
    this.element = document.createElement('div');
    this.element.className = `ws-vlist ${attributes.class}`;
    if (attributes.role) this.element.setAttribute('role', attributes.role);
    if (attributes.label) this.element.setAttribute('aria-label', attributes.label);
    this.spacer = document.createElement('div');
    this.spacer.className = 'ws-vlist-spacer';
    this.element.append(this.spacer);
    this.element.addEventListener(
      'scroll',
      () => {
        this.scrollTop = this.element.scrollTop;
        this.schedule();
      },
      { passive: true },
    );
    this.resize = new ResizeObserver(() => {
      this.viewHeight = this.element.clientHeight;
      this.schedule();
    });
    this.resize.observe(this.element);
  }

  get length(): number {
    return this.items.length;
  }

  /** New items; rows are redrawn (all of the visible ones when `redraw`, else only new indexes). */
  setItems(items: ListSource<T> | readonly T[], redraw = true): void {
    this.items = Array.isArray(items) ? arraySource(items as readonly T[]) : (items as ListSource<T>);
    this.spacer.style.height = `${Math.min(items.length * this.rowHeight, tallestSpacerPx)}px`;
    if (redraw) this.clearRows();
    this.draw();
  }

  /** Redraws the visible rows (after a selection change, for example). */
  refresh(): void {
    this.clearRows();
    this.draw();
  }

  /**
   * List pixels per scrolled pixel: 1, unless the list is taller than the spacer may be; then the scroll range
   * maps linearly onto the whole list and each row is placed relative to the scroll position.
   */
  private get ratio(): number {
    const total = this.items.length * this.rowHeight;
    const view = this.viewHeight || 600;
    return total > tallestSpacerPx && tallestSpacerPx > view ? (total - view) / (tallestSpacerPx - view) : 1;
  }

  scrollToEnd(): void {
    const end = Math.max(0, (this.items.length * this.rowHeight - this.viewHeight) / this.ratio);
    if (end !== this.scrollTop) {
      this.scrollTop = end;
      this.element.scrollTop = end;
    }
    this.draw();
  }

  /** Scrolls the least needed to show row `index`. */
  reveal(index: number): void {
    const top = index * this.rowHeight;
    const ratio = this.ratio;
    const shownTop = this.scrollTop * ratio;
    if (top < shownTop) this.scrollTop = top / ratio;
    else if (top + this.rowHeight > shownTop + this.viewHeight) {
      this.scrollTop = (top + this.rowHeight - this.viewHeight) / ratio;
    }
    this.element.scrollTop = this.scrollTop;
    this.draw();
  }

  get atEnd(): boolean {
    return (
      this.scrollTop * this.ratio + this.viewHeight >= this.items.length * this.rowHeight - this.rowHeight
    );
  }

  rowElement(index: number): HTMLElement | undefined {
    return this.drawn.get(index);
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.resize.disconnect();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private clearRows(): void {
    for (const row of this.drawn.values()) this.release(row);
    this.drawn.clear();
  }

  private release(row: HTMLElement): void {
    if (this.updateRow) {
      row.hidden = true;
      this.pool.push(row);
    } else row.remove();
  }

  private draw(): void {
    const view = this.element;
    // Before the first layout the height is unknown: draw a screenful anyway so something is there.
    const height = this.viewHeight || 600;
    const ratio = this.ratio;
    const shownTop = this.scrollTop * ratio;
    // Compressed, rows sit relative to the scroll position, so every drawn row moves on each draw.
    const shift = ratio === 1 ? 0 : this.scrollTop - shownTop;
    const first = Math.max(0, Math.floor(shownTop / this.rowHeight) - 4);
    const last = Math.min(this.items.length, Math.ceil((shownTop + height) / this.rowHeight) + 4);
    for (const [index, row] of this.drawn) {
      if (index < first || index >= last) {
        this.release(row);
        this.drawn.delete(index);
      }
    }
    for (let index = first; index < last; index++) {
      const drawn = this.drawn.get(index);
      if (drawn) {
        if (shift !== 0) drawn.style.transform = `translateY(${index * this.rowHeight + shift}px)`;
        continue;
      }
      const pooled = this.updateRow ? this.pool.pop() : undefined;
      let row: HTMLElement;
      if (pooled) {
        row = pooled;
        this.updateRow!(row, this.items.at(index), index);
        row.hidden = false;
      } else {
        row = this.renderRow(this.items.at(index), index);
        row.style.position = 'absolute';
        row.style.top = '0';
        row.style.height = `${this.rowHeight}px`;
        row.style.left = '0';
        row.style.right = '0';
        view.append(row);
      }
      row.style.transform = `translateY(${index * this.rowHeight + shift}px)`;
      this.drawn.set(index, row);
    }
  }
}
