import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/runCliCaptured.ts';

const run = runCliCaptured;

describe('ws101 decode --json', () => {
  it('prints the documented shape for the RFC example', async () => {
    const { status, stdout } = await run(['decode', '--json', '81', '05', '48', '65', '6c', '6c', '6f']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.remainder).toBe('');
    expect(json.frames).toHaveLength(1);
    expect(json.frames[0]).toMatchObject({
      fin: true,
      rsv1: false,
      rsv2: false,
      rsv3: false,
      opcode: 1,
      masked: false,
      payloadLength: 5,
      maskingKey: null,
      payload: '48656c6c6f',
      text: 'Hello',
      closeCode: null,
      closeReason: null,
      violations: [],
    });
    expect(json.frames[0].fields[0]).toMatchObject({ name: 'FIN', bitOffset: 0, bitLength: 1, value: 1 });
    expect(json.frames[0].fields.map((f: { name: string }) => f.name)).toEqual([
      'FIN',
      'RSV1',
      'RSV2',
      'RSV3',
      'opcode',
      'MASK',
      'payloadLength',
      'payload',
    ]);
  });

  it('unmasks a masked frame, gives the key in hex, and says the sender was inferred', async () => {
    const { stdout } = await run(['decode', '--json', '81:85:37:fa:21:3d:7f:9f:4d:51:58']);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ sender: 'client', senderInferred: true });
    expect(json.frames[0]).toMatchObject({ maskingKey: '37fa213d', payload: '48656c6c6f', text: 'Hello' });
  });

  it('names violations with their close code and exits 1', async () => {
    const { status, stdout } = await run([
      'decode',
      '--json',
      '--from',
      'client',
      '0x81 0x05 0x48 0x65 0x6c 0x6c 0x6f',
    ]);
    expect(status).toBe(1);
    expect(JSON.parse(stdout).frames[0].violations).toEqual([
      expect.objectContaining({
        closeCode: 1002,
        rule: 'unmasked-client-frame',
        message: expect.stringContaining('masked'),
      }),
    ]);
  });

  it('parses a close frame to code and reason', async () => {
    const { stdout } = await run(['decode', '--json', '88 05 0f a0 62 79 65']);
    expect(JSON.parse(stdout).frames[0]).toMatchObject({ opcode: 8, closeCode: 4000, closeReason: 'bye' });
  });

  it('gives trailing bytes as the remainder', async () => {
    const { stdout } = await run(['decode', '--json', '89 00 81 05 48 65']);
    const json = JSON.parse(stdout);
    expect(json.frames).toHaveLength(1);
    expect(json.remainder).toBe('81054865');
  });

  it('reads hex with newlines from stdin', async () => {
    const { stdout } = await run(['decode', '--json', '-'], '81 05\n48 65\n6c 6c 6f\n');
    expect(JSON.parse(stdout).frames[0].text).toBe('Hello');
  });
});

describe('ws101 decode, the table', () => {
  it('draws the header on the 32-bit grid and explains each field', async () => {
    const { stdout } = await run(['decode', '81 85 37 fa 21 3d 7f 9f 4d 51 58']);
    expect(stdout).toContain(' 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1');
    expect(stdout).toContain('|1|0|0|0|0 0 0 1|1|0 0 0 0 1 0 1|');
    expect(stdout).toContain('masked    7f 9f 4d 51 58');
    expect(stdout).toContain('unmasked  48 65 6c 6c 6f');
    expect(stdout).toContain('"Hello"');
  });

  it('explains in Chinese with --lang zh', async () => {
    const { stdout } = await run(['decode', '--lang', 'zh', '89 00']);
    expect(stdout).toContain('心跳');
  });

  it('colours fields only when asked', async () => {
    expect((await run(['decode', '81 00'])).stdout).not.toContain('\x1b[');
    expect((await run(['decode', '--color', '81 00'])).stdout).toContain('\x1b[38;2;');
  });
});

describe('ws101 decode, bad input', () => {
  it.each([
    [['decode', '81 0'], /odd number of hex digits: the digit at position 4/],
    [['decode', '81 g5'], /'g' at position 4 is not a hex digit/],
    [['decode'], /no hex bytes/],
    [['decode', '--from', 'proxy', '81 00'], /--from must be client or server/],
    [['decode', '--max-payload', 'lots', '81 00'], /--max-payload must be a whole number/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['decode', '--bogus', '81 00'], /^ws101: decode: unknown option '--bogus' \(try: ws101 --help\)\n$/],
    [['decode', '--from'], /^ws101: decode: --from needs a value\n$/],
    [['decode', '--json=yes', '81 00'], /^ws101: decode: --json takes no value\n$/],
    [['decode', '--lang', 'fr', '81 00'], /--lang must be en or zh, not 'fr'/],
    [['accept', '--lang', 'de', 'dGhlIHNhbXBsZSBub25jZQ=='], /--lang must be en or zh, not 'de'/],
    [['accept'], /^ws101: accept: give exactly one Sec-WebSocket-Key, not 0\n$/],
    [['accept', 'a', 'b'], /give exactly one Sec-WebSocket-Key, not 2/],
    [['accept', '--bogus', 'k'], /unknown option '--bogus'/],
    [['serve', '--port', 'many'], /--port many is not a port number/],
    [['serve', '--bogus'], /Unknown option '--bogus'/],
    [['serve', '--dev'], /--dev is for the repository \(npm run dev\)/],
  ])('%j → one line on stderr, exit 2', async (argv, message) => {
    const { status, stderr, stdout } = await run(argv);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('ws101 accept', () => {
  it('prints the accept value of the RFC example', async () => {
    expect((await run(['accept', 'dGhlIHNhbXBsZSBub25jZQ=='])).stdout).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n');
  });

  it('shows the steps', async () => {
    const { stdout } = await run(['accept', '--steps', 'dGhlIHNhbXBsZSBub25jZQ==']);
    expect(stdout).toContain('258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
    expect(stdout).toContain('b37a4f2cc0624f1690f64606cf385945b2bec4ea');
  });

  it('takes --lang zh: the steps and the note in Chinese, the values unchanged', async () => {
    const { status, stdout, stderr } = await run([
      'accept',
      '--lang',
      'zh',
      '--steps',
      'dGhlIHNhbXBsZSBub25jZQ==',
    ]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain(
      '2. 拼接 GUID           dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11',
    );
    expect(stdout).toContain('3. SHA-1 填充          共 2 个 64 字节的块');
    expect(stdout).toContain('5. base64 → Accept     s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect((await run(['accept', '--lang=zh', 'short'])).stderr).toContain('服务端会拒绝这次握手');
    expect((await run(['accept', '--lang', 'zh', 'dGhlIHNhbXBsZSBub25jZQ=='])).stdout).toBe(
      's3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n',
    );
  });

  it('warns about a key a server would refuse', async () => {
    const { status, stderr } = await run(['accept', 'short']);
    expect(status).toBe(0);
    expect(stderr).toContain('not base64 of 16 bytes');
  });
});

describe('the installed bin', () => {
  it('runs as a real process with the right exit codes', async () => {
    const exec = promisify(execFile);
    const ok = await exec('node', [
      'bin/ws101.js',
      'decode',
      '--json',
      '81',
      '05',
      '48',
      '65',
      '6c',
      '6c',
      '6f',
    ]);
    expect(JSON.parse(ok.stdout).frames[0].text).toBe('Hello');
    const failed = await exec('node', ['bin/ws101.js', 'decode', '8']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('odd number of hex digits') });
  });
});
