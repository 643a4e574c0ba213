import { describe, expect, it } from 'vitest';
import { deflateData, deflateDataBytes, nextMessage } from '../../../src/conform/deflate/testData.ts';
import { isValidUtf8 } from '../../../src/protocol/index.ts';

describe('the stand-ins for Autobahn’s test data (12.x/13.x)', () => {
  it('have the sizes of Autobahn’s files, and the same bytes on every run', () => {
    expect(deflateData.map((d) => [d.id, d.bytes, d.binary])).toEqual([
      ['json_data1', 194_237, false],
      ['lena512', 263_222, true],
      ['gutenberg_faust', 222_218, true],
      ['html_data1', 379_709, false],
      ['ooms', 1_042_328, true],
    ]);
    for (const d of deflateData) expect(deflateDataBytes(d.id).length, d.id).toBe(d.bytes);
    // Made once per process, from fixed seeds: a known prefix.
    expect(new TextDecoder().decode(deflateDataBytes('json_data1').subarray(0, 9))).toBe('{"id": 0,');
    expect([...deflateDataBytes('lena512').subarray(0, 2)]).toEqual([0x42, 0x4d]); // "BM"
  });

  it('sent as text, any cut of them is UTF-8 (ASCII only), as a text message must be', () => {
    for (const id of ['json_data1', 'html_data1'] as const)
      expect(
        deflateDataBytes(id).every((b) => b < 0x80),
        id,
      ).toBe(true);
    expect(isValidUtf8(deflateDataBytes('json_data1').subarray(12_345, 12_345 + 4096))).toBe(true);
  });

  it('are cut as Autobahn’s sendOne cuts them: the next bytes after the last message, wrapping', () => {
    const data = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const first = nextMessage(data, 0, 4);
    expect([...first.message, first.next]).toEqual([0, 1, 2, 3, 4]);
    const wrapped = nextMessage(data, 8, 4);
    expect([...wrapped.message, wrapped.next]).toEqual([8, 9, 0, 1, 2]);
  });

  it('compress as their kinds do: text shrinks a lot, the PDF’s streams barely', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const ratio = (id: (typeof deflateData)[number]['id']) =>
      deflateRawSync(deflateDataBytes(id).subarray(0, 131_072)).length / 131_072;
    expect(ratio('json_data1')).toBeLessThan(0.3);
    expect(ratio('html_data1')).toBeLessThan(0.3);
    expect(ratio('ooms')).toBeGreaterThan(0.9);
    expect(ratio('lena512')).toBeGreaterThan(ratio('json_data1'));
  });
});
