import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { findCase } from '../../../src/conform/cases/index.ts';
import { deflateDataBytes } from '../../../src/conform/deflate/testData.ts';
import { deflateFrames } from '../../../src/conform/net/deflateCase.ts';
import { MessageDeflater } from '../../../src/conform/net/deflateCodec.ts';
import { runSuite } from '../../../src/conform/net/runSuite.ts';
import { parseTarget } from '../../../src/conform/net/target.ts';
import { acceptKey, applyMask, FrameStreamDecoder, parseHttpHead } from '../../../src/protocol/index.ts';

/**
 * Byte for byte, 12.x/13.x send what Autobahn|Testsuite sends: its offer header (autobahn's
 * PerMessageDeflateOffer.get_extension_string) and its frames, whose payload is Python's zlib run as
 * autobahn's PerMessageDeflate runs it (compressobj(Z_DEFAULT_COMPRESSION, DEFLATED, -window, 8), a sync
 * flush, its last four bytes cut). Python's zlib is asked here, in Debian's /usr/bin/python3. ws101
 * compresses with Node's zlib, which is Chromium's fork: the first frame of 12.1.1 and 13.1.1 is the same
 * bytes, later and bigger messages are other (equally valid) DEFLATE, which vanilla zlib must inflate back
 * to the message (docs/conform-autobahn.md). Masking keys are fixed where whole frames are compared.
 */

/** Python's zlib: each message compressed in turn by one compressor (context takeover) at `window` bits. */
function pythonDeflate(messages: readonly Uint8Array[], window = 15): Uint8Array[] {
  const script = [
    'import sys, zlib, json',
    'messages = [bytes.fromhex(h) for h in json.loads(sys.argv[1])]',
    `c = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -${window}, 8)`,
    'print(json.dumps([(c.compress(m) + c.flush(zlib.Z_SYNC_FLUSH))[:-4].hex() for m in messages]))',
  ].join('\n');
  const hex = messages.map((m) => Buffer.from(m).toString('hex'));
  const out = execFileSync('/usr/bin/python3', ['-c', script, JSON.stringify(hex)], {
    env: { PATH: '/usr/bin:/bin', PYTHONNOUSERSITE: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(out.toString()) as string[]).map((h) => new Uint8Array(Buffer.from(h, 'hex')));
}

const key = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const takeover = { clientNoContextTakeover: false, serverNoContextTakeover: false, clientMaxWindowBits: 15 };
const json = deflateDataBytes('json_data1');

/** A raw server that records the opening request and the bytes after it, answering with `extensions`. */
async function recordingServer(extensions: string) {
  const seen = { head: '', after: new Uint8Array(0) };
  const server: Server = createServer((socket) => {
    let buffered = Buffer.alloc(0);
    let upgraded = false;
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!upgraded) {
        const head = parseHttpHead(new Uint8Array(buffered));
        if (!head) return;
        upgraded = true;
        seen.head = buffered.subarray(0, buffered.length - head.rest.length).toString('latin1');
        const clientKey = /sec-websocket-key: *(\S+)/i.exec(seen.head)![1]!;
        // §9.1: extensions only in answer to an offer (the suite's first connection, its probe, has none).
        const answer = /sec-websocket-extensions:/i.test(seen.head)
          ? `Sec-WebSocket-Extensions: ${extensions}\r\n`
          : '';
        socket.write(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(clientKey)}\r\n${answer}\r\n`,
        );
        buffered = Buffer.from(head.rest);
      }
      seen.after = new Uint8Array(buffered);
      // One whole message is enough: then close (1000) and end, as a server that gave up would.
      if (
        buffered.length > 0 &&
        new FrameStreamDecoder({ perMessageDeflate: true }).push(new Uint8Array(buffered)).some((f) => f.fin)
      ) {
        socket.end(Buffer.from([0x88, 0x02, 0x03, 0xe8]));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { seen, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("the bytes of Autobahn's 12.x/13.x", () => {
  const servers: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  async function firstBytes(id: string, answer: string) {
    const server = await recordingServer(answer);
    servers.push(server);
    const target = parseTarget(`ws://127.0.0.1:${server.port}/`);
    if ('error' in target) throw new Error(target.error);
    await runSuite({ target, cases: [findCase(id)!], timing: { closeMs: 300, closeAnswerMs: 500 } });
    const frames = new FrameStreamDecoder({ perMessageDeflate: true }).push(server.seen.after);
    return { head: server.seen.head, frames };
  }

  for (const id of ['12.1.1', '13.1.1']) {
    it(`${id}: Autobahn's default offer, then 16 bytes of the JSON set in one compressed text frame`, async () => {
      const { head, frames } = await firstBytes(id, 'permessage-deflate');
      expect(head).toContain(
        '\r\nSec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover; client_max_window_bits\r\n',
      );
      const [wanted] = pythonDeflate([json.subarray(0, 16)]);
      const first = frames[0]!;
      expect({
        fin: first.fin,
        rsv1: first.rsv1,
        rsv2: first.rsv2,
        opcode: first.opcode,
        masked: first.masked,
      }).toEqual({
        fin: true,
        rsv1: true,
        rsv2: false,
        opcode: 0x1,
        masked: true,
      });
      expect(Buffer.from(first.payload).toString('hex')).toBe(Buffer.from(wanted!).toString('hex'));
      // With the key fixed, the whole frame: FIN+RSV1+text, MASK+length, key, masked payload.
      const [frame] = deflateFrames(wanted!, false, 0, () => key);
      expect([...frame!]).toEqual([0xc1, 0x80 | wanted!.length, ...key, ...applyMask(wanted!, key)]);
    });
  }

  it('13.7.1: three offers in one header, in Autobahn’s order', async () => {
    const { head } = await firstBytes('13.7.1', 'permessage-deflate; server_no_context_takeover');
    const base = 'permessage-deflate; client_no_context_takeover; client_max_window_bits';
    expect(head).toContain(
      `\r\nSec-WebSocket-Extensions: ${base}; server_no_context_takeover; server_max_window_bits=8, ${base}; server_no_context_takeover, ${base}\r\n`,
    );
  });

  it('past the first frame: other bytes than Python’s zlib (Node’s is Chromium’s zlib), which Python inflates back', async () => {
    const messages = [json.subarray(0, 4096), json.subarray(4096, 8192), json.subarray(8192, 12288)];
    const deflater = new MessageDeflater(takeover);
    const ours: Uint8Array[] = [];
    for (const m of messages) ours.push(await deflater.compress(m));
    deflater.close();
    expect(ours.map(hex)).not.toEqual(pythonDeflate(messages).map(hex));
    // One decompressor across the messages, as the server keeps it (context takeover), each with the
    // sync flush's tail put back (RFC 7692 §7.2.2).
    const script = [
      'import sys, zlib, json',
      'd = zlib.decompressobj(-15)',
      "print(json.dumps([d.decompress(bytes.fromhex(h) + b'\\x00\\x00\\xff\\xff').hex() for h in json.loads(sys.argv[1])]))",
    ].join('\n');
    const out = execFileSync('/usr/bin/python3', ['-c', script, JSON.stringify(ours.map(hex))], {
      env: { PATH: '/usr/bin:/bin', PYTHONNOUSERSITE: '1' },
    });
    expect(JSON.parse(out.toString())).toEqual(messages.map(hex));
  });

  it('12.1.11: 8 KiB compressed, cut into frames of 256 bytes, RSV1 on the first only', () => {
    const [compressed] = pythonDeflate([json.subarray(0, 8192)]);
    const frames = deflateFrames(compressed!, false, 256, () => key);
    const decoded = frames.flatMap((f) => new FrameStreamDecoder({ perMessageDeflate: true }).push(f));
    expect(decoded.length).toBe(Math.ceil(compressed!.length / 256));
    expect(decoded.map((f) => [f.opcode, f.rsv1, f.fin])).toEqual(
      decoded.map((_, i) => [i === 0 ? 0x1 : 0x0, i === 0, i === decoded.length - 1]),
    );
    expect(Buffer.concat(decoded.map((f) => f.payload)).equals(Buffer.from(compressed!))).toBe(true);
  });
});
