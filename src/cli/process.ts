import { runCli } from './main.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The CLI wired to the real process: its streams, its environment, its terminal. */
export function runCliProcess(argv: string[]): Promise<number> {
  const env = process.env;
  const colour =
    env.NO_COLOR === undefined && (env.FORCE_COLOR !== undefined || process.stdout.isTTY === true);
  return runCli(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin,
    colour,
    env,
  });
}
