import { concatBytes as concatAll } from '../../src/protocol/index.ts';

export function hexBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-f]/gi, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The core's concatBytes, spread: tests read better as concatBytes(a, b, c). */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return concatAll(parts);
}

export function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
