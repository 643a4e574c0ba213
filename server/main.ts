import { runServerConsole } from './console.ts';
import { parseServerArgs, usage } from './options.ts';

/** The repository's entry (`npm start`, `npm run dev`): flags in, then the console server. */
const parsed = parseServerArgs(process.argv.slice(2), process.env);
if ('help' in parsed) {
  console.log(usage);
  process.exit(0);
}
if ('error' in parsed) {
  console.error(`${parsed.error}\n\n${usage}`);
  process.exit(2);
}
await runServerConsole(parsed.options);
