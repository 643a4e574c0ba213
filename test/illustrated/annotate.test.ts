import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../src/capture/index.ts';
import { networkPacket } from '../../src/capture/linkLayer.ts';
import { tcpSegment } from '../../src/capture/tcpSegment.ts';
import type { IllustratedSession } from '../../src/illustrated/annotate.ts';
import { clientStepBytes, clientSteps, upgradeRequest } from '../../src/illustrated/sessionScript.ts';
import { illustrateRecording } from '../../src/illustrated/vitePlugin.ts';
import { concatBytes, toHex } from '../../src/protocol/index.ts';
import { hexBytes } from '../helpers/bytes.ts';
import { tsharkFrames, tsharkMalformedCount } from '../helpers/tshark.ts';

const recordingFile = new URL('../../illustrated/session.pcapng', import.meta.url).pathname;
const recording = new Uint8Array(readFileSync(recordingFile));
let session: IllustratedSession;

beforeAll(async () => {
  session = await illustrateRecording(recording);
});

/** Each packet's bytes as the page must show them: the whole frame when synthesized, else the tapped bytes. */
function packetBytes(): { synthesized: boolean; sourcePort: number; bytes: Uint8Array }[] {
  return readCaptureFile(recording).packets.map((packet) => {
    const ip = networkPacket(packet.linkType, packet.data);
    const segment = typeof ip === 'object' ? tcpSegment(packet, ip) : null;
    if (segment === null || typeof segment !== 'object') throw new Error('not TCP');
    const synthesized = segment.payload.length === 0;
    return {
      synthesized,
      sourcePort: segment.sourcePort,
      bytes: synthesized ? packet.data : segment.payload,
    };
  });
}

describe('the recorded session', () => {
  it('is what the session script wrote on the client side, byte for byte', () => {
    const clientPort = session.records[0]!.sender === 'client' ? packetBytes()[0]!.sourcePort : -1;
    const clientData = packetBytes().filter(
      (packet) => !packet.synthesized && packet.sourcePort === clientPort,
    );
    const expected = [new TextEncoder().encode(upgradeRequest), ...clientSteps.flatMap(clientStepBytes)];
    expect(clientData.map((packet) => toHex(packet.bytes))).toEqual(expected.map((bytes) => toHex(bytes)));
  });

  it('opens with a 101 whose accept key is the RFC’s sample answer', () => {
    expect(session.accept.accept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(session.serverAccept).toBe(session.accept.accept);
  });
});

describe('every byte of the recording is on the page exactly once', () => {
  it('has one record per packet, holding exactly that packet’s bytes', () => {
    const packets = packetBytes();
    expect(session.records).toHaveLength(packets.length);
    session.records.forEach((record, i) => {
      expect(record.packet).toBe(i + 1);
      expect(record.synthesized).toBe(packets[i]!.synthesized);
      expect(toHex(record.bytes)).toBe(toHex(packets[i]!.bytes));
    });
    // Three-way handshake and the FINs: six synthesized packets; the rest are the tap's reads and writes.
    expect(session.records.filter((record) => record.synthesized)).toHaveLength(6);
  });

  it('covers each record with fields that neither overlap nor leave a byte out', () => {
    for (const record of session.records) {
      const fields = record.groups.flatMap((group) => group.fields).sort((a, b) => a.offset - b.offset);
      let next = 0;
      for (const field of fields) {
        expect(field.offset, `${record.id} at ${field.offset}`).toBe(next);
        expect(field.length).toBeGreaterThan(0);
        next = field.offset + field.length;
      }
      expect(next, record.id).toBe(record.bytes.length);
    }
  });

  it('tells every part of the story the issue asks for', () => {
    const stories = [...new Set(session.records.map((record) => record.story))];
    expect(stories).toEqual([
      'tcp-open',
      'handshake',
      'text',
      'fragmented',
      'deflate',
      'ping',
      'close',
      'tcp-close',
    ]);
    const titles = session.records.map((record) => record.title.en);
    expect(titles).toContain('Text frame, FIN 0, masked: “Frag”');
    expect(titles).toContain('Ping frame, masked: “mid-message”');
    expect(titles).toContain('Continuation frame, masked: “mented”');
    // The server echoes the two fragments as one compressed message, inflated by the capture core.
    expect(titles).toContain('Text frame, compressed: “Fragmented”');
    expect(titles).toContain('Text frame, masked, compressed: “Hello”');
    expect(titles).toContain('Close frame, masked: 1000 “bye”');
  });

  it('annotates the first byte of a frame bit by bit, from the protocol core', () => {
    const hello = session.records.find((record) => record.title.en === 'Text frame, masked: “Hello”')!;
    const [first, second, key, payload] = hello.groups[0]!.fields;
    expect(first!.bits!.map((bit) => `${bit.name}=${bit.bits}`)).toEqual([
      'FIN=1',
      'RSV1=0',
      'RSV2=0',
      'RSV3=0',
      'opcode=0001',
    ]);
    expect(second!.bits!.map((bit) => `${bit.name}=${bit.bits}`)).toEqual([
      'MASK=1',
      'payloadLength=0000101',
    ]);
    // RFC 6455 §5.7's own example: "Hello" masked with 37 fa 21 3d.
    expect(key!.value).toBe('37 fa 21 3d');
    expect(toHex(hello.bytes)).toBe(toHex(hexBytes('81 85 37 fa 21 3d 7f 9f 4d 51 58')));
    expect(payload!.value).toBe('Hello');
  });
});

describe('the download, as Wireshark’s dissector reads it', () => {
  it('has no malformed packet, and its WebSocket frames are the page’s', async () => {
    expect(await tsharkMalformedCount(recordingFile)).toBe(0);
    const theirs = (await tsharkFrames(recordingFile)).map(
      (frame) => `${frame.packet}:${frame.opcode}:${frame.fin}:${frame.rsv}:${frame.wirePayload}`,
    );
    const ours = session.records.flatMap((record) =>
      record.groups
        .filter((group) => group.fields[0]?.bits)
        .map((group) => {
          const [first, , ...rest] = group.fields;
          const bits = Object.fromEntries(first!.bits!.map((bit) => [bit.name, bit.bits]));
          const payload = rest.filter((field) => field.kind === 'payload');
          const wire = concatBytes(
            payload.map((field) => record.bytes.subarray(field.offset, field.offset + field.length)),
          );
          const rsv = Number.parseInt(`${bits.RSV1}${bits.RSV2}${bits.RSV3}`, 2);
          return `${record.packet}:${Number.parseInt(bits.opcode!, 2)}:${bits.FIN === '1'}:${rsv}:${toHex(wire)}`;
        }),
    );
    expect(ours).toHaveLength(13);
    expect(theirs).toEqual(ours);
  });
});
