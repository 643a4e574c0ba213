import {
  type Bilingual,
  concatBytes,
  type DataMessage,
  type Frame,
  type Sender,
  WireDecoder,
  type WireEvent,
} from '../protocol/index.ts';
import { firstFrameBoundary } from './frameBoundary.ts';
import type { InflatedMessage } from './inflate.ts';
import type { ReassembledStream, StreamPiece } from './tcpStream.ts';

/** A frame as found in a capture: the packets its bytes came in, and when its last byte was captured. */
export type CapturedFrame = {
  readonly frame: Frame;
  readonly sender: Sender;
  readonly packets: readonly number[];
  readonly timestampMicros: number;
  /** Where the frame's first byte is in its direction's reassembled stream. */
  readonly streamOffset: number;
};

/** A data message as found in a capture; `inflated` is filled in by `inflateCapture`. */
export type CapturedMessage = {
  readonly message: DataMessage;
  readonly sender: Sender;
  inflated: InflatedMessage | null;
};

/** Where the capture itself, not the peer, interrupts the stream of frames. */
export type StreamMark =
  | {
      readonly kind: 'gap';
      readonly sender: Sender;
      readonly offset: number;
      readonly length: number;
      readonly beforePacket: number;
    }
  | {
      readonly kind: 'resync';
      readonly sender: Sender;
      readonly offset: number;
      readonly skippedBytes: number;
      readonly framesChecked: number;
      readonly message: Bilingual;
    }
  | { readonly kind: 'undecodable'; readonly sender: Sender; readonly offset: number; readonly bytes: number }
  | { readonly kind: 'cut'; readonly sender: Sender; readonly offset: number; readonly bytes: number };

export type DirectionDecode = {
  readonly sender: Sender;
  readonly frames: CapturedFrame[];
  readonly events: WireEvent[];
  readonly messages: CapturedMessage[];
  readonly marks: StreamMark[];
  readonly startKnown: boolean;
  readonly retransmissions: number;
  readonly overlaps: number;
  readonly missingBytes: number;
};

/** A capture may hold frames larger than the live server allows; past this a payload is named, not kept. */
const captureMaxPayload = 64 * 1024 * 1024;

type Run = { pieces: Extract<StreamPiece, { kind: 'data' }>[]; offset: number };

function runsOf(stream: ReassembledStream): Array<Run | Extract<StreamPiece, { kind: 'gap' }>> {
  const out: Array<Run | Extract<StreamPiece, { kind: 'gap' }>> = [];
  let run: Run | null = null;
  for (const piece of stream.pieces) {
    if (piece.kind === 'gap') {
      run = null;
      out.push(piece);
      continue;
    }
    if (!run) {
      run = { pieces: [], offset: piece.offset };
      out.push(run);
    }
    run.pieces.push(piece);
  }
  return out;
}

/**
 * Decodes one direction of a WebSocket connection from its reassembled stream, starting at `frameStart` (the
 * byte after the HTTP head) when the handshake was seen, or else at the first provable frame boundary. After
 * a gap the decoder starts afresh at the next provable boundary: what straddled the gap is reported as cut.
 */
export function decodeDirection(
  stream: ReassembledStream,
  sender: Sender,
  frameStart: number | null,
  perMessageDeflate: boolean,
  /** False for frames re-encoded from a HAR's messages: they carry no mask, and that is no violation. */
  checkMasking = true,
): DirectionDecode {
  const events: WireEvent[] = [];
  const messages: CapturedMessage[] = [];
  const marks: StreamMark[] = [];
  const frames = [
    ...directionFrames(stream, sender, frameStart, perMessageDeflate, checkMasking, marks, (event) => {
      events.push(event);
      if (event.kind === 'message') messages.push({ message: event, sender, inflated: null });
    }),
  ];
  return {
    sender,
    frames,
    events,
    messages,
    marks,
    startKnown: stream.startKnown,
    retransmissions: stream.retransmissions,
    overlaps: stream.overlaps,
    missingBytes: stream.missingBytes,
  };
}

/**
 * `decodeDirection` one frame at a time, keeping nothing: a large capture is indexed as it is decoded, and
 * two directions are merged into capture order without holding either whole. Marks are pushed to `marks`,
 * and every event (messages, closes, violations) is handed to `onEvent` as the decoder emits it.
 */
export function* directionFrames(
  stream: ReassembledStream,
  sender: Sender,
  frameStart: number | null,
  perMessageDeflate: boolean,
  checkMasking: boolean,
  marks: StreamMark[],
  onEvent: (event: WireEvent) => void,
): Generator<CapturedFrame, void, undefined> {
  const chunks: Extract<StreamPiece, { kind: 'data' }>[] = [];
  let decoder: WireDecoder | null = null;
  let knownStart = frameStart;
  let afterResync = false;
  const context = {
    sender: checkMasking ? sender : undefined,
    perMessageDeflate,
    maxPayload: captureMaxPayload,
  };

  const closeDecoder = (offset: number) => {
    const left = decoder?.remainder().length ?? 0;
    if (decoder && left > 0) marks.push({ kind: 'cut', sender, offset: offset - left, bytes: left });
    decoder = null;
  };

  for (const entry of runsOf(stream)) {
    if (!('pieces' in entry)) {
      closeDecoder(entry.offset);
      marks.push({
        kind: 'gap',
        sender,
        offset: entry.offset,
        length: entry.length,
        beforePacket: entry.beforePacket,
      });
      knownStart = null;
      continue;
    }
    const runEnd = entry.offset + entry.pieces.reduce((sum, piece) => sum + piece.bytes.length, 0);
    let start: number;
    if (knownStart !== null) {
      start = knownStart;
      if (start >= runEnd) continue;
    } else {
      const bytes = concatBytes(entry.pieces.map((piece) => piece.bytes));
      const boundary = firstFrameBoundary(bytes, sender);
      if (!boundary) {
        marks.push({ kind: 'undecodable', sender, offset: entry.offset, bytes: bytes.length });
        continue;
      }
      start = entry.offset + boundary.offset;
      afterResync = true;
      marks.push({
        kind: 'resync',
        sender,
        offset: start,
        skippedBytes: boundary.offset,
        framesChecked: boundary.framesChecked,
        message: {
          en: `the start of this stream was not captured: decoding from byte ${start}, the first offset where ${boundary.framesChecked} frame headers in a row are valid for a ${sender} and chain end to start; the ${boundary.offset} bytes before it belong to a frame whose header is missing`,
          zh: `这条流的开头没有被抓到：从第 ${start} 字节开始解码，这是第一个连续 ${boundary.framesChecked} 个帧头对${sender === 'client' ? '客户端' : '服务器'}都合法且首尾相接的位置；之前的 ${boundary.offset} 字节属于一个帧头缺失的帧`,
        },
      });
    }
    decoder = new WireDecoder(context);
    for (const piece of entry.pieces) {
      const pieceEnd = piece.offset + piece.bytes.length;
      if (pieceEnd <= start) continue;
      const bytes = piece.bytes.subarray(Math.max(0, start - piece.offset));
      const chunkId = chunks.length;
      chunks.push(piece);
      const output = decoder.push(bytes, chunkId);
      for (const frame of output.frames) {
        if (afterResync) {
          // A continuation right after a resync belongs to a message whose start was not captured.
          const kept = frame.violations.filter((v) => v.rule !== 'continuation-without-message');
          frame.violations.length = 0;
          frame.violations.push(...kept);
          if (frame.opcode === 1 || frame.opcode === 2) afterResync = false;
        }
        const packets: number[] = [];
        let timestampMicros = 0;
        for (const span of frame.chunks) {
          const source = chunks[span.chunk]!;
          if (packets[packets.length - 1] !== source.packet) packets.push(source.packet);
          timestampMicros = Math.max(timestampMicros, source.timestampMicros);
        }
        yield { frame, sender, packets, timestampMicros, streamOffset: start + frame.streamOffset };
      }
      for (const event of output.events) onEvent(event);
    }
    knownStart = null;
    closeDecoder(runEnd);
  }
}
