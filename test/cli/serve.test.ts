import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';
import { packageRoot } from '../../src/cli/serve.ts';

describe('ws101 serve', () => {
  it('finds the package root (here the repository) from its own file, whatever the working folder', () => {
    expect(packageRoot()).toBe(resolve(import.meta.dirname, '../..'));
    expect(existsSync(join(packageRoot(), 'package.json'))).toBe(true);
  });

  it('--help gives the server flags', async () => {
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
    expect(await runCli(['serve', '--help'], io)).toBe(0);
    expect(stdout).toMatch(/^ws101 serve: /);
    for (const flag of ['--port', '--host', '--presenter-token', '--allow-origin'])
      expect(stdout).toContain(flag);
  });
});
