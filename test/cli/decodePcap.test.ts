import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packetsPcapng, sessionPcapng, tcpPackets } from '../../src/capture/index.ts';
import { encodeFrame, Opcode } from '../../src/protocol/index.ts';
import { deflatedMessage, echoSession } from '../helpers/captureSession.ts';
import { captureDirectory } from '../helpers/liveCapture.ts';
import { runCliCaptured } from '../helpers/runCliCaptured.ts';

const run = runCliCaptured;

const directory = captureDirectory();
const write = (name: string, bytes: Uint8Array) => {
  const file = join(directory, name);
  writeFileSync(file, bytes);
  return file;
};

describe('ws101 decode --pcap', () => {
  const session = echoSession();
  const file = write('echo.pcapng', sessionPcapng([session]));

  it('lists every frame of every connection, in capture order', async () => {
    const { status, stdout } = await run(['decode', '--pcap', file]);
    expect(status).toBe(0);
    expect(stdout).toContain('1 WebSocket connection');
    expect(stdout).toContain('127.0.0.1:50000 → 127.0.0.1:8080');
    expect(stdout).toContain('GET /echo HTTP/1.1  →  HTTP/1.1 101 Switching Protocols');
    expect(stdout.split('\n').filter((line) => /^ {2}\d+ /.test(line))).toHaveLength(13);
    expect(stdout).toContain('"frag-"');
  });

  it('--json gives each frame its fields, packets and time', async () => {
    const { status, stdout } = await run(['decode', '--pcap', file, '--json']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    const [connection] = json.connections;
    expect(connection.kind).toBe('websocket');
    expect(connection.frames).toHaveLength(13);
    expect(connection.frames[0]).toMatchObject({
      index: 1,
      sender: 'client',
      opcode: 1,
      masked: true,
      time: 0,
      text: '0:aaa',
    });
    expect(connection.frames[0].fields.map((f: { name: string }) => f.name)).toContain('maskingKey');
    expect(connection.frames[1].time).toBe(0.001);
  });

  it('inflates permessage-deflate messages with what the handshake agreed', async () => {
    const compressed = echoSession(
      undefined,
      undefined,
      {
        client: [
          encodeFrame({ opcode: Opcode.text, rsv1: true, payload: deflatedMessage('tiny'), mask: true }),
        ],
        server: [encodeFrame({ opcode: Opcode.text, rsv1: true, payload: deflatedMessage('tiny') })],
      },
      'permessage-deflate',
    );
    const { stdout } = await run([
      'decode',
      '--pcap',
      write('deflate.pcapng', sessionPcapng([compressed])),
      '--json',
    ]);
    const frames = JSON.parse(stdout).connections[0].frames;
    expect(frames.map((f: { inflated: { text: string } }) => f.inflated.text)).toEqual(['tiny', 'tiny']);
  });

  it('shows a lost segment as a gap', async () => {
    const packets = tcpPackets(session);
    const lost = packets.findIndex((p) => p.fromClient && p.payload.length === 32 * 1024);
    const { stdout } = await run([
      'decode',
      '--pcap',
      write('gap.pcapng', packetsPcapng(packets.filter((_, i) => i !== lost))),
    ]);
    expect(stdout).toMatch(/gap: \d+ bytes from the client were not captured/);
  });

  it('names a file that is not a capture, with exit status 2', async () => {
    const { status, stderr } = await run([
      'decode',
      '--pcap',
      write('not.txt', new TextEncoder().encode('hello')),
    ]);
    expect(status).toBe(2);
    expect(stderr).toContain('not a pcap or pcapng file');
  });

  it('refuses a port that is not one', async () => {
    const { status, stderr } = await run(['decode', '--pcap', file, '--port', '70000']);
    expect(status).toBe(2);
    expect(stderr).toContain('--port must be a TCP port');
  });
});
