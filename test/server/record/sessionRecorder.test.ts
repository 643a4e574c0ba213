import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeCapture, type WebSocketConnection } from '../../../src/capture/index.ts';
import { toHex } from '../../../src/protocol/index.ts';
import { captureDirectory, debianPython } from '../../helpers/liveCapture.ts';
import { tsharkFrames, tsharkMalformedCount } from '../../helpers/tshark.ts';
import { startTestServer, waitFor } from '../helpers.ts';

const run = promisify(execFile);
const peer = new URL('../../capture/peers/websocketsTraffic.py', import.meta.url).pathname;

describe('ws101 serve --record DIR', () => {
  it('writes each connection as a pcapng tshark reads with zero malformed packets, frame for frame', async () => {
    const directory = captureDirectory();
    const server = await startTestServer({ record: directory });
    try {
      // Debian's python3-websockets as the client against /echo, and against /echo?deflate=1 (permessage-deflate).
      for (const mode of ['plain', 'deflate']) {
        await run(debianPython, [
          peer,
          'client',
          `ws://127.0.0.1:${server.port}/echo${mode === 'deflate' ? '?deflate=1' : ''}`,
          mode,
        ]);
      }
      await waitFor(() => (readdirSync(directory).length === 2 ? true : undefined), 'two recordings');
    } finally {
      await server.close();
    }
    const files = readdirSync(directory).map((name) => join(directory, name));
    let compared = 0;
    for (const file of files) {
      expect(await tsharkMalformedCount(file)).toBe(0);
      const decoded = decodeCapture(new Uint8Array(readFileSync(file)));
      const connection = decoded.connections[0] as WebSocketConnection;
      expect(connection.kind).toBe('websocket');
      // The real ports: the server's own, and a client port the kernel chose.
      expect(connection.server.port).toBe(server.port);
      expect(connection.client.port).not.toBe(server.port);
      const ours = connection.timeline.map((f) => `${f.frame.opcode}:${toHex(f.frame.payload)}`);
      const theirs = (await tsharkFrames(file)).map((f) => `${f.opcode}:${f.payload}`);
      expect(theirs).toEqual(ours);
      // Five messages and their echoes, the fragmented one (4 frames + a ping, pong, echo), ping, pong,
      // "hello" and its echo, the two closes.
      expect(ours.length).toBe(23);
      compared += ours.length;
    }
    expect(compared).toBe(46);
    const deflated = files.map(
      (file) => decodeCapture(new Uint8Array(readFileSync(file))).connections[0] as WebSocketConnection,
    );
    expect(deflated.filter((c) => c.deflate !== null)).toHaveLength(1);
  });
});
