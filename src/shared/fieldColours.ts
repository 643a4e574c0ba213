import type { Bilingual, FieldKind } from '../protocol/index.ts';

export type FieldStyle = {
  readonly kind: FieldKind;
  /** Okabe–Ito, a palette that stays distinct under the common colour-vision deficiencies. */
  readonly colour: string;
  /** Text colour that meets WCAG AA on `colour`. */
  readonly ink: string;
  readonly label: Bilingual;
};

/** The one source of truth for field colours and names: the grid, the panel, the terminal and the CLI use it. */
export const fieldStyles: Readonly<Record<FieldKind, FieldStyle>> = {
  fin: { kind: 'fin', colour: '#D55E00', ink: '#000000', label: { en: 'FIN', zh: 'FIN 结束位' } },
  rsv: { kind: 'rsv', colour: '#CC79A7', ink: '#000000', label: { en: 'RSV', zh: 'RSV 保留位' } },
  opcode: { kind: 'opcode', colour: '#0072B2', ink: '#FFFFFF', label: { en: 'opcode', zh: '操作码' } },
  mask: { kind: 'mask', colour: '#E69F00', ink: '#000000', label: { en: 'MASK', zh: 'MASK 掩码位' } },
  length: { kind: 'length', colour: '#009E73', ink: '#000000', label: { en: 'Payload len', zh: '负载长度' } },
  'extended-length': {
    kind: 'extended-length',
    colour: '#56B4E9',
    ink: '#000000',
    label: { en: 'Extended payload length', zh: '扩展负载长度' },
  },
  'masking-key': {
    kind: 'masking-key',
    colour: '#F0E442',
    ink: '#000000',
    label: { en: 'Masking-key', zh: '掩码键' },
  },
  payload: {
    kind: 'payload',
    colour: '#BBBBBB',
    ink: '#000000',
    label: { en: 'Payload Data', zh: '负载数据' },
  },
};

/**
 * The field colours live once, here (the CLI and the terminal use them too). The page
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
