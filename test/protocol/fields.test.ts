import { describe, expect, it } from 'vitest';
import {
  annotateFrame,
  annotateIncomplete,
  decodeFrames,
  encodeFrame,
  wirePayloadOf,
} from '../../src/protocol/index.ts';
import { fieldStyles } from '../../src/shared/fieldColours.ts';
import { hexBytes } from '../helpers/bytes.ts';

describe('annotated fields: where every field sits', () => {
  it('a masked frame with a 16-bit length', () => {
    const frame = decodeFrames(
      encodeFrame({ opcode: 2, payload: new Uint8Array(300), mask: hexBytes('0a0b0c0d') }),
      {
        sender: 'client',
      },
    ).frames[0]!;
    const layout = frame.fields.map((f) => [f.name, f.bitOffset, f.bitLength]);
    expect(layout).toEqual([
      ['FIN', 0, 1],
      ['RSV1', 1, 1],
      ['RSV2', 2, 1],
      ['RSV3', 3, 1],
      ['opcode', 4, 4],
      ['MASK', 8, 1],
      ['payloadLength', 9, 7],
      ['extendedPayloadLength', 16, 16],
      ['maskingKey', 32, 32],
      ['payload', 64, 2400],
    ]);
    const byName = Object.fromEntries(frame.fields.map((f) => [f.name, f]));
    expect(byName.payloadLength).toMatchObject({ value: 126, bits: '1111110' });
    expect(byName.extendedPayloadLength).toMatchObject({ value: 300, bits: '0000000100101100' });
    expect(byName.maskingKey).toMatchObject({
      bits: '00001010000010110000110000001101',
      value: hexBytes('0a0b0c0d'),
    });
    // The payload field holds the unmasked bytes; the frame keeps the masked ones as they were sent.
    expect(byName.payload).toMatchObject({ bits: null, value: frame.payload });
    expect(wirePayloadOf(frame)).toEqual(hexBytes('0a0b0c0d'.repeat(75))); // 300 zero bytes, masked
  });

  it('a 64-bit length is exact, as a bigint', () => {
    const frame = decodeFrames(encodeFrame({ opcode: 2, payload: new Uint8Array(70000) })).frames[0]!;
    const extended = frame.fields.find((f) => f.name === 'extendedPayloadLength')!;
    expect(extended).toMatchObject({ bitOffset: 16, bitLength: 64, value: 70000n });
    expect(extended.bits).toBe(70000n.toString(2).padStart(64, '0'));
  });

  it('every field has a meaning in both languages and a colour', () => {
    const frame = decodeFrames(hexBytes('81 85 37 fa 21 3d 7f 9f 4d 51 58')).frames[0]!;
    for (const field of annotateFrame(frame)) {
      expect(field.meaning.en.length).toBeGreaterThan(2);
      expect(field.meaning.zh.length).toBeGreaterThan(2);
      expect(fieldStyles[field.kind].colour).toMatch(/^#[0-9A-F]{6}$/);
    }
  });

  it('a frame cut short shows the fields it has and how much is missing', () => {
    expect(annotateIncomplete(hexBytes('81'))).toEqual({
      fields: [],
      needs: { header: 1, payload: null },
      bytesNeeded: 1,
    });
    const header = annotateIncomplete(hexBytes('82 fe 01'));
    expect(header.fields.map((f) => f.name)).toEqual([
      'FIN',
      'RSV1',
      'RSV2',
      'RSV3',
      'opcode',
      'MASK',
      'payloadLength',
    ]);
    expect(header.bytesNeeded).toBe(5); // 2 more length bytes, 4 key bytes, less the 1 already here
    expect(header.needs).toEqual({ header: 5, payload: null }); // the 16-bit length is not in yet
    const payload = annotateIncomplete(hexBytes('82 7e 01 00 aa'));
    expect(payload.fields.map((f) => f.name)).toContain('extendedPayloadLength');
    expect(payload.bytesNeeded).toBe(255);
    expect(payload.needs).toEqual({ header: 0, payload: 255 });
  });

  it('a masked "Hello" cut after 2 bytes needs 4 header bytes and all 5 payload bytes, not "1 more"', () => {
    expect(annotateIncomplete(hexBytes('81 85')).needs).toEqual({ header: 4, payload: 5 });
    expect(annotateIncomplete(hexBytes('81 85 37 fa 21')).needs).toEqual({ header: 1, payload: 5 });
    expect(annotateIncomplete(hexBytes('81 85 37 fa 21 3d 7f')).needs).toEqual({ header: 0, payload: 4 });
  });

  it('a 64-bit length cut inside its 8 bytes: the payload need is unknown until they are in', () => {
    expect(annotateIncomplete(hexBytes('82 7f 00 00 00')).needs).toEqual({ header: 5, payload: null });
    const whole = annotateIncomplete(hexBytes('82 7f 00 00 00 00 00 01 00 00 aa'));
    expect(whole.needs).toEqual({ header: 0, payload: 65_535 });
  });
});
