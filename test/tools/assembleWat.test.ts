import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskSimdModuleBytes } from '../../src/protocol/maskSimdBytes.ts';
import { assembleWat, bytesModuleText, maskSimdBytesModule, maskSimdWat } from '../../tools/assembleWat.ts';

describe('the shipped WebAssembly is the .wat beside it, assembled', () => {
  it('maskSimdBytes.ts holds exactly what wabt assembles maskSimd.wat to (else: npm run build:wasm)', async () => {
    const assembled = await assembleWat(maskSimdWat);
    expect(Array.from(maskSimdModuleBytes)).toEqual(Array.from(assembled));
    expect(readFileSync(maskSimdBytesModule, 'utf8')).toBe(bytesModuleText(assembled));
  });

  it('the module exports its memory and the one function mask.ts calls', () => {
    const module = new WebAssembly.Module(maskSimdModuleBytes);
    expect(WebAssembly.Module.exports(module)).toEqual([
      { name: 'memory', kind: 'memory' },
      { name: 'xorInPlace', kind: 'function' },
    ]);
  });
});
