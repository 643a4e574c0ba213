import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Language } from '../protocol/index.ts';
import { UsageError } from './io.ts';
import { t } from './strings.ts';

/**
 * The language for everything the CLI prints, messages about bad flags included: so it is read before the
 * flags are parsed, from `--lang en|zh` (either spelling) or else the environment.
 */
export function cliLanguage(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Language {
  for (let i = 0; i < argv.length; i++) {
    const value =
      argv[i] === '--lang' ? argv[i + 1] : argv[i]?.startsWith('--lang=') ? argv[i]!.slice(7) : null;
    if (value === 'en' || value === 'zh') return value;
  }
  return (env.LC_ALL ?? env.LANG ?? '').startsWith('zh') ? 'zh' : 'en';
}

/** The option a parser message names, e.g. `'--from <value>'` → `--from`. */
function quotedOption(message: string): string {
  return /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? message;
}

/** Node's parser, with its messages (long, English, with advice about `--`) said in one short line. */
export function parseCommandArgs<T extends ParseArgsConfig>(
  config: T,
  lang: Language,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(t(lang, 'unknownOption', { option: quotedOption(message) }));
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = quotedOption(message);
      throw new UsageError(
        t(lang, message.includes('does not take') ? 'takesNoValue' : 'missingValue', { option }),
      );
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError(
        t(lang, 'unexpectedArgument', { argument: /'([^']*)'/.exec(message)?.[1] ?? message }),
      );
    }
    throw error;
  }
}
