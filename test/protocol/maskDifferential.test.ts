// The fast masking paths against the reference byte loop and against ws's own unmasking (bufferutil's
// native addon, which ws loads when it can), over 100,000 frames drawn like the fuzz corpus's.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { applyMask, applyMaskBytewise } from '../../src/protocol/mask.ts';
import { maskWithSimd } from '../../src/protocol/maskSimd.ts';
import { maskWords } from '../../src/protocol/maskWords.ts';
import { randomBytes, randomInt, randomPayloadLength, seededRandom } from '../helpers/randomFrames.ts';

type Unmask = (buffer: Buffer, mask: Buffer) => void;
const require = createRequire(import.meta.url);
const bufferutilAddon = require('bufferutil') as { unmask: Unmask };
const loadedFromAddon = Object.keys(require.cache).some((path) => /\/bufferutil\/.*\.node$/.test(path));

const frameCount = 100_000;

/** Payloads of the fuzz corpus's lengths (edges of each length form, some 64 KiB), keys, key offsets. */
function* fuzzedPayloads() {
  const random = seededRandom(20261204);
  // Payload bytes are views into one random pool at random offsets: every start alignment comes up, and
  // drawing 700 MB byte by byte would take longer than masking it.
  const pool = randomBytes(random, 256 * 1024);
  for (let n = 0; n < frameCount; n++) {
    const control = random() < 0.3;
    const length = randomPayloadLength(random, control);
    const start = randomInt(random, pool.length - length + 1);
    // A payload unmasked in pieces starts its later pieces at any key offset.
    const keyOffset = random() < 0.5 ? 0 : randomInt(random, 1 << 20);
    yield { data: pool.subarray(start, start + length), key: randomBytes(random, 4), keyOffset };
  }
}

describe('RFC 6455 §5.3: every masking path gives the reference bytes (100,000 fuzzed frames)', () => {
  it("ws's unmasking here is bufferutil's native addon, so the comparison is with ws at its fastest", () => {
    expect(loadedFromAddon).toBe(true);
  });

  it('word loop, WebAssembly SIMD, applyMask and ws (bufferutil) all agree with the byte loop', () => {
    const disagreements = { words: 0, simd: 0, applyMask: 0, ws: 0 };
    let frames = 0;
    let bytes = 0;
    for (const { data, key, keyOffset } of fuzzedPayloads()) {
      const reference = Buffer.from(applyMaskBytewise(data, key, keyOffset));
      const out = () => new Uint8Array(data.length);
      if (!reference.equals(maskWords(data, key, keyOffset, out()))) disagreements.words++;
      if (!reference.equals(maskWithSimd(data, key, keyOffset, out()))) disagreements.simd++;
      if (!reference.equals(applyMask(data, key, keyOffset, out()))) disagreements.applyMask++;
      // bufferutil always starts at key[0]: hand it the key turned to where this piece starts.
      const turned = Buffer.from([0, 1, 2, 3].map((i) => key[(keyOffset + i) & 3]!));
      const theirs = Buffer.from(data);
      bufferutilAddon.unmask(theirs, turned);
      if (!reference.equals(theirs)) disagreements.ws++;
      frames++;
      bytes += data.length;
    }
    expect(frames).toBe(frameCount);
    expect(bytes).toBeGreaterThan(500_000_000); // the corpus's 64 KiB frames are in it
    expect(disagreements).toEqual({ words: 0, simd: 0, applyMask: 0, ws: 0 });
  });
});
