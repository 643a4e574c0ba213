import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';
import { cliStrings } from '../../src/cli/strings.ts';

async function run(argv: string[], env: CliIo['env'] = {}) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => '',
    colour: false,
    env,
  });
  return { status, stdout, stderr };
}

// One input per kind of output the table has: masked text, a close frame, an oversized payload, a violation,
// input that ends inside a frame; and the sender line (inferred) before them.
const inputs = [
  ['81 85 37 fa 21 3d 7f 9f 4d 51 58'],
  ['88 02 03 e8', '88 00'],
  ['--max-payload', '2', '82 03 01 02 03'],
  ['--from', 'client', '89 00'],
  ['81 85 37 fa'],
  ['81'],
];

// Words only the English table prints; none of them may show through when Chinese was asked for.
const english = [
  /\bFrame \d/,
  /\bbits? \d/,
  /sender:/,
  /inferred/,
  // (not the rule names: `unmasked-client-frame` is an identifier, like the opcode names)
  /\bmasked\b(?!-)/,
  /\bunmasked\b(?!-)/,
  /\bbytes\b/,
  /no protocol violation/,
  /not kept/,
  /no code/,
  /input ends/,
  /the header/,
  /Payload len|Masking-key|Payload Data|Extended payload length/,
  /client → server|server → client/,
];

describe('ws101 decode --lang zh', () => {
  it.each(inputs)('%s: every line in Chinese', async (...args) => {
    const { stdout } = await run(['decode', '--lang', 'zh', ...args]);
    for (const word of english) expect(stdout).not.toMatch(word);
    const { stdout: fromEnv } = await run(['decode', ...args], { LANG: 'zh_CN.UTF-8' });
    expect(fromEnv).toBe(stdout);
  });

  it('puts the frame title, bit ranges and field names in Chinese, lined up by terminal columns', async () => {
    const { stdout } = await run(['decode', '--lang', 'zh', '81 85 37 fa 21 3d 7f 9f 4d 51 58']);
    expect(stdout).toContain('第 1 帧 · 客户端 → 服务端 · text · 11 字节');
    expect(stdout).toContain('FIN 结束位   第 0 位       1');
    expect(stdout).toContain('RSV2 保留位  第 2 位       0');
    expect(stdout).toContain('负载长度     第 9–15 位    5');
    expect(stdout).toContain('  还原后  48 65 6c 6c 6f');
    expect(stdout).toContain('✓ 没有违反协议');
  });

  it('prints the help in Chinese', async () => {
    const { status, stdout } = await run(['--help', '--lang', 'zh']);
    expect(status).toBe(0);
    expect(stdout).toBe(`${cliStrings.catalogues.zh.usage}\n`);
    expect((await run(['decode', '--lang=zh', '--help'])).stdout).toContain('退出状态');
  });

  it('says what is wrong with the flags in Chinese, in one line', async () => {
    for (const argv of [
      ['decode', '--lang', 'zh', '--bogus'],
      ['decode', '--lang', 'zh', '--from'],
      ['decode', '--lang', 'zh', '--from', 'proxy', '81 00'],
      ['accept', '--lang', 'zh'],
      ['frobnicate', '--lang', 'zh'],
    ]) {
      const { status, stderr } = await run(argv);
      expect(status).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('the catalogue', () => {
  it('has every string in both languages, and no two languages print the same sentence', () => {
    const keys = (language: 'en' | 'zh') => Object.keys(cliStrings.catalogues[language]).sort();
    expect(keys('zh')).toEqual(keys('en'));
    expect(cliStrings.catalogues.zh.usage).not.toBe(cliStrings.catalogues.en.usage);
    expect(cliStrings.catalogues.zh.noViolation).not.toBe(cliStrings.catalogues.en.noViolation);
  });
});
