import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

type LockEntry = { dependencies?: Record<string, string>; dev?: boolean; [key: string]: unknown };
type Lock = { packages: Record<string, LockEntry> };
type Manifest = {
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
};

/**
 * Installs a packed ws101 into `app`, a new plain-JavaScript project, without the network: the lock file lists
 * ws101's runtime dependencies at the versions and integrity hashes of the repository's own lock, so
 * `npm ci --offline` takes them from the cache that installing the repository filled.
 */
export async function installOffline(app: string, tarball: string, repo: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as Manifest;
  const repoLock = JSON.parse(await readFile(join(repo, 'package-lock.json'), 'utf8')) as Lock;
  const spec = `file:${tarball}`;
  const packages: Record<string, LockEntry> = {
    '': { name: 'app', dependencies: { ws101: spec } },
    'node_modules/ws101': {
      version: manifest.version,
      resolved: spec,
      license: manifest.license,
      bin: manifest.bin,
      engines: manifest.engines,
      dependencies: manifest.dependencies,
    },
  };
  const pending = Object.keys(manifest.dependencies);
  while (pending.length > 0) {
    const key = `node_modules/${pending.pop()}`;
    if (packages[key]) continue;
    const entry = repoLock.packages[key];
    if (!entry) throw new Error(`${key} is a dependency of ws101 but not in package-lock.json`);
    const { dev: _dev, ...rest } = entry;
    packages[key] = rest;
    pending.push(...Object.keys(entry.dependencies ?? {}));
  }
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { ws101: spec } }, null, 2),
  );
  await writeFile(
    join(app, 'package-lock.json'),
    JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }, null, 2),
  );
  await exec('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: app, env: quietNpm() });
}

/** npm without its update check, which waits on the network for nothing. */
export function quietNpm(): NodeJS.ProcessEnv {
  return { ...process.env, npm_config_update_notifier: 'false', NO_COLOR: '1' };
}
