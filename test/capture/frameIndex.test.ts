import { describe, expect, it } from 'vitest';
import { batchRows, firstBatchRows } from '../../src/capture/frameIndex.ts';
import {
  CaptureIndex,
  decodeCapture,
  decodeHar,
  type FrameRows,
  type IndexStep,
  inflateConnection,
  packetsPcapng,
  RowBit,
  sessionPcapng,
  tcpPackets,
  type WebSocketConnection,
} from '../../src/capture/index.ts';
import { NodeInflater } from '../../src/cli/nodeInflater.ts';
import {
  concatBytes,
  encodeFrame,
  type Frame,
  Opcode,
  toHex,
  wirePayloadOf,
} from '../../src/protocol/index.ts';
import { deflatedMessage, echoSession, echoSessionFrames } from '../helpers/captureSession.ts';

const frameHex = (frame: Frame) => toHex(new Uint8Array([...frame.headerBytes, ...wirePayloadOf(frame)]));

/** Every step of indexing, the rows of each connection joined back together. */
function indexAll(index: CaptureIndex): { steps: IndexStep[]; rows: Map<number, FrameRows[]> } {
  const steps = [...index.steps()];
  const rows = new Map<number, FrameRows[]>();
  for (const step of steps) {
    if (step.kind !== 'rows') continue;
    rows.set(step.connection, [...(rows.get(step.connection) ?? []), step.rows]);
  }
  return { steps, rows };
}

/** The index must say of every frame what decoding the whole capture says: same rows, same bytes. */
async function expectSameAsWholeDecode(bytes: Uint8Array): Promise<number> {
  const whole = decodeCapture(bytes);
  const index = CaptureIndex.ofCapture(bytes);
  const { steps, rows } = indexAll(index);
  await index.inflate(() => new NodeInflater());
  let frames = 0;
  for (const [number, connection] of whole.connections.entries()) {
    if (connection.kind !== 'websocket') continue;
    await inflateConnection(connection, () => new NodeInflater());
    const batches = rows.get(number) ?? [];
    const count = batches.reduce((sum, batch) => sum + batch.count, 0);
    expect(count).toBe(connection.timeline.length);
    const flat = batches.flatMap((batch) =>
      Array.from({ length: batch.count }, (_, i) => ({
        sender: batch.sender[i] === 0 ? 'client' : 'server',
        opcode: batch.opcode[i],
        fin: (batch.bits[i]! & RowBit.fin) !== 0,
        payloadLength: batch.payloadLength[i],
        t: batch.timestampMicros[i],
        violation: batch.violation[i],
      })),
    );
    connection.timeline.forEach((captured, i) => {
      expect(flat[i]).toEqual({
        sender: captured.sender,
        opcode: captured.frame.opcode,
        fin: captured.frame.fin,
        payloadLength: captured.frame.payloadLength,
        t: captured.timestampMicros,
        violation: captured.frame.violations[0]?.closeCode ?? 0,
      });
      const detail = index.detail(number, i + 1)!;
      expect(frameHex(detail.frame)).toBe(frameHex(captured.frame));
      expect(toHex(detail.frame.payload)).toBe(toHex(captured.frame.payload));
      expect(detail.frame.violations.map((v) => v.rule)).toEqual(
        captured.frame.violations.map((v) => v.rule),
      );
      const message = [...connection.fromClient.messages, ...connection.fromServer.messages].find((m) =>
        m.message.frames.includes(captured.frame),
      );
      expect(detail.message?.wireLength ?? null).toBe(message ? message.message.payload.length : null);
      expect(detail.message?.frameSeqs ?? null).toEqual(
        message
          ? message.message.frames.map((f) => connection.timeline.findIndex((c) => c.frame === f) + 1)
          : null,
      );
      expect(detail.message?.inflated?.bytes ?? null).toEqual(message?.inflated?.bytes ?? null);
    });
    const controls = steps.flatMap((step) =>
      step.kind === 'rows' && step.connection === number ? step.controls : [],
    );
    expect(controls.map((c) => `${c.seq}:${c.kind}:${c.code ?? ''}:${c.text}`)).toEqual(
      connection.timeline.flatMap((captured, i) =>
        captured.frame.opcode >= 8 && captured.frame.opcode <= 10
          ? [
              `${i + 1}:${{ 8: 'close', 9: 'ping', 10: 'pong' }[captured.frame.opcode]}:${captured.frame.opcode === 8 ? 1000 : ''}:${captured.frame.opcode === 8 ? 'bye' : 'between'}`,
            ]
          : [],
      ),
    );
    frames += count;
  }
  return frames;
}

describe('CaptureIndex: a capture as rows, each frame decoded again when shown', () => {
  it('gives the same frames, payloads, messages and control events as decoding the whole capture', async () => {
    const deflate = echoSession(
      { address: '127.0.0.1', port: 50_003 },
      { address: '127.0.0.1', port: 8080 },
      {
        client: [
          encodeFrame({
            opcode: Opcode.text,
            rsv1: true,
            payload: deflatedMessage('squeezed'),
            mask: Uint8Array.of(9, 8, 7, 6),
          }),
          ...echoSessionFrames([3]).client,
        ],
        server: [
          encodeFrame({ opcode: Opcode.text, rsv1: true, payload: deflatedMessage('squeezed') }),
          ...echoSessionFrames([3]).server,
        ],
      },
      'permessage-deflate; client_no_context_takeover; server_no_context_takeover',
    );
    const frames = await expectSameAsWholeDecode(
      sessionPcapng([
        echoSession(),
        deflate,
        echoSession({ address: '::1', port: 50_004 }, { address: '::1', port: 80 }),
      ]),
    );
    expect(frames).toBe(13 + 11 + 13);
  });

  it('keeps each direction in stream order when segments were captured out of order', async () => {
    const packets = tcpPackets(echoSession());
    // The second half of the packets captured before the first: timestamps go backwards within a direction.
    const reordered = [...packets.slice(0, 3), ...packets.slice(3).reverse()];
    expect(await expectSameAsWholeDecode(packetsPcapng(reordered))).toBe(13);
  });

  it('sends a small first batch, then large ones, never one message holding every row', () => {
    const frames = Array.from({ length: 2 * batchRows + 1000 }, (_, i) =>
      encodeFrame({ opcode: Opcode.text, payload: `tick ${i}` }),
    );
    // Sixteen frames to a segment, as a busy feed sends them.
    const segments = Array.from({ length: Math.ceil(frames.length / 16) }, (_, i) =>
      concatBytes(frames.slice(i * 16, i * 16 + 16)),
    );
    const bytes = sessionPcapng([echoSession(undefined, undefined, { client: [], server: segments })]);
    const { steps } = indexAll(CaptureIndex.ofCapture(bytes));
    const counts = steps.flatMap((step) => (step.kind === 'rows' ? [step.rows.count] : []));
    expect(counts).toEqual([
      firstBatchRows,
      batchRows,
      batchRows,
      frames.length - firstBatchRows - 2 * batchRows,
    ]);
  });

  it('indexes a HAR’s reconstructed frames the same way, detail from the decoded frames', () => {
    const har = JSON.stringify({
      log: {
        entries: [
          {
            request: { url: 'ws://example.test/chat', headers: [] },
            response: { status: 101, statusText: 'Switching Protocols', headers: [] },
            startedDateTime: '2026-01-01T00:00:00Z',
            _webSocketMessages: [
              { type: 'send', time: 1767225600.1, opcode: 1, data: 'hello' },
              { type: 'receive', time: 1767225600.2, opcode: 1, data: 'hello back' },
            ],
          },
        ],
      },
    });
    const decoded = decodeHar(har);
    const index = CaptureIndex.ofDecoded({
      ...decoded,
      connections: decoded.connections.filter((c): c is WebSocketConnection => c.kind === 'websocket'),
    });
    const { rows } = indexAll(index);
    expect(rows.get(0)?.[0]?.count).toBe(2);
    expect(new TextDecoder().decode(index.detail(0, 2)!.frame.payload)).toBe('hello back');
  });
});
