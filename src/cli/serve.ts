import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../protocol/index.ts';
import { type CliIo, ExitCode, UsageError } from './io.ts';
import { t } from './strings.ts';

/**
 * The folder holding ws101's package.json: the repository when run from the sources, the installed package
 * when run from dist/node. The prebuilt deck sits under it in both.
 */
export function packageRoot(from = fileURLToPath(import.meta.url)): string {
  let folder = dirname(from);
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${from}`);
    folder = parent;
  }
  return folder;
}

/**
 * `ws101 serve`: the server's own flags and console, with the deck built into the package as the default
 * `--static`. The server is imported only here, so decode and accept start without it.
 */
export async function serveCommand(args: string[], io: CliIo, lang: Language): Promise<number> {
  const { parseServerArgs, usage } = await import('../../server/options.ts');
  const parsed = parseServerArgs(args, io.env);
  if ('help' in parsed) {
    io.stdout(`${t(lang, 'serveUsage', { serverOptions: usage })}\n`);
    return ExitCode.ok;
  }
  if ('error' in parsed) throw new UsageError(parsed.error);
  if (parsed.options.dev) throw new UsageError(t(lang, 'serveNoDev'));
  const { runServerConsole } = await import('../../server/console.ts');
  await runServerConsole({ staticRoot: join(packageRoot(), 'dist', 'deck'), ...parsed.options });
  return ExitCode.ok;
}
