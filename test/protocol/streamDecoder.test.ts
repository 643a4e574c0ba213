import { describe, expect, it } from 'vitest';
import {
  closePayload,
  encodeFrame,
  FrameStreamDecoder,
  frameWireBytes,
  toHex,
  WireDecoder,
  wirePayloadOf,
} from '../../src/protocol/index.ts';
import { concatBytes, hexBytes } from '../helpers/bytes.ts';

const key = hexBytes('a1 b2 c3 d4');

// A little of everything: 7-, 16- and 64-bit lengths, masked, fragmented with a ping in between, a close.
const stream = concatBytes(
  encodeFrame({ opcode: 1, payload: '你好', mask: key }),
  encodeFrame({ opcode: 2, payload: new Uint8Array(300).fill(9), mask: key }),
  encodeFrame({ opcode: 1, payload: 'Hel', fin: false, mask: key }),
  encodeFrame({ opcode: 9, payload: 'p', mask: key }),
  encodeFrame({ opcode: 0, payload: 'lo', mask: key }),
  encodeFrame({ opcode: 2, payload: new Uint8Array(70000).fill(1), mask: key }),
  encodeFrame({ opcode: 8, payload: closePayload(1000, 'done'), mask: key }),
);

function summary(frames: ReturnType<FrameStreamDecoder['push']>) {
  return frames.map(
    (f) => `${f.opcode}:${f.payloadLength}:${toHex(f.payload.subarray(0, 8))}:${f.violations.length}`,
  );
}

const whole = summary(new FrameStreamDecoder({ sender: 'client' }).push(stream));

describe('incremental decoding', () => {
  it('decodes the whole stream in one chunk', () => {
    expect(whole).toHaveLength(7);
    expect(whole.every((line) => line.endsWith(':0'))).toBe(true);
  });

  it('gives the same frames for every split point into two chunks', () => {
    // Every split point of the header-heavy prefix, and a stride through the 70 000-byte payload.
    const points: number[] = [];
    for (let i = 1; i < 400; i++) points.push(i);
    for (let i = 400; i < stream.length; i += 997) points.push(i);
    for (const at of points) {
      const decoder = new FrameStreamDecoder({ sender: 'client' });
      const frames = [...decoder.push(stream.subarray(0, at)), ...decoder.push(stream.subarray(at))];
      expect(summary(frames), `split at ${at}`).toEqual(whole);
    }
  });

  it('decodes the stream fed one byte at a time', () => {
    const decoder = new FrameStreamDecoder({ sender: 'client' });
    const frames = [];
    for (let i = 0; i < stream.length; i++) frames.push(...decoder.push(stream.subarray(i, i + 1)));
    expect(summary(frames)).toEqual(whole);
  });

  it('a 64 KiB frame over many chunks comes out once, when its last byte arrives', () => {
    const frame = encodeFrame({ opcode: 2, payload: new Uint8Array(65536).fill(5) });
    const decoder = new FrameStreamDecoder({ sender: 'server' });
    const completedAt: number[] = [];
    for (let at = 0, chunk = 0; at < frame.length; at += 1460, chunk++) {
      if (decoder.push(frame.subarray(at, at + 1460)).length > 0) completedAt.push(chunk);
    }
    expect(completedAt).toEqual([Math.ceil(frame.length / 1460) - 1]);
  });

  // Frames lying whole in a chunk are read in place (a path of their own, for speed); frames fed a byte at
  // a time go through the general one. Both must give the same frames, field for field, violations too.
  const varied = [
    encodeFrame({ opcode: 1, payload: 'hi', mask: key }),
    encodeFrame({ opcode: 2, payload: new Uint8Array(0), mask: key }),
    encodeFrame({ opcode: 2, payload: new Uint8Array(126).fill(4), mask: key }),
    encodeFrame({ opcode: 2, payload: new Uint8Array(65536).fill(6), mask: key }),
    encodeFrame({ opcode: 2, payload: 'short', lengthForm: 64, mask: key }), // non-minimal length
    encodeFrame({ opcode: 3, payload: 'x', mask: key }), // reserved opcode
    encodeFrame({ opcode: 1, payload: 'rsv', rsv1: true, rsv3: true, mask: key }),
    encodeFrame({ opcode: 9, payload: new Uint8Array(200), fin: false, mask: key }), // control: too long, fragmented
    encodeFrame({ opcode: 2, payload: 'bare' }), // unmasked from a client
    encodeFrame({ opcode: 0xa, payload: 'pong', mask: key }),
  ];
  const fieldsBesidesChunks = (frames: ReturnType<FrameStreamDecoder['push']>) =>
    frames.map((frame) => {
      const { chunks: _chunks, wire: _wire, ...rest } = frame;
      return {
        ...rest,
        headerBytes: toHex(rest.headerBytes),
        maskingKey: rest.maskingKey && toHex(rest.maskingKey),
        wirePayload: toHex(wirePayloadOf(frame)),
        payload: toHex(rest.payload),
      };
    });

  it('frames whole in one chunk come out as the general path makes them, field for field', () => {
    const bytes = concatBytes(...varied);
    const inPlace = new FrameStreamDecoder({ sender: 'client' }).push(bytes);
    const general = new FrameStreamDecoder({ sender: 'client' });
    const byteByByte = [];
    for (let i = 0; i < bytes.length; i++) byteByByte.push(...general.push(bytes.subarray(i, i + 1)));
    expect(inPlace).toHaveLength(varied.length);
    expect(fieldsBesidesChunks(inPlace)).toEqual(fieldsBesidesChunks(byteByByte));
    expect(inPlace.map((f) => f.violations.map((v) => v.rule))).toEqual([
      [],
      [],
      [],
      [],
      ['non-minimal-length'],
      ['reserved-opcode'],
      ['rsv-without-extension', 'rsv-without-extension'],
      ['control-frame-fragmented', 'control-frame-too-long'],
      ['unmasked-client-frame'],
      [],
    ]);
    let offset = 0;
    for (const [i, frame] of inPlace.entries()) {
      expect(frame.chunks).toEqual([{ chunk: 0, from: offset, to: offset + varied[i]!.length }]);
      offset += varied[i]!.length;
    }
  });

  it('reads whole frames in place: the header and wire payload are views of the chunk, not copies', () => {
    const bytes = concatBytes(...varied);
    const frames = new FrameStreamDecoder({ sender: 'client' }).push(bytes);
    for (const frame of frames) {
      expect(frame.headerBytes.buffer).toBe(bytes.buffer);
      expect(wirePayloadOf(frame).buffer).toBe(bytes.buffer);
    }
  });

  it('after a frame that spans chunks, goes back to reading whole frames in place', () => {
    const bytes = concatBytes(...varied);
    const cut = varied[0]!.length + 3; // inside the second frame's header
    const decoder = new FrameStreamDecoder({ sender: 'client' });
    const frames = [...decoder.push(bytes.subarray(0, cut)), ...decoder.push(bytes.subarray(cut))];
    expect(fieldsBesidesChunks(frames)).toEqual(
      fieldsBesidesChunks(new FrameStreamDecoder({ sender: 'client' }).push(bytes)),
    );
    expect(frames[2]!.streamOffset).toBe(varied[0]!.length + varied[1]!.length);
  });

  it('stops reading in place at a frame over the limit, which is refused at its header and skipped', () => {
    const big = encodeFrame({ opcode: 2, payload: new Uint8Array(2000), mask: key });
    const bytes = concatBytes(varied[0]!, big, varied[0]!);
    const frames = new FrameStreamDecoder({ sender: 'client', maxPayload: 1000 }).push(bytes);
    expect(frames.map((f) => [f.payloadLength, f.payloadOmitted])).toEqual([
      [2, false],
      [2000, true],
      [2, false],
    ]);
    expect(frames[1]!.violations.map((v) => v.rule)).toEqual(['payload-too-large']);
    expect(frames[2]!.streamOffset).toBe(varied[0]!.length + big.length);
  });

  it('knows which chunks each frame came from', () => {
    const a = encodeFrame({ opcode: 1, payload: 'one' }); // 5 bytes
    const b = encodeFrame({ opcode: 1, payload: 'two' }); // 5 bytes
    const c = encodeFrame({ opcode: 1, payload: 'three' }); // 7 bytes
    const decoder = new FrameStreamDecoder({ sender: 'server' });
    const first = decoder.push(concatBytes(a, b.subarray(0, 3)), 10); // a whole, b begins
    const second = decoder.push(concatBytes(b.subarray(3), c), 11); // b ends, c whole
    expect(first.map((f) => f.chunks)).toEqual([[{ chunk: 10, from: 0, to: 5 }]]);
    expect(second.map((f) => f.chunks)).toEqual([
      [
        { chunk: 10, from: 5, to: 8 },
        { chunk: 11, from: 0, to: 2 },
      ],
      [{ chunk: 11, from: 2, to: 9 }],
    ]);
    expect(second.map((f) => f.streamOffset)).toEqual([5, 10]);
  });

  it('keeps the header and wire payload exactly as they were', () => {
    const bytes = encodeFrame({ opcode: 1, payload: 'Hello', mask: key });
    const [frame] = new FrameStreamDecoder({ sender: 'client' }).push(bytes);
    expect(frameWireBytes(frame!)).toEqual(bytes);
  });

  it('a masked payload over many chunks: unmasked piece by piece, its wire bytes exactly those received', () => {
    const payload = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) & 0xff);
    const bytes = encodeFrame({ opcode: 2, payload, mask: key });
    const decoder = new FrameStreamDecoder({ sender: 'client' });
    const frames = [];
    // Odd chunk sizes, so the pieces start at every key offset.
    for (let at = 0, size = 1; at < bytes.length; at += size, size = (size % 13) + 1) {
      frames.push(...decoder.push(bytes.subarray(at, at + size)));
    }
    expect(frames).toHaveLength(1);
    expect(toHex(frames[0]!.payload)).toBe(toHex(payload));
    expect(toHex(frameWireBytes(frames[0]!))).toBe(toHex(bytes));
    // Its wire bytes are the chunks' own pieces (no second copy of the payload), joined when asked for.
    expect(Array.isArray(frames[0]!.wire)).toBe(true);
    expect(wirePayloadOf(frames[0]!)).toBe(wirePayloadOf(frames[0]!));
    // A copy made for a worker or a file carries the real bytes.
    expect(toHex(wirePayloadOf(structuredClone(frames[0]!)))).toBe(
      toHex(bytes.subarray(bytes.length - 5000)),
    );
  });

  it('gives the first wire bytes of a spanning payload from its first piece, joining only for more', () => {
    const payload = Uint8Array.from({ length: 3000 }, (_, i) => (i * 11) & 0xff);
    const bytes = encodeFrame({ opcode: 2, payload, mask: key });
    const decoder = new FrameStreamDecoder({ sender: 'client' });
    const [frame] = [...decoder.push(bytes.subarray(0, 1000)), ...decoder.push(bytes.subarray(1000))];
    const pieces = frame!.wire as readonly Uint8Array[];
    const wireStart = bytes.length - 3000;
    // The first 16 bytes lie in the first piece: a view of that read, nothing joined.
    const first = wirePayloadOf(frame!, 16);
    expect(first.buffer).toBe(pieces[0]!.buffer);
    expect(toHex(first)).toBe(toHex(bytes.subarray(wireStart, wireStart + 16)));
    // More than the first piece holds: the joined payload, cut to length; asked again, the same bytes.
    const longer = wirePayloadOf(frame!, 2000);
    expect(longer.buffer).not.toBe(pieces[0]!.buffer);
    expect(toHex(longer)).toBe(toHex(bytes.subarray(wireStart, wireStart + 2000)));
    expect(longer.buffer).toBe(wirePayloadOf(frame!).buffer);
    expect(wirePayloadOf(frame!, 5000)).toBe(wirePayloadOf(frame!));
  });

  it('holds a partial masked payload as the remainder, its wire bytes as they arrived', () => {
    const bytes = encodeFrame({ opcode: 2, payload: new Uint8Array(3000).fill(8), mask: key });
    const decoder = new FrameStreamDecoder({ sender: 'client' });
    for (const end of [5, 1000, 2500]) {
      decoder.push(bytes.subarray(end === 5 ? 0 : end === 1000 ? 5 : 1000, end));
      expect(toHex(decoder.remainder())).toBe(toHex(bytes.subarray(0, end)));
    }
    const [frame] = decoder.push(bytes.subarray(2500));
    expect(toHex(frameWireBytes(frame!))).toBe(toHex(bytes));
    expect(decoder.remainder()).toHaveLength(0);
  });

  it('holds a partial frame as the remainder, as it was on the wire', () => {
    const bytes = encodeFrame({ opcode: 2, payload: new Uint8Array(300).fill(3) });
    const decoder = new FrameStreamDecoder({ sender: 'server' });
    expect(decoder.push(bytes.subarray(0, 3))).toEqual([]);
    expect(decoder.remainder()).toEqual(bytes.subarray(0, 3));
    expect(decoder.push(bytes.subarray(3, 100))).toEqual([]);
    expect(decoder.remainder()).toEqual(bytes.subarray(0, 100));
  });

  it('holds a partial masked frame as the remainder still masked, as it was on the wire', () => {
    const bytes = encodeFrame({ opcode: 2, payload: new Uint8Array(300).fill(3), mask: key });
    const decoder = new FrameStreamDecoder({ sender: 'client' });
    decoder.push(bytes.subarray(0, 50));
    decoder.push(bytes.subarray(50, 120));
    expect(toHex(decoder.remainder())).toBe(toHex(bytes.subarray(0, 120)));
  });
});

describe('payload memory from the caller', () => {
  // Memory full of stale bytes, as Node's uninitialised memory may be: none of them may show.
  const stale = (length: number) => new Uint8Array(length).fill(0xee);

  it('gives the same frames, messages and remainders as zero-filled memory, for every chunking', () => {
    const seen = (output: ReturnType<WireDecoder['push']>) => [
      ...output.frames.map((f) => `${toHex(frameWireBytes(f))}/${toHex(f.payload)}`),
      ...output.events.map((e) => (e.kind === 'message' ? toHex(e.payload) : e.kind)),
    ];
    for (const size of [5, 64, 1000, 65536]) {
      const plain = new WireDecoder({ sender: 'client' });
      const given = new WireDecoder({ sender: 'client', allocate: stale });
      const fromPlain: string[] = [];
      const fromGiven: string[] = [];
      for (let at = 0, read = 0; at < stream.length; at += size, read++) {
        const chunk = stream.subarray(at, at + size);
        fromPlain.push(...seen(plain.push(chunk)));
        fromGiven.push(...seen(given.push(chunk)));
        // A remainder costs a copy of the partial frame: compared at a sample of reads, not at each.
        if (read % 1009 === 0) {
          fromPlain.push(toHex(plain.remainder()));
          fromGiven.push(toHex(given.remainder()));
        }
      }
      expect(fromGiven).toEqual(fromPlain);
      expect(fromGiven.join('')).not.toContain('eeeeeeee');
    }
  });
});

describe('WireDecoder', () => {
  it('turns one side of a connection into frames and events', () => {
    const decoder = new WireDecoder({ sender: 'client' });
    const output = decoder.push(stream);
    expect(output.frames).toHaveLength(7);
    expect(output.events.map((e) => e.kind)).toEqual([
      'message',
      'message',
      'ping',
      'message',
      'message',
      'close',
    ]);
    expect(output.events[0]).toMatchObject({ text: '你好' });
    expect(output.events[3]).toMatchObject({ text: 'Hello' });
    expect(output.events[5]).toMatchObject({ kind: 'close', code: 1000, reason: 'done' });
  });
});
