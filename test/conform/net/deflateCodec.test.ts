import { describe, expect, it } from 'vitest';
import {
  acceptedDeflate,
  MessageDeflater,
  MessageInflater,
  parseExtensions,
} from '../../../src/conform/net/deflateCodec.ts';

const offer = 'permessage-deflate; client_no_context_takeover; client_max_window_bits';

describe('the server’s permessage-deflate answer (RFC 7692 §7.1)', () => {
  it('parses parameters, with and without values, quoted or not', () => {
    expect(
      parseExtensions('permessage-deflate; server_max_window_bits="10"; client_no_context_takeover'),
    ).toEqual([
      {
        name: 'permessage-deflate',
        params: new Map<string, string | true>([
          ['server_max_window_bits', '10'],
          ['client_no_context_takeover', true],
        ]),
      },
    ]);
  });

  it('takes what the server set for our side, 15 bits when it set nothing', () => {
    expect(acceptedDeflate('permessage-deflate', [offer])).toEqual({
      clientNoContextTakeover: false,
      serverNoContextTakeover: false,
      clientMaxWindowBits: 15,
    });
    expect(
      acceptedDeflate('permessage-deflate; client_max_window_bits=9; server_no_context_takeover', [offer]),
    ).toEqual({ clientNoContextTakeover: false, serverNoContextTakeover: true, clientMaxWindowBits: 9 });
    expect(acceptedDeflate(undefined, [offer])).toBeNull();
  });

  it('refuses an answer the offer does not allow: unknown parameters, bad windows, extensions not offered', () => {
    expect(acceptedDeflate('permessage-deflate; level=9', [offer])).toEqual({
      problem: 'unknown permessage-deflate parameter: level',
    });
    expect(acceptedDeflate('permessage-deflate; server_max_window_bits=16', [offer])).toMatchObject({
      problem: expect.stringContaining('outside 8–15'),
    });
    expect(acceptedDeflate('x-webkit-deflate-frame', [offer])).toMatchObject({
      problem: expect.stringContaining('not offered'),
    });
    expect(
      acceptedDeflate('permessage-deflate; client_max_window_bits=10', ['permessage-deflate']),
    ).toMatchObject({ problem: expect.stringContaining('did not offer') });
  });
});

describe('compressing and inflating messages with Node’s zlib', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('round-trips messages with context takeover, and again with a fresh window per message', async () => {
    for (const noTakeover of [false, true]) {
      const params = {
        clientNoContextTakeover: noTakeover,
        serverNoContextTakeover: noTakeover,
        clientMaxWindowBits: 15,
      };
      const deflater = new MessageDeflater(params);
      const inflater = new MessageInflater(params);
      const sizes: number[] = [];
      for (const text of ['Hello, deflate!', 'Hello, deflate!', 'Hello, deflate!']) {
        const compressed = await deflater.compress(bytes(text));
        sizes.push(compressed.length);
        expect(new TextDecoder().decode((await inflater.inflate(compressed)) as Uint8Array)).toBe(text);
      }
      // Taken over, the repeat is a back-reference of a few bytes; fresh, it costs as much as the first.
      if (noTakeover) expect(sizes[1]).toBe(sizes[0]);
      else expect(sizes[1]).toBeLessThan(sizes[0]!);
      deflater.close();
      inflater.close();
    }
  });

  it('says what is wrong with bytes that are not DEFLATE, instead of throwing', async () => {
    const inflater = new MessageInflater({
      clientNoContextTakeover: false,
      serverNoContextTakeover: false,
      clientMaxWindowBits: 15,
    });
    expect(await inflater.inflate(new Uint8Array([0xff, 0xff, 0xff]))).toMatchObject({
      error: expect.any(String),
    });
    inflater.close();
  });
});
