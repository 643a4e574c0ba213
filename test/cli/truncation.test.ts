import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';
import { truncation } from '../../src/cli/truncation.ts';
import { parseHex } from '../../src/protocol/index.ts';

function bytes(hex: string): Uint8Array {
  const parsed = parseHex(hex);
  if (!parsed.ok) throw new Error(hex);
  return parsed.bytes;
}

async function run(argv: string[]) {
  let stdout = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: () => {},
    readStdin: async () => '',
    colour: false,
    env: {},
  };
  const status = await runCli(argv, io);
  return { status, stdout };
}

describe('what a truncated frame still needs', () => {
  it('one byte: the header needs at least one more before its length is known', () => {
    expect(truncation(bytes('81'))).toEqual({
      have: 1,
      headerLength: null,
      headerMissing: 1,
      payloadLength: null,
      payloadMissing: null,
    });
  });

  it('the RFC masked "Hello" cut after 4 bytes: 2 header bytes and 5 payload bytes, 7 in all', () => {
    expect(truncation(bytes('81 85 37 fa'))).toEqual({
      have: 4,
      headerLength: 6,
      headerMissing: 2,
      payloadLength: 5,
      payloadMissing: 5,
    });
  });

  it('a 16-bit length cut in half: the length is not known yet', () => {
    expect(truncation(bytes('82 7e 01'))).toMatchObject({
      headerLength: 4,
      headerMissing: 1,
      payloadLength: null,
    });
  });

  it('a 64-bit length that arrived: read big-endian, the key still missing', () => {
    expect(truncation(bytes('82 ff 00 00 00 00 00 01 00 00 aa'))).toEqual({
      have: 11,
      headerLength: 14,
      headerMissing: 3,
      payloadLength: 65536,
      payloadMissing: 65536,
    });
  });

  it('a whole header and part of the payload: only the payload is short', () => {
    expect(truncation(bytes('81 05 48 65'))).toMatchObject({
      headerMissing: 0,
      payloadLength: 5,
      payloadMissing: 3,
    });
  });
});

describe('ws101 decode on input that ends inside a frame', () => {
  it('says so plainly, with the bytes the header and the payload still need', async () => {
    const { status, stdout } = await run(['decode', '81 85 37 fa']);
    expect(status).toBe(0);
    expect(stdout).toContain(
      'input ends inside frame 1: 4 bytes of it arrived, kept as the remainder (81 85 37 fa)',
    );
    expect(stdout).toContain(
      'the header needs 2 bytes more (6 in all) and the payload 5 more (5 in all): 7 more in all',
    );
  });

  it('counts frames: the cut one is the one after the last whole frame', async () => {
    const { stdout } = await run(['decode', '89 00 81 05 48 65']);
    expect(stdout).toContain('input ends inside frame 2: 4 bytes of it arrived');
    expect(stdout).toContain('the header is whole (2 bytes); the payload needs 3 bytes more (5 in all)');
  });

  it('in Chinese too', async () => {
    const { stdout } = await run(['decode', '--lang', 'zh', '81 85 37 fa']);
    expect(stdout).toContain('输入在第 1 帧中间结束');
    expect(stdout).toContain('帧头还差 2 字节（共 6 字节），负载还差 5 字节（共 5 字节）：一共还差 7 字节');
  });

  it('--json keeps the bytes in remainder and adds what they need', async () => {
    const json = JSON.parse((await run(['decode', '--json', '81 85 37 fa'])).stdout);
    expect(json.remainder).toBe('8185 37fa'.replace(' ', ''));
    expect(json.truncated).toEqual({
      have: 4,
      headerLength: 6,
      headerMissing: 2,
      payloadLength: 5,
      payloadMissing: 5,
    });
    expect(JSON.parse((await run(['decode', '--json', '81 00'])).stdout).truncated).toBeNull();
  });
});
