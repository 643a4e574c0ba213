import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeCapture } from '../../src/capture/index.ts';

const run = promisify(execFile);

/** Debian's python3 (its websockets), not the pyenv python first on PATH. */
export const debianPython = '/usr/bin/python3';

export const captureDirectory = () => mkdtempSync(join(tmpdir(), 'ws101-capture-'));

/** A port nobody listens on now, on the given loopback address. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts dumpcap on an interface for one TCP port and resolves once it says it is capturing. */
function startDumpcap(device: string, port: number, file: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('dumpcap', ['-i', device, '-f', `tcp port ${port}`, '-w', file], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let said = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('Capturing on')) resolve(child);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dumpcap exited (${code}) before capturing: ${said}`)));
  });
}

function stopDumpcap(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/**
 * Captures on loopback (`lo`: Ethernet link type; `any`: Linux cooked) while `traffic(port)` runs, and
 * returns the pcapng file dumpcap wrote. Needs root, as capturing does.
 */
export async function captureWhile(
  device: 'lo' | 'any',
  host: string,
  file: string,
  traffic: (port: number) => Promise<void>,
): Promise<string> {
  const port = await freePort(host);
  const dumpcap = await startDumpcap(device, port, file);
  try {
    await traffic(port);
    await closingHandshakeWritten(file);
  } finally {
    await stopDumpcap(dumpcap);
  }
  return file;
}

/**
 * dumpcap writes what the kernel hands it a little after the traffic ends: stopping it at once can lose the
 * tail. Waits (up to 20 s) until the file holds both close frames of every WebSocket connection in it.
 */
async function closingHandshakeWritten(file: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    let decoded: ReturnType<typeof decodeCapture> | null = null;
    try {
      decoded = decodeCapture(new Uint8Array(readFileSync(file)));
    } catch {
      decoded = null; // not written yet
    }
    const websockets = decoded?.connections.filter((connection) => connection.kind === 'websocket') ?? [];
    const closed = websockets.every(
      (connection) =>
        connection.kind === 'websocket' &&
        connection.fromClient.frames.some((f) => f.frame.opcode === 8) &&
        connection.fromServer.frames.some((f) => f.frame.opcode === 8),
    );
    if (websockets.length > 0 && closed) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the capture ${file} never showed both close frames`);
}

/** Debian's python3-websockets client and server talking (see test/capture/peers/websocketsTraffic.py). */
export async function pythonWebsocketsTraffic(
  host: string,
  port: number,
  mode: 'deflate' | 'plain',
): Promise<void> {
  await run(debianPython, [
    new URL('../capture/peers/websocketsTraffic.py', import.meta.url).pathname,
    host,
    String(port),
    mode,
  ]);
}
