import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerOptions } from '../../../server/options.ts';
import type { RunningServer } from '../../../server/server.ts';
import { selfSignedCert } from '../../helpers/selfSignedCert.ts';
import { startTestServer, waitFor } from '../helpers.ts';

const cert = selfSignedCert();
let server: RunningServer | undefined;
const opened: Socket[] = [];
afterEach(async () => {
  for (const socket of opened.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
});

function startTls(options: Partial<ServerOptions>): Promise<RunningServer> {
  return startTestServer({ tlsCert: cert!.cert, tlsKey: cert!.key, ...options }).then((s) => {
    server = s;
    return s;
  });
}

/** A TCP connection that never sends a byte (no ClientHello), and whether the server has closed it. */
function silentSocket(port: number, from = '127.0.0.1'): Promise<{ socket: Socket; closed: () => boolean }> {
  return new Promise((resolve, reject) => {
    let closed = false;
    const socket = connect({ port, host: '127.0.0.1', localAddress: from });
    opened.push(socket);
    socket.on('close', () => {
      closed = true;
    });
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, closed: () => closed }));
    socket.once('error', reject);
  });
}

/** A whole HTTPS request from `from`: its status line, or null when the connection was refused. */
function httpsStatus(port: number, from: string): Promise<string | null> {
  return new Promise((resolve) => {
    const raw = connect({ port, host: '127.0.0.1', localAddress: from });
    opened.push(raw);
    const socket = tlsConnect({ socket: raw, rejectUnauthorized: false });
    opened.push(socket);
    let seen = '';
    socket.on('secureConnect', () => socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (seen.includes('\r\n')) resolve(seen.slice(0, seen.indexOf('\r\n')));
    });
    socket.on('error', () => resolve(null));
    socket.on('close', () => resolve(null));
  });
}

describe.runIf(cert)('TLS: each address is counted on its raw TCP connection, before the handshake', () => {
  it('past the per-address cap, a connection that has not said hello yet is closed at once', async () => {
    const s = await startTls({ maxConnectionsPerIp: 3 });
    const silent = await Promise.all([1, 2, 3].map(() => silentSocket(s.port)));
    const fourth = await silentSocket(s.port);
    await waitFor(() => (fourth.closed() ? true : undefined), 'the fourth closed');
    expect(silent.map((one) => one.closed())).toEqual([false, false, false]);
    // Another address is not held up by them.
    expect(await httpsStatus(s.port, '127.0.0.2')).toBe('HTTP/1.1 200 OK');
  });

  it('a connection that never sends its ClientHello is dropped at the HTTP deadline', async () => {
    const s = await startTls({ handshakeTimeoutMs: 300 });
    const silent = await silentSocket(s.port);
    await waitFor(() => (silent.closed() ? true : undefined), 'the silent one closed', 10_000);
    expect(silent.closed()).toBe(true);
  });
});

describe('plain HTTP: the same count, on the same raw connection', () => {
  it('past the per-address cap, a silent connection is closed at once', async () => {
    server = await startTestServer({ maxConnectionsPerIp: 2 });
    const silent = await Promise.all([1, 2].map(() => silentSocket(server!.port)));
    const third = await silentSocket(server.port);
    await waitFor(() => (third.closed() ? true : undefined), 'the third closed');
    expect(silent.map((one) => one.closed())).toEqual([false, false]);
  });
});
