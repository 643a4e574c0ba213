import { describe, expect, it } from 'vitest';
import {
  acceptKey,
  acceptKeySteps,
  decodeFrames,
  encodeFrame,
  toHex,
  wirePayloadOf,
} from '../../src/protocol/index.ts';
import { concatBytes, hexBytes, text } from '../helpers/bytes.ts';

// RFC 6455 §5.7, byte for byte.
describe('RFC 6455 §5.7 examples', () => {
  it('a single-frame unmasked text message', () => {
    const bytes = hexBytes('81 05 48 65 6c 6c 6f');
    const { frames, events } = decodeFrames(bytes, { sender: 'server' });
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({
      fin: true,
      opcode: 1,
      masked: false,
      payloadLength: 5,
      violations: [],
    });
    expect(events[0]).toMatchObject({ kind: 'message', text: 'Hello' });
    expect(encodeFrame({ opcode: 1, payload: 'Hello' })).toEqual(bytes);
  });

  it('a single-frame masked text message', () => {
    const bytes = hexBytes('81 85 37 fa 21 3d 7f 9f 4d 51 58');
    const { frames, events } = decodeFrames(bytes, { sender: 'client' });
    expect(frames[0]!.maskingKey).toEqual(hexBytes('37fa213d'));
    expect(toHex(wirePayloadOf(frames[0]!))).toBe('7f9f4d5158');
    expect(text(frames[0]!.payload)).toBe('Hello');
    expect(frames[0]!.violations).toEqual([]);
    expect(events[0]).toMatchObject({ kind: 'message', text: 'Hello' });
    expect(encodeFrame({ opcode: 1, payload: 'Hello', mask: hexBytes('37fa213d') })).toEqual(bytes);
  });

  it('a fragmented unmasked text message', () => {
    const bytes = hexBytes('01 03 48 65 6c 80 02 6c 6f');
    const { frames, events } = decodeFrames(bytes, { sender: 'server' });
    expect(frames.map((f) => [f.fin, f.opcode, text(f.payload)])).toEqual([
      [false, 1, 'Hel'],
      [true, 0, 'lo'],
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'message', text: 'Hello' });
  });

  it('an unmasked ping and a masked pong', () => {
    const ping = decodeFrames(hexBytes('89 05 48 65 6c 6c 6f'), { sender: 'server' });
    expect(ping.events[0]).toMatchObject({ kind: 'ping' });
    expect(text(ping.frames[0]!.payload)).toBe('Hello');
    const pong = decodeFrames(hexBytes('8a 85 37 fa 21 3d 7f 9f 4d 51 58'), { sender: 'client' });
    expect(pong.events[0]).toMatchObject({ kind: 'pong' });
    expect(text(pong.frames[0]!.payload)).toBe('Hello');
  });

  it('256 bytes of binary in a single unmasked frame: 16-bit length', () => {
    const payload = new Uint8Array(256).map((_, i) => i);
    const bytes = concatBytes(hexBytes('82 7e 01 00'), payload);
    const { frames } = decodeFrames(bytes, { sender: 'server' });
    expect(frames[0]).toMatchObject({ lengthCode: 126, lengthForm: 16, payloadLength: 256, violations: [] });
    expect(frames[0]!.payload).toEqual(payload);
    expect(encodeFrame({ opcode: 2, payload })).toEqual(bytes);
  });

  it('64 KiB of binary in a single unmasked frame: 64-bit length', () => {
    const payload = new Uint8Array(65536).fill(7);
    const bytes = concatBytes(hexBytes('82 7f 00 00 00 00 00 01 00 00'), payload);
    const { frames } = decodeFrames(bytes, { sender: 'server' });
    expect(frames[0]).toMatchObject({
      lengthCode: 127,
      lengthForm: 64,
      payloadLength: 65536,
      violations: [],
    });
    expect(frames[0]!.fields.find((f) => f.name === 'extendedPayloadLength')?.value).toBe(65536n);
    expect(encodeFrame({ opcode: 2, payload })).toEqual(bytes);
  });
});

describe('RFC 6455 §1.3 accept key', () => {
  it('dGhlIHNhbXBsZSBub25jZQ== gives s3pPLMBiTxaQ9kYGzzhZRbK+xOo=', () => {
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('exposes every step', () => {
    const steps = acceptKeySteps('dGhlIHNhbXBsZSBub25jZQ==');
    expect(steps.concatenated).toBe('dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
    // The RFC gives the SHA-1 as bytes: 0xb3 0x7a 0x4f 0x2c 0xc0 0x62 0x4f 0x16 0x90 0xf6 0x46 0x06 0xcf 0x38 0x59 0x45 0xb2 0xbe 0xc4 0xea
    expect(steps.sha1Hex).toBe('b37a4f2cc0624f1690f64606cf385945b2bec4ea');
    expect(steps.accept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(steps.paddedBlocksHex).toHaveLength(2); // 60 bytes + 9 do not fit one 64-byte block
  });
});
