import { describe, expect, it } from 'vitest';
import { closePayload, decodeFrames, encodeFrame, type Rule } from '../../src/protocol/index.ts';
import { concatBytes, hexBytes } from '../helpers/bytes.ts';

const key = hexBytes('01020304');

function rulesOf(bytes: Uint8Array, options: Parameters<typeof decodeFrames>[1] = { sender: 'server' }) {
  const decoded = decodeFrames(bytes, options);
  return decoded.frames.flatMap((frame) =>
    frame.violations.map((v) => [v.rule, v.closeCode] as [Rule, number]),
  );
}

describe('RFC 6455 §5.2 reserved opcodes', () => {
  it.each([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf])('opcode 0x%s is reserved → 1002', (opcode) => {
    const decoded = decodeFrames(encodeFrame({ opcode, payload: 'x' }), { sender: 'server' });
    expect(decoded.frames[0]!.violations).toEqual([
      expect.objectContaining({ rule: 'reserved-opcode', closeCode: 1002, bits: [4, 4] }),
    ]);
  });
});

describe('RFC 6455 §5.2 RSV bits', () => {
  it('RSV1 without an extension → 1002, on bit 1', () => {
    const decoded = decodeFrames(encodeFrame({ opcode: 1, payload: 'x', rsv1: true }), { sender: 'server' });
    expect(decoded.frames[0]!.violations).toEqual([
      expect.objectContaining({ rule: 'rsv-without-extension', closeCode: 1002, bits: [1, 1] }),
    ]);
  });

  it('RSV1 with permessage-deflate is fine on a first data frame', () => {
    expect(
      rulesOf(encodeFrame({ opcode: 2, payload: 'x', rsv1: true }), {
        sender: 'server',
        perMessageDeflate: true,
      }),
    ).toEqual([]);
  });

  it('RSV1 with permessage-deflate on a control frame → 1002', () => {
    expect(
      rulesOf(encodeFrame({ opcode: 9, rsv1: true }), { sender: 'server', perMessageDeflate: true }),
    ).toEqual([['rsv1-on-continuation-or-control', 1002]]);
  });

  it('RSV2 and RSV3 are never allowed without an extension', () => {
    expect(rulesOf(encodeFrame({ opcode: 1, rsv2: true, rsv3: true }))).toEqual([
      ['rsv-without-extension', 1002],
      ['rsv-without-extension', 1002],
    ]);
  });
});

describe('RFC 6455 §5.5 control frames', () => {
  it('a 126-byte ping is too long → 1002', () => {
    expect(rulesOf(encodeFrame({ opcode: 9, payload: new Uint8Array(126) }))).toEqual([
      ['control-frame-too-long', 1002],
    ]);
  });

  it('a 125-byte ping is fine', () => {
    expect(rulesOf(encodeFrame({ opcode: 9, payload: new Uint8Array(125) }))).toEqual([]);
  });

  it('a fragmented ping → 1002, on the FIN bit', () => {
    const decoded = decodeFrames(encodeFrame({ opcode: 9, fin: false }), { sender: 'server' });
    expect(decoded.frames[0]!.violations).toEqual([
      expect.objectContaining({ rule: 'control-frame-fragmented', closeCode: 1002, bits: [0, 1] }),
    ]);
  });
});

describe('RFC 6455 §5.2 minimal length', () => {
  it('5 bytes written with a 16-bit length → 1002', () => {
    expect(rulesOf(encodeFrame({ opcode: 2, payload: 'hello', lengthForm: 16 }))).toEqual([
      ['non-minimal-length', 1002],
    ]);
  });

  it('200 bytes written with a 64-bit length → 1002', () => {
    expect(rulesOf(encodeFrame({ opcode: 2, payload: new Uint8Array(200), lengthForm: 64 }))).toEqual([
      ['non-minimal-length', 1002],
    ]);
  });

  it('a 64-bit length with the top bit set → 1002, and the stream stops there', () => {
    const bytes = hexBytes('82 7f 80 00 00 00 00 00 00 01 de ad');
    const decoded = decodeFrames(bytes, { sender: 'server' });
    expect(decoded.frames[0]!.violations.map((v) => v.rule)).toContain('length-top-bit-set');
    expect(decoded.frames[0]!.payloadOmitted).toBe(true);
  });
});

describe('RFC 6455 §5.1 masking', () => {
  it('an unmasked client frame → 1002, on the MASK bit', () => {
    const decoded = decodeFrames(encodeFrame({ opcode: 1, payload: 'hi' }), { sender: 'client' });
    expect(decoded.frames[0]!.violations).toEqual([
      expect.objectContaining({ rule: 'unmasked-client-frame', closeCode: 1002, bits: [8, 1] }),
    ]);
  });

  it('a masked server frame → 1002', () => {
    expect(rulesOf(encodeFrame({ opcode: 1, payload: 'hi', mask: key }), { sender: 'server' })).toEqual([
      ['masked-server-frame', 1002],
    ]);
  });
});

describe('RFC 6455 §5.4 fragmentation', () => {
  it('a continuation with no message open → 1002', () => {
    expect(rulesOf(encodeFrame({ opcode: 0, payload: 'lo' }))).toEqual([
      ['continuation-without-message', 1002],
    ]);
  });

  it('a new data frame while a fragmented message is open → 1002', () => {
    const bytes = concatBytes(
      encodeFrame({ opcode: 1, payload: 'Hel', fin: false }),
      encodeFrame({ opcode: 1, payload: 'lo' }),
    );
    expect(rulesOf(bytes)).toEqual([['data-frame-inside-message', 1002]]);
  });

  it('control frames between fragments are fine', () => {
    const bytes = concatBytes(
      encodeFrame({ opcode: 1, payload: 'Hel', fin: false }),
      encodeFrame({ opcode: 9, payload: 'ping' }),
      encodeFrame({ opcode: 0, payload: 'lo' }),
    );
    const decoded = decodeFrames(bytes, { sender: 'server' });
    expect(decoded.frames.flatMap((f) => f.violations)).toEqual([]);
    expect(decoded.events.map((e) => e.kind)).toEqual(['ping', 'message']);
    expect(decoded.events[1]).toMatchObject({ text: 'Hello' });
  });
});

describe('RFC 6455 §8.1 UTF-8', () => {
  it('invalid UTF-8 in a text frame → 1007, on the bad byte', () => {
    const decoded = decodeFrames(encodeFrame({ opcode: 1, payload: hexBytes('48 69 ff') }), {
      sender: 'server',
    });
    expect(decoded.frames[0]!.violations).toEqual([
      expect.objectContaining({ rule: 'invalid-utf8', closeCode: 1007, bits: [16 + 16, 8] }),
    ]);
  });

  it('a code point split across two fragments is valid', () => {
    const euro = hexBytes('e2 82 ac');
    const bytes = concatBytes(
      encodeFrame({ opcode: 1, payload: euro.subarray(0, 2), fin: false }),
      encodeFrame({ opcode: 0, payload: euro.subarray(2) }),
    );
    const decoded = decodeFrames(bytes, { sender: 'server' });
    expect(decoded.frames.flatMap((f) => f.violations)).toEqual([]);
    expect(decoded.events[0]).toMatchObject({ text: '€' });
  });

  it('a message that ends inside a code point → 1007', () => {
    expect(rulesOf(encodeFrame({ opcode: 1, payload: hexBytes('e2 82') }))).toEqual([['invalid-utf8', 1007]]);
  });

  it('binary frames are not checked', () => {
    expect(rulesOf(encodeFrame({ opcode: 2, payload: hexBytes('ff fe') }))).toEqual([]);
  });
});

describe('RFC 6455 §5.5.1 and §7.4 close frames', () => {
  it('a 1-byte close payload → 1002', () => {
    expect(rulesOf(encodeFrame({ opcode: 8, payload: hexBytes('03') }))).toEqual([
      ['close-payload-one-byte', 1002],
    ]);
  });

  it.each([1005, 1006, 1015, 0, 999, 1004, 1016, 2999, 5000])(
    'close code %i may not be sent → 1002',
    (code) => {
      expect(rulesOf(encodeFrame({ opcode: 8, payload: closePayload(code) }))).toEqual([
        ['close-code-invalid', 1002],
      ]);
    },
  );

  it.each([1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4000, 4999])(
    'close code %i may be sent',
    (code) => {
      expect(rulesOf(encodeFrame({ opcode: 8, payload: closePayload(code, 'bye') }))).toEqual([]);
    },
  );

  it('a close reason that is not UTF-8 → 1007', () => {
    const payload = concatBytes(hexBytes('03 e8'), hexBytes('c3 28'));
    expect(rulesOf(encodeFrame({ opcode: 8, payload }))).toEqual([['close-reason-invalid-utf8', 1007]]);
  });

  it('close 4000 "bye" is parsed to code and reason', () => {
    const decoded = decodeFrames(encodeFrame({ opcode: 8, payload: closePayload(4000, 'bye') }), {
      sender: 'server',
    });
    expect(decoded.events[0]).toMatchObject({ kind: 'close', code: 4000, reason: 'bye' });
  });

  it('an empty close has no code (the application sees 1005)', () => {
    const decoded = decodeFrames(encodeFrame({ opcode: 8 }), { sender: 'server' });
    expect(decoded.events[0]).toMatchObject({ kind: 'close', code: null, reason: '' });
  });

  it('a frame after the close → 1002', () => {
    const bytes = concatBytes(
      encodeFrame({ opcode: 8, payload: closePayload(1000) }),
      encodeFrame({ opcode: 1, payload: 'late' }),
    );
    expect(rulesOf(bytes)).toEqual([['frame-after-close', 1002]]);
  });
});

describe('RFC 6455 §10.4 payload limits', () => {
  it('a payload over the limit → 1009, refused at the header and not kept', () => {
    const bytes = encodeFrame({ opcode: 2, payload: new Uint8Array(2000) });
    const decoded = decodeFrames(bytes, { sender: 'server', maxPayload: 1000 });
    expect(decoded.frames[0]!.violations.map((v) => [v.rule, v.closeCode])).toEqual([
      ['payload-too-large', 1009],
    ]);
    expect(decoded.frames[0]!.payloadOmitted).toBe(true);
    expect(decoded.frames[0]!.payload.length).toBe(0);
    expect(decoded.remainder.length).toBe(0); // its payload was skipped, not left over
  });

  it('a fragmented message whose total goes over the limit → 1009 on the fragment that crosses it', () => {
    const bytes = concatBytes(
      encodeFrame({ opcode: 2, payload: new Uint8Array(600), fin: false }),
      encodeFrame({ opcode: 0, payload: new Uint8Array(600) }),
    );
    const decoded = decodeFrames(bytes, { sender: 'server', maxPayload: 1000 });
    expect(decoded.frames[0]!.violations).toEqual([]);
    expect(decoded.frames[1]!.violations.map((v) => v.closeCode)).toEqual([1009]);
  });
});

describe('violations are data', () => {
  it('every violation carries both languages and an RFC section', () => {
    const bytes = concatBytes(encodeFrame({ opcode: 3, rsv2: true, fin: true, payload: 'x', mask: key }));
    for (const v of decodeFrames(bytes, { sender: 'server' }).frames[0]!.violations) {
      expect(v.message.en.length).toBeGreaterThan(5);
      expect(v.message.zh.length).toBeGreaterThan(2);
      expect(v.section).toMatch(/\d/);
    }
  });

  it('a frame with several violations is still decoded in full', () => {
    const bytes = encodeFrame({
      opcode: 0xb,
      rsv3: true,
      fin: false,
      payload: new Uint8Array(130),
      mask: key,
    });
    const decoded = decodeFrames(bytes, { sender: 'server' });
    expect(decoded.frames[0]!.payload).toEqual(new Uint8Array(130));
    expect(decoded.frames[0]!.violations.map((v) => v.rule).sort()).toEqual(
      [
        'control-frame-fragmented',
        'control-frame-too-long',
        'masked-server-frame',
        'reserved-opcode',
        'rsv-without-extension',
      ].sort(),
    );
  });
});
