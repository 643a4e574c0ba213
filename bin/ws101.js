#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { runCliProcess } = await import('../src/cli/process.ts');
process.exitCode = await runCliProcess(process.argv.slice(2));
