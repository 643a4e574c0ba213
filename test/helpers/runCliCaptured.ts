import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';

/** Runs the CLI in-process with `stdin` as its input: its exit status and everything it printed. */
export async function runCliCaptured(
  argv: string[],
  stdin = '',
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => stdin,
    colour: false,
    env: {},
  };
  const status = await runCli(argv, io);
  return { status, stdout, stderr };
}
