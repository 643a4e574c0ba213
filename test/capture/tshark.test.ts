import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CapturedFrame,
  decodeCapture,
  inflateMessages,
  LinkType,
  readCaptureFile,
  type WebSocketConnection,
} from '../../src/capture/index.ts';
import { NodeInflater } from '../../src/cli/nodeInflater.ts';
import { decodeUtf8Lenient, toHex, wirePayloadOf } from '../../src/protocol/index.ts';
import { captureDirectory, captureWhile, pythonWebsocketsTraffic } from '../helpers/liveCapture.ts';
import { relinked, writeClassicPcap } from '../helpers/pcapRewrite.ts';
import { type TsharkFrame, tsharkFrames } from '../helpers/tshark.ts';

const run = promisify(execFile);

/**
 * Real traffic between Debian's python3-websockets client and server, captured on loopback while the test
 * runs, then read by ws101 and by tshark's WebSocket dissector: every frame must agree field for field.
 */
const directory = captureDirectory();
const captures: Record<string, string> = {};
let framesCompared = 0;

beforeAll(async () => {
  const sessions = [
    { name: 'ipv4-plain-ethernet', device: 'lo', host: '127.0.0.1', mode: 'plain' },
    { name: 'ipv4-deflate-ethernet', device: 'lo', host: '127.0.0.1', mode: 'deflate' },
    { name: 'ipv6-plain-sll', device: 'any', host: '::1', mode: 'plain' },
    { name: 'ipv6-deflate-ethernet', device: 'lo', host: '::1', mode: 'deflate' },
  ] as const;
  await Promise.all(
    sessions.map(async ({ name, device, host, mode }) => {
      captures[name] = await captureWhile(device, host, join(directory, `${name}.pcapng`), (port) =>
        pythonWebsocketsTraffic(host, port, mode),
      );
    }),
  );
  // The same traffic under the other link types, as classic pcap files.
  const packetsOf = (name: string) => readCaptureFile(new Uint8Array(readFileSync(captures[name]!))).packets;
  captures['ipv4-plain-raw-ip.pcap'] = join(directory, 'raw.pcap');
  writeClassicPcap(
    captures['ipv4-plain-raw-ip.pcap'],
    LinkType.raw,
    relinked(packetsOf('ipv4-plain-ethernet'), 'raw'),
  );
  captures['ipv6-deflate-null.pcap'] = join(directory, 'null.pcap');
  writeClassicPcap(
    captures['ipv6-deflate-null.pcap'],
    LinkType.null,
    relinked(packetsOf('ipv6-deflate-ethernet'), 'null'),
  );
  captures['ipv6-plain-sll2.pcap'] = join(directory, 'sll2.pcap');
  writeClassicPcap(
    captures['ipv6-plain-sll2.pcap'],
    LinkType.linuxSll2,
    relinked(packetsOf('ipv6-plain-sll'), 'sll2'),
  );
  // Two interfaces (Ethernet and Linux cooked) in one pcapng.
  captures['two-interfaces'] = join(directory, 'merged.pcapng');
  await run('mergecap', [
    '-w',
    captures['two-interfaces'],
    captures['ipv4-deflate-ethernet']!,
    captures['ipv6-plain-sll']!,
  ]);
}, 60_000);

afterAll(() => {
  console.log(
    `capture/tshark: ${framesCompared} frames over ${Object.keys(captures).length} captures matched tshark field for field`,
  );
});

type Compared = Omit<TsharkFrame, 'packet' | 'sourcePort' | 'text' | 'closeCode'>;

function ours(captured: CapturedFrame): Compared {
  const { frame } = captured;
  return {
    fin: frame.fin,
    rsv: (frame.rsv1 ? 4 : 0) | (frame.rsv2 ? 2 : 0) | (frame.rsv3 ? 1 : 0),
    opcode: frame.opcode,
    masked: frame.masked,
    lengthCode: frame.lengthCode,
    extendedLength: frame.lengthForm === 7 ? null : frame.payloadLength,
    maskingKey: frame.maskingKey ? toHex(frame.maskingKey) : null,
    wirePayload: toHex(wirePayloadOf(frame)),
    payload: toHex(frame.payload),
  };
}

function theirs({
  packet: _packet,
  sourcePort: _port,
  text: _text,
  closeCode: _code,
  ...rest
}: TsharkFrame): Compared {
  return rest;
}

async function compare(file: string): Promise<{ connections: WebSocketConnection[]; frames: number }> {
  const decoded = decodeCapture(new Uint8Array(readFileSync(file)));
  const tshark = await tsharkFrames(file);
  const connections = decoded.connections.filter((c): c is WebSocketConnection => c.kind === 'websocket');
  let frames = 0;
  for (const connection of connections) {
    for (const direction of [connection.fromClient, connection.fromServer]) {
      const port = direction.sender === 'client' ? connection.client.port : connection.server.port;
      const expected = tshark.filter((frame) => frame.sourcePort === port);
      expect(direction.frames.map(ours)).toEqual(expected.map(theirs));
      // The packet each frame completes in is the packet tshark shows it in.
      expect(direction.frames.map((f) => f.packets[f.packets.length - 1])).toEqual(
        expected.map((f) => f.packet),
      );
      // Texts and close codes as tshark shows them; a compressed message inflated with context takeover.
      await inflateMessages(direction.messages, connection.deflate ?? noDeflate, () => new NodeInflater());
      for (const captured of direction.messages) {
        const message = captured.message;
        if (message.frames.length !== 1 || message.opcode !== 1) continue; // tshark 4.0 inflates fragments one by one
        const shown = expected.find(
          (frame) =>
            frame.packet === direction.frames.find((f) => f.frame === message.frames[0])!.packets.at(-1),
        );
        const text = captured.inflated ? decodeUtf8Lenient(captured.inflated.bytes) : message.text;
        expect(text).toBe(shown!.text);
      }
      frames += direction.frames.length;
    }
  }
  expect(frames).toBe(tshark.length);
  framesCompared += frames;
  return { connections, frames };
}

const noDeflate = {
  serverNoContextTakeover: false,
  clientNoContextTakeover: false,
  serverMaxWindowBits: null,
  clientMaxWindowBits: null,
};

describe('every frame equals tshark’s dissection', () => {
  for (const name of [
    'ipv4-plain-ethernet',
    'ipv4-deflate-ethernet',
    'ipv6-plain-sll',
    'ipv6-deflate-ethernet',
    'ipv4-plain-raw-ip.pcap',
    'ipv6-deflate-null.pcap',
    'ipv6-plain-sll2.pcap',
    'two-interfaces',
  ]) {
    it(name, async () => {
      const { connections, frames } = await compare(captures[name]!);
      expect(connections.length).toBe(name === 'two-interfaces' ? 2 : 1);
      // Five messages each way (text, UTF-8 text, binary, 16- and 64-bit lengths): 10; three fragments and
      // the empty final one websockets sends after an iterator, a ping between them, its pong and the echo: 7;
      // ping and pong: 2; "hello" and its echo: 2; the closes: 2.
      expect(frames).toBe(23 * connections.length);
    });
  }
});

describe('what the captures hold', () => {
  it('the deflate session negotiated permessage-deflate, and a message that refers back to an earlier one inflates', async () => {
    const decoded = decodeCapture(new Uint8Array(readFileSync(captures['ipv4-deflate-ethernet']!)));
    const connection = decoded.connections[0] as WebSocketConnection;
    expect(connection.deflate).not.toBeNull();
    await inflateMessages(connection.fromServer.messages, connection.deflate!, () => new NodeInflater());
    const texts = connection.fromServer.messages.map((m) =>
      m.inflated ? decodeUtf8Lenient(m.inflated.bytes) : null,
    );
    expect(texts).toContain('first second third');
    expect(texts.at(-1)).toBe('hello');
    // "héllo 世界" was compressed against the "hello" before it (context takeover): alone, it does not inflate.
    const second = connection.fromServer.messages[texts.indexOf('héllo 世界')]!;
    const alone = await new NodeInflater().inflate(second.message.payload);
    expect(alone.error).not.toBeNull();
  });

  it('the merged pcapng has two interfaces with two link types', () => {
    const file = readCaptureFile(new Uint8Array(readFileSync(captures['two-interfaces']!)));
    expect(file.interfaces.map((i) => i.linkType).sort()).toEqual([LinkType.ethernet, LinkType.linuxSll]);
  });
});
