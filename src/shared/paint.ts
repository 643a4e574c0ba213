import type { FieldKind } from '../protocol/index.ts';
import { fieldStyles } from './fieldColours.ts';

/** ANSI styling that is a no-op when colour is off, so render code never branches on it. */
export type Paint = {
  field(kind: FieldKind, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  error(text: string): string;
  ok(text: string): string;
};

function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `${(n >> 16) & 255};${(n >> 8) & 255};${n & 255}`;
}

export function paint(enabled: boolean): Paint {
  const wrap = (open: string, text: string) => (enabled ? `\x1b[${open}m${text}\x1b[0m` : text);
  return {
    field: (kind, text) => wrap(`38;2;${rgb(fieldStyles[kind].colour)}`, text),
    bold: (text) => wrap('1', text),
    dim: (text) => wrap('2', text),
    error: (text) => wrap('31;1', text),
    ok: (text) => wrap('32', text),
  };
}
