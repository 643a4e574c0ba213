import { describe, expect, it } from 'vitest';
import {
  decodeCapture,
  packetsPcapng,
  type TcpPacket,
  tcpPackets,
  type WebSocketConnection,
} from '../../src/capture/index.ts';
import { toHex, wirePayloadOf } from '../../src/protocol/index.ts';
import { echoSession } from '../helpers/captureSession.ts';

/** A seeded shuffle (mulberry32): the same order every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const session = echoSession();
const packets = tcpPackets(session);

function decoded(list: readonly TcpPacket[]): WebSocketConnection {
  const connection = decodeCapture(packetsPcapng(list)).connections[0]!;
  expect(connection.kind).toBe('websocket');
  return connection as WebSocketConnection;
}

const wire = (connection: WebSocketConnection) =>
  [...connection.fromClient.frames, ...connection.fromServer.frames].map((f) =>
    toHex(new Uint8Array([...f.frame.headerBytes, ...wirePayloadOf(f.frame)])),
  );

/** Splits every data segment into pieces that overlap their neighbours by `overlap` bytes. */
function resegmented(list: readonly TcpPacket[], size: number, overlap: number): TcpPacket[] {
  return list.flatMap((packet) => {
    if (packet.payload.length <= size) return [packet];
    const pieces: TcpPacket[] = [];
    for (let at = 0; at < packet.payload.length; at += size) {
      const from = Math.max(0, at - overlap);
      pieces.push({
        ...packet,
        seq: (packet.seq + from) >>> 0,
        payload: packet.payload.subarray(from, Math.min(packet.payload.length, at + size)),
      });
    }
    return pieces;
  });
}

describe('TCP reassembly (RFC 9293 §3.4: bytes are ordered by sequence number, not by arrival)', () => {
  const expected = wire(decoded(packets));

  it('the session as sent decodes to every frame written', () => {
    const connection = decoded(packets);
    expect(connection.fromClient.frames.length).toBe(7);
    expect(connection.fromServer.frames.length).toBe(6);
    expect(connection.fromClient.marks).toEqual([]);
  });

  it('segments in any order give the same frames', () => {
    for (const seed of [1, 2, 3]) {
      const [syn, ...rest] = packets;
      expect(wire(decoded([syn!, ...shuffled(rest, seed)]))).toEqual(expected);
    }
  });

  it('every segment twice (retransmissions) gives the same frames, and counts them', () => {
    const twice = packets.flatMap((p) => [p, p]);
    const connection = decoded(twice);
    expect(wire(connection)).toEqual(expected);
    const dataSegments = packets.filter((p) => p.fromClient && p.payload.length > 0).length;
    expect(connection.fromClient.retransmissions).toBe(dataSegments);
  });

  it('overlapping segments, shuffled, give the same frames and are counted as overlaps', () => {
    const pieces = resegmented(packets, 1000, 100);
    const connection = decoded(shuffled(pieces, 7));
    expect(wire(connection)).toEqual(expected);
    expect(connection.fromClient.overlaps + connection.fromServer.overlaps).toBeGreaterThan(0);
  });

  it('a lost segment is a gap of its exact length; no frame is guessed across it; decoding resumes at a proven boundary', () => {
    // Cut the client's 70,000-byte message into 1,000-byte segments and lose one in its middle.
    const pieces = resegmented(packets, 1000, 0);
    const bigStart = pieces.findIndex((p) => p.fromClient && p.payload.length === 1000);
    const lost = pieces[bigStart + 10]!;
    const connection = decoded(pieces.filter((p) => p !== lost));
    const marks = connection.fromClient.marks;
    expect(marks.filter((m) => m.kind === 'gap')).toEqual([
      expect.objectContaining({ kind: 'gap', length: 1000, sender: 'client' }),
    ]);
    // The frame the gap cut is reported cut, not decoded; the frames after it are found again.
    expect(marks.map((m) => m.kind)).toEqual(['cut', 'gap', 'resync']);
    const texts = connection.fromClient.frames.map((f) => f.frame.opcode);
    // Two small texts before; the 70,000-byte one lost; then the fragments, the ping and the close.
    expect(texts).toEqual([1, 1, 1, 9, 0, 8]);
    expect(connection.fromClient.frames.every((f) => f.frame.violations.length === 0)).toBe(true);
    expect(connection.fromServer.frames.length).toBe(6);
  });
});

describe('a capture that starts in the middle of a connection', () => {
  it('decodes from the first provable frame boundary, with a port named, and says so', () => {
    // Drop the handshake and the first 40 bytes of the client's stream after it.
    const [, , , request, response, ...rest] = packets;
    const cut = { ...rest[0]!, seq: (rest[0]!.seq + 3) >>> 0, payload: rest[0]!.payload.subarray(3) };
    expect(request!.payload.length).toBeGreaterThan(0);
    expect(response!.payload.length).toBeGreaterThan(0);
    const withoutPort = decodeCapture(packetsPcapng([cut, ...rest.slice(1)]));
    expect(withoutPort.connections[0]!.kind).toBe('other');
    const named = decodeCapture(packetsPcapng([cut, ...rest.slice(1)]), { port: 8080 })
      .connections[0] as WebSocketConnection;
    expect(named.kind).toBe('websocket');
    expect(named.handshake).toBeNull();
    const resync = named.fromClient.marks.find((m) => m.kind === 'resync');
    expect(resync).toMatchObject({ kind: 'resync', skippedBytes: 8 });
    // The first client frame (5 + 6 header bytes = 11, cut by 3) is skipped; the rest are whole.
    expect(named.fromClient.frames.length).toBe(6);
    expect(named.fromServer.frames.length).toBe(6);
    expect(named.notes[0]!.en).toContain('port 8080');
  });
});
