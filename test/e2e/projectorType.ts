import type { Page } from '@playwright/test';

/**
 * What a projector shows of each slide: every visible text node's size in screen pixels (its computed font
 * size times reveal.js's scale; inside an SVG, times the SVG's own scale on screen), and anything clipped
 * or pushed off the slide. Walks every slide and every fragment step in one page, with the slide's live
 * widgets mounted, so the test and `npm run type-report` measure the deck as a presenter shows it.
 */

export type TextSample = { size: number; text: string };

export type StepMeasure = {
  /** The slide's id, with `+N` for the Nth fragment step (`+0`: no fragment shown yet), `+details` with its <details> open. */
  step: string;
  slide: string;
  smallest: TextSample | null;
  median: number;
  /** Text under `minSize`, up to five samples. */
  small: TextSample[];
  /** Things clipped or pushed off the slide. */
  clipped: string[];
  /** The presenter's chrome (toolbar, panel tab, arrows, slide number) over text or a widget. */
  covered: string[];
};

export type MeasureOptions = { minSize: number };

/** Measures every step of every slide of the deck open in `page`. */
export async function measureDeck(page: Page, options: MeasureOptions): Promise<StepMeasure[]> {
  // Run under tsx (npm run type-report), esbuild names functions with a helper the page lacks.
  await page.evaluate('globalThis.__name ??= (target) => target');
  return page.evaluate(async ({ minSize }) => {
    const reveal = window.ws101Reveal;
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const tolerance = 1;
    const short = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 50);
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.classList.length ? `.${[...element.classList].join('.')}` : ''} "${short(element.textContent ?? '')}"`;

    /** Screen pixels per CSS pixel of `element`'s font size. */
    const scaleOf = (element: Element): number => {
      if (element instanceof SVGElement) {
        const svg = element instanceof SVGGraphicsElement ? element : element.closest('svg');
        const matrix = (svg as SVGGraphicsElement | null)?.getScreenCTM();
        if (matrix) return Math.hypot(matrix.a, matrix.b);
      }
      return reveal.getScale();
    };

    /** The rectangle `element` may paint into: the slide, cut by every clipping or scrolling ancestor. */
    const visibleBox = (element: Element, slide: Element, bounds: DOMRect) => {
      let { left, top, right, bottom } = bounds;
      for (let node = element.parentElement; node && node !== slide; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const rect = node.getBoundingClientRect();
        left = Math.max(left, rect.left);
        top = Math.max(top, rect.top);
        right = Math.min(right, rect.right);
        bottom = Math.min(bottom, rect.bottom);
      }
      return { left, top, right, bottom };
    };

    const measureStep = (slide: HTMLElement, step: string) => {
      const bounds = (document.querySelector('.reveal .slides') as HTMLElement).getBoundingClientRect();
      const samples: TextSample[] = [];
      const clipped: string[] = [];
      const textRects: { rect: DOMRect; text: string }[] = [];
      const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        if (!text.trim()) continue;
        const parent = node.parentElement;
        if (!parent || parent.closest('aside.notes, script, style, title, desc')) continue;
        if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
        if (rects.length === 0) continue;
        const box = visibleBox(parent, slide, bounds);
        const shown = rects.filter(
          (rect) =>
            rect.right > box.left && rect.left < box.right && rect.bottom > box.top && rect.top < box.bottom,
        );
        if (shown.length === 0) continue; // scrolled out of its list
        // Clipped: text running past a box that hides its overflow (not a list that scrolls).
        for (let box: HTMLElement | null = parent; box && box !== slide; box = box.parentElement) {
          const style = getComputedStyle(box);
          const hides = (value: string) => value === 'hidden' || value === 'clip';
          if (!hides(style.overflowX) && !hides(style.overflowY)) continue;
          const edge = box.getBoundingClientRect();
          const cut = shown.some(
            (rect) =>
              (hides(style.overflowX) &&
                (rect.left < edge.left - tolerance || rect.right > edge.right + tolerance)) ||
              // A glyph box may poke a little past its line box: only a quarter of a line counts as cut.
              (hides(style.overflowY) &&
                (rect.top < edge.top - rect.height / 4 || rect.bottom > edge.bottom + rect.height / 4)),
          );
          if (cut) {
            clipped.push(`cut off by ${describe(box).split(' ')[0]}: "${short(text)}"`);
            break;
          }
        }
        const zoom = (parent as { currentCSSZoom?: number }).currentCSSZoom ?? 1;
        const size = Number.parseFloat(getComputedStyle(parent).fontSize) * zoom * scaleOf(parent);
        samples.push({ size: Math.round(size * 10) / 10, text: short(text) });
        for (const rect of shown) textRects.push({ rect, text: `"${short(text)}"` });
      }
      // Pushed off the slide: any element poking out (inside a scrolling box, only the box counts).
      const firstOutside = (element: Element): Element | null => {
        if (element.matches('aside.notes')) return null;
        const rect = element.getBoundingClientRect();
        const out =
          rect.left < bounds.left - tolerance ||
          rect.top < bounds.top - tolerance ||
          rect.right > bounds.right + tolerance ||
          rect.bottom > bounds.bottom + tolerance;
        if ((rect.width > 0 || rect.height > 0) && out) return element;
        const style = getComputedStyle(element);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') return null;
        for (const child of element.children) {
          const found = firstOutside(child);
          if (found) return found;
        }
        return null;
      };
      for (const child of slide.children) {
        const element = firstOutside(child);
        if (element) clipped.push(`off the slide: ${describe(element)}`);
      }
      // The chrome floats over the slides: it must cover neither text nor a widget.
      const chrome = [
        ...document.querySelectorAll<HTMLElement>(
          '.deck-toolbar button, .ws-side-tab, .reveal .controls button, .reveal .slide-number',
        ),
      ].filter((element) => element.checkVisibility({ opacityProperty: true, visibilityProperty: true }));
      const overlaps = (a: DOMRect, b: DOMRect) =>
        a.left < b.right - tolerance &&
        b.left < a.right - tolerance &&
        a.top < b.bottom - tolerance &&
        b.top < a.bottom - tolerance;
      const covered: string[] = [];
      const widgets = [...slide.querySelectorAll('[data-widget]')].filter((element) =>
        element.checkVisibility(),
      );
      for (const piece of chrome) {
        const rect = piece.getBoundingClientRect();
        const hit =
          textRects.find((text) => overlaps(rect, text.rect)) ??
          widgets
            .map((w) => ({ rect: w.getBoundingClientRect(), text: describe(w) }))
            .find((w) => overlaps(rect, w.rect));
        if (hit) covered.push(`${describe(piece)} covers ${hit.text}`);
      }
      const sizes = samples.map((sample) => sample.size).sort((a, b) => a - b);
      const middle = sizes.length >> 1;
      const median =
        sizes.length === 0
          ? 0
          : sizes.length % 2
            ? sizes[middle]!
            : (sizes[middle - 1]! + sizes[middle]!) / 2;
      const smallest = samples.reduce<TextSample | null>(
        (low, s) => (!low || s.size < low.size ? s : low),
        null,
      );
      return {
        step,
        slide: slide.id,
        smallest,
        median: Math.round(median * 10) / 10,
        small: samples.filter((sample) => sample.size < minSize).slice(0, 5),
        clipped,
        covered,
      };
    };

    // Live widgets measured with something in them: one echoed message in the page's session.
    const session = (window as { ws101Session?: { status: { phase: string }; send(text: string): void } })
      .ws101Session;
    for (let i = 0; i < 100 && session && session.status.phase !== 'live'; i++) await sleep(50);
    if (session?.status.phase === 'live') {
      session.send('Hello');
      await sleep(300);
    }
    const results = [];
    for (const slide of reveal.getSlides()) {
      const { h, v } = reveal.getIndices(slide);
      reveal.slide(h, v, -1);
      if (slide.querySelector('[data-widget]')) {
        for (let i = 0; i < 100 && slide.querySelector('[data-widget-state="loading"]'); i++) await sleep(50);
        await sleep(250); // a widget's first render
      }
      const steps = new Set(
        [...slide.querySelectorAll<HTMLElement>('.fragment')]
          .map((fragment) => Number(fragment.dataset.fragmentIndex))
          .filter((index) => Number.isFinite(index)),
      );
      const fragmentSteps = [-1, ...[...steps].sort((a, b) => a - b)];
      for (const [n, f] of fragmentSteps.entries()) {
        reveal.slide(h, v, f);
        await frame();
        results.push(measureStep(slide, `${slide.id}+${n}`));
      }
      // What a click shows must read too: every closed <details> opened, measured, closed again.
      const closed = [...slide.querySelectorAll('details:not([open])')].filter((d) => d.checkVisibility());
      if (closed.length > 0) {
        for (const details of closed) details.setAttribute('open', '');
        await frame();
        results.push(measureStep(slide, `${slide.id}+details`));
        for (const details of closed) details.removeAttribute('open');
      }
    }
    return results;
  }, options);
}

/** One line per slide: its smallest and median text over all its steps. */
export function perSlide(steps: StepMeasure[]): Map<string, { smallest: TextSample | null; median: number }> {
  const slides = new Map<string, { smallest: TextSample | null; median: number }>();
  for (const step of steps) {
    const seen = slides.get(step.slide);
    if (!seen) {
      slides.set(step.slide, { smallest: step.smallest, median: step.median });
      continue;
    }
    if (step.smallest && (!seen.smallest || step.smallest.size < seen.smallest.size))
      seen.smallest = step.smallest;
    seen.median = Math.min(seen.median, step.median);
  }
  return slides;
}
