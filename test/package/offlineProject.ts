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
  // Each dependency as Node resolves it from the package that needs it: its own nested node_modules
  // first (websocket keeps an older debug there), then each folder up, as the repository's lock lays it out.
  const pending = Object.keys(manifest.dependencies).map((name) => ({ from: '', name }));
  while (pending.length > 0) {
    const { from, name } = pending.pop()!;
    const key = resolveInLock(repoLock, from, name);
    if (!key) throw new Error(`${name} is a dependency of ws101 but not in package-lock.json`);
    if (packages[key]) continue;
    const { dev: _dev, ...rest } = repoLock.packages[key]!;
    // The repository's lock omits `resolved` (.npmrc): without it npm asks the registry for the package's
    // metadata, which the cache may not hold; with it, the tarball comes from the cache by its integrity.
    packages[key] = { resolved: tarballUrl(name, String(rest.version)), ...rest };
    pending.push(
      ...Object.keys(rest.dependencies ?? {}).map((dependency) => ({ from: key, name: dependency })),
    );
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

/** Where `name`, needed by the package at `from` (a lock key, '' for the root), is in the lock. */
function resolveInLock(lock: Lock, from: string, name: string): string | null {
  let folder = from;
  for (;;) {
    const key = `${folder ? `${folder}/` : ''}node_modules/${name}`;
    if (lock.packages[key]) return key;
    if (!folder) return null;
    const cut = folder.lastIndexOf('/node_modules/');
    folder = cut < 0 ? '' : folder.slice(0, cut);
  }
}

/** The registry's address of a package's tarball, as npm caches it. */
function tarballUrl(name: string, version: string): string {
  return `https://registry.npmjs.org/${name}/-/${name.split('/').at(-1)}-${version}.tgz`;
}

/** npm without its update check, which waits on the network for nothing. */
export function quietNpm(): NodeJS.ProcessEnv {
  return { ...process.env, npm_config_update_notifier: 'false', NO_COLOR: '1' };
}
