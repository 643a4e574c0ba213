#!/usr/bin/env node
// From the installed package: the compiled CLI in dist/node. In the repository, where the TypeScript sources
// sit beside this file, tsx compiles them on the fly so there is no build step to forget.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/process.ts', import.meta.url);
let cli;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(source.href);
} else {
  cli = await import('../dist/node/src/cli/process.js');
}
process.exitCode = await cli.runCliProcess(process.argv.slice(2));
