import { fieldColourCss } from '../shared/fieldColours.ts';

/** The field colours as CSS custom properties at the top of the page's head. */
export function installFieldColours(doc: Document): void {
  const style = doc.createElement('style');
  style.dataset.source = 'src/shared/fieldColours.ts';
  style.textContent = fieldColourCss();
  doc.head.prepend(style);
}
