import { type FieldKind, fieldStyles } from '../protocol/fields.ts';

/**
 * The field colours live once, in `src/protocol/fields.ts` (the CLI and the terminal use them too). The page
 * gets them as CSS custom properties, `--field-<kind>` and `--field-<kind>-ink`, which `fields.css` and every
 * widget use.
 */
export function fieldColourCss(): string {
  const lines = (Object.keys(fieldStyles) as FieldKind[]).map((kind) => {
    const style = fieldStyles[kind];
    return `  --field-${kind}: ${style.colour};\n  --field-${kind}-ink: ${style.ink};`;
  });
  return `:root {\n${lines.join('\n')}\n}\n`;
}

export function installFieldColours(doc: Document): void {
  const style = doc.createElement('style');
  style.dataset.source = 'src/protocol/fields.ts';
  style.textContent = fieldColourCss();
  doc.head.prepend(style);
}
