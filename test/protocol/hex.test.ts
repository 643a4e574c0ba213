import { describe, expect, it } from 'vitest';
import { parseHex, toHex } from '../../src/protocol/index.ts';

describe('hex as people paste it', () => {
  it.each([
    ['81 05 48', [0x81, 0x05, 0x48]],
    ['81:05:48', [0x81, 0x05, 0x48]],
    ['0x81 0X05,0x48', [0x81, 0x05, 0x48]],
    ['810548', [0x81, 0x05, 0x48]],
    ['81\n05\r\n\t48', [0x81, 0x05, 0x48]],
    ['AbCd', [0xab, 0xcd]],
  ])('%j', (input, bytes) => {
    expect(parseHex(input)).toEqual({ ok: true, bytes: Uint8Array.from(bytes) });
  });

  it.each([
    ['81 0', 3, 'odd number'],
    ['8 1', 0, 'odd number'],
    ['81 zz', 3, "'z'"],
    ['', 0, 'no hex bytes'],
    ['  \n', 0, 'no hex bytes'],
  ])('%j is an error at %i', (input, position, text) => {
    const result = parseHex(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.position).toBe(position);
      expect(result.error.message.en).toContain(text);
      expect(result.error.message.zh.length).toBeGreaterThan(3);
    }
  });

  it('toHex with and without a separator', () => {
    expect(toHex(Uint8Array.of(0, 15, 255))).toBe('000fff');
    expect(toHex(Uint8Array.of(0, 15, 255), ' ')).toBe('00 0f ff');
  });
});
