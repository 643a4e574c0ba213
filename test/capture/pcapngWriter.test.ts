import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  decodeCapture,
  inflateMessages,
  sessionPcapng,
  tcpPackets,
  type WebSocketConnection,
} from '../../src/capture/index.ts';
import { NodeInflater } from '../../src/cli/nodeInflater.ts';
import {
  decodeFrames,
  decodeUtf8Lenient,
  encodeFrame,
  type Frame,
  frameWireBytes,
  Opcode,
  toHex,
} from '../../src/protocol/index.ts';
import { deflatedMessage, echoSession, echoSessionFrames } from '../helpers/captureSession.ts';
import { captureDirectory } from '../helpers/liveCapture.ts';
import { tsharkFrames, tsharkMalformedCount } from '../helpers/tshark.ts';

const run = promisify(execFile);
const directory = captureDirectory();

const ipv4 = echoSession();
const ipv6 = echoSession({ address: '::1', port: 50_001 }, { address: '::1', port: 8080 });
// A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d: written as IPv4.
const mapped = echoSession(
  { address: '::ffff:127.0.0.1', port: 50_002 },
  { address: '::ffff:127.0.0.1', port: 8080 },
);
const deflate = echoSession(
  { address: '127.0.0.1', port: 50_003 },
  { address: '127.0.0.1', port: 8080 },
  {
    client: [
      encodeFrame({
        opcode: Opcode.text,
        rsv1: true,
        payload: deflatedMessage('squeezed text'),
        mask: Uint8Array.of(9, 8, 7, 6),
      }),
    ],
    server: [encodeFrame({ opcode: Opcode.text, rsv1: true, payload: deflatedMessage('squeezed text') })],
  },
  'permessage-deflate; client_no_context_takeover; server_no_context_takeover',
);

function save(name: string, connections = [ipv4, ipv6, mapped, deflate]): string {
  const file = join(directory, name);
  writeFileSync(file, sessionPcapng(connections));
  return file;
}

describe('a saved session opens in tshark', () => {
  it('with zero malformed packets, no warning, and nothing TCP analysis calls lost or retransmitted', async () => {
    const file = save('session.pcapng');
    expect(await tsharkMalformedCount(file)).toBe(0);
    // Expert severities: chat 0x200000, note 0x400000, warning 0x600000, error 0x800000. A FIN is a note.
    const flagged =
      'tcp.analysis.retransmission || tcp.analysis.lost_segment || tcp.analysis.ack_lost_segment || tcp.analysis.out_of_order || tcp.analysis.zero_window || _ws.expert.severity >= 0x600000';
    const { stdout } = await run('tshark', ['-r', file, '-Y', flagged, '-T', 'fields', '-e', 'frame.number']);
    expect(stdout.trim()).toBe('');
    // Every packet written is read (none lost to a bad block).
    const { stdout: count } = await run('capinfos', ['-c', '-M', file]);
    const written = [ipv4, ipv6, mapped, deflate].reduce((sum, c) => sum + tcpPackets(c).length, 0);
    expect(Number(/Number of packets:\s+(\d+)/.exec(count)?.[1])).toBe(written);
  });

  it('every frame dissected as WebSocket, with the payloads that were written', async () => {
    const file = save('frames.pcapng');
    const tshark = await tsharkFrames(file);
    const written = [ipv4, ipv6, mapped, deflate].flatMap((connection) =>
      connection.chunks
        .slice(2)
        .flatMap(
          (chunk) => decodeFrames(chunk.bytes, { sender: chunk.sender, perMessageDeflate: true }).frames,
        ),
    );
    expect(tshark.length).toBe(written.length);
    const byKey = (frames: { payload: string; opcode: number }[]) =>
      frames.map((f) => `${f.opcode}:${f.payload}`).sort();
    expect(byKey(tshark)).toEqual(
      byKey(written.map((f) => ({ opcode: f.opcode, payload: toHex(f.payload) }))),
    );
    // tshark inflates the compressed text with the parameters the handshake gave.
    expect(tshark.filter((f) => f.text === 'squeezed text')).toHaveLength(2);
    // The ports are the recorded ones.
    expect(new Set(tshark.map((f) => f.sourcePort))).toEqual(new Set([50_000, 50_001, 50_002, 50_003, 8080]));
  });
});

describe('reopening a saved session in ws101 shows what was recorded', () => {
  it('the same connections, frames and texts', async () => {
    const decoded = decodeCapture(sessionPcapng([ipv4, ipv6, mapped, deflate]));
    const connections = decoded.connections as WebSocketConnection[];
    expect(connections.map((c) => c.kind)).toEqual(['websocket', 'websocket', 'websocket', 'websocket']);
    expect(connections.map((c) => `${c.client.address}:${c.client.port}`)).toEqual([
      '127.0.0.1:50000',
      '::1:50001',
      '127.0.0.1:50002',
      '127.0.0.1:50003',
    ]);
    const frames = echoSessionFrames();
    expect(connections[0]!.fromClient.frames.map((f) => toHex(encodeAgain(f.frame)))).toEqual(
      frames.client.map((b) => toHex(b)),
    );
    expect(connections[1]!.fromServer.frames.map((f) => toHex(encodeAgain(f.frame)))).toEqual(
      frames.server.map((b) => toHex(b)),
    );
    const squeezed = connections[3]!;
    expect(squeezed.deflate?.clientNoContextTakeover).toBe(true);
    await inflateMessages(squeezed.fromServer.messages, squeezed.deflate!, () => new NodeInflater());
    expect(decodeUtf8Lenient(squeezed.fromServer.messages[0]!.inflated!.bytes)).toBe('squeezed text');
    // Timestamps are the tap's, to the microsecond.
    expect(connections[0]!.fromClient.frames[0]!.timestampMicros).toBe(ipv4.chunks[2]!.timestampMicros);
  });
});

function encodeAgain(frame: Frame): Uint8Array {
  return frameWireBytes(frame);
}
