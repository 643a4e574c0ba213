import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The conformance panel: echo servers nobody here wrote, each with its library's defaults. Python's run in
 * Debian's /usr/bin/python3 (python3-websockets, -aiohttp, -tornado, -wsproto), ws and WebSocket-Node in
 * Node (nodeEcho.mjs); each in a process of its own, apart from the test's clients. Every one echoes what its library hands over and decides nothing itself.
 */
export const panelNames = ['websockets', 'aiohttp', 'tornado', 'wsproto', 'ws', 'websocket-node'] as const;
export type PanelName = (typeof panelNames)[number];

export type PanelServer = { readonly name: PanelName; readonly url: string; close(): Promise<void> };

const pythonEcho = fileURLToPath(new URL('./pythonEcho.py', import.meta.url));
const nodeEcho = fileURLToPath(new URL('./nodeEcho.mjs', import.meta.url));

/** Starts one server in a process of its own and waits for its "listening <port>". */
function startProcess(
  name: PanelName,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<PanelServer> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${name} did not start within 30 s: ${err}`));
    }, 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /listening (\d+)/.exec(out)?.[1];
      if (!port) return;
      clearTimeout(timer);
      resolve({
        name,
        url: `ws://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill();
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${err}`));
    });
  });
}

export function startPanelServer(name: PanelName): Promise<PanelServer> {
  return name === 'ws' || name === 'websocket-node'
    ? startProcess(name, process.execPath, [nodeEcho, name], {})
    : startProcess(name, '/usr/bin/python3', [pythonEcho, name], {
        // The user's site-packages must not shadow Debian's libraries.
        PATH: '/usr/bin:/bin',
        PYTHONNOUSERSITE: '1',
      });
}
