import {
  decodeUtf8Lenient,
  type Frame,
  type Sender,
  type Violation,
  WireDecoder,
  type WireEvent,
} from '../protocol/index.ts';
import type { CapturedFrame, CapturedMessage, StreamMark } from './directionDecoder.ts';
import { FrameRowsBuilder, RowBit } from './frameColumns.ts';
import { type InflatedMessage, type Inflater, inflateMessages } from './inflate.ts';
import type { ReassembledStream, StreamPiece } from './tcpStream.ts';
import type { ConnectionPlan, WebSocketConnection } from './websocketCapture.ts';

/** A ping, pong or close frame, with what the event panel says of it: few per capture, kept as objects. */
export type ControlRow = {
  /** 1-based, in the connection's capture order, as the frame list numbers frames. */
  readonly seq: number;
  readonly sender: Sender;
  readonly timestampMicros: number;
  readonly kind: 'ping' | 'pong' | 'close';
  /** The payload's first characters (ping, pong) or the close reason. */
  readonly text: string;
  readonly code: number | null;
};

/** What the detail pane needs about one frame, fetched only when it is shown. */
export type FrameDetailData = {
  readonly frame: Frame;
  readonly message: {
    readonly opcode: number;
    readonly compressed: boolean;
    readonly frameSeqs: readonly number[];
    readonly wireLength: number;
    readonly inflated: InflatedMessage | null;
  } | null;
};

type DataPiece = Extract<StreamPiece, { kind: 'data' }>;

/**
 * One WebSocket connection's frames as columns, with what it takes to decode any one frame again on demand:
 * where it starts in its reassembled stream, how long it is, which message it belongs to. Violations are
 * kept only for the frames that have them; compressed messages until they are inflated.
 */
export class IndexedConnection {
  readonly rows = new FrameRowsBuilder();
  private readonly streamOffset: number[] = [];
  private readonly wireLength: number[] = [];
  private readonly messageOf: number[] = [];
  private readonly messageFirst: number[] = [];
  private readonly messageLast: number[] = [];
  private readonly messageBits: number[] = [];
  private readonly messageLength: number[] = [];
  private readonly violations = new Map<number, Violation[]>();
  private readonly inflated = new Map<number, InflatedMessage>();
  private readonly compressed: Record<Sender, Array<CapturedMessage & { id: number }>> = {
    client: [],
    server: [],
  };
  private readonly pendingRow = new Map<Frame, number>();
  private readonly dataPieces: Partial<Record<Sender, DataPiece[]>> = {};
  private controls: ControlRow[] = [];
  private newViolations: Array<readonly [number, readonly Violation[]]> = [];
  readonly marks: StreamMark[] = [];

  constructor(
    private readonly plan: Extract<ConnectionPlan, { kind: 'websocket-plan' }> | null,
    /** Frames kept whole (a HAR's, few and already decoded): detail comes from here, not from a stream. */
    private readonly kept: readonly CapturedFrame[] | null,
  ) {}

  add(captured: CapturedFrame): void {
    const { frame } = captured;
    const bits =
      (frame.fin ? RowBit.fin : 0) |
      (frame.rsv1 ? RowBit.rsv1 : 0) |
      (frame.rsv2 ? RowBit.rsv2 : 0) |
      (frame.rsv3 ? RowBit.rsv3 : 0) |
      (frame.masked ? RowBit.masked : 0);
    const row = this.rows.push(
      captured.sender,
      bits,
      frame.opcode,
      frame.payloadLength,
      captured.timestampMicros,
      frame.violations[0]?.closeCode ?? 0,
    );
    this.streamOffset.push(captured.streamOffset);
    this.wireLength.push(frame.headerLength + frame.payloadLength);
    this.messageOf.push(-1);
    if (frame.violations.length > 0) {
      this.violations.set(row, frame.violations);
      this.newViolations.push([row, frame.violations]);
    }
    this.pendingRow.set(frame, row);
  }

  /** Called with each event as the decoder emits it, after the frames that made it were added. */
  event(event: WireEvent, sender: Sender): void {
    if (event.kind === 'message') {
      const id = this.messageFirst.length;
      let first = -1;
      let last = -1;
      for (const frame of event.frames) {
        const row = this.pendingRow.get(frame);
        if (row === undefined) continue;
        this.pendingRow.delete(frame);
        this.messageOf[row] = id;
        if (first < 0) first = row;
        last = row;
      }
      this.messageFirst.push(first);
      this.messageLast.push(last);
      this.messageBits.push(event.opcode | (event.compressed ? 0x10 : 0));
      this.messageLength.push(event.payload.length);
      if (event.compressed) this.compressed[sender].push({ id, message: event, sender, inflated: null });
      return;
    }
    const at = this.pendingRow.get(event.frame);
    if (at === undefined) return;
    this.pendingRow.delete(event.frame);
    this.controls.push({
      seq: at + 1,
      sender,
      timestampMicros: this.rows.timestampMicros[at]!,
      kind: event.kind,
      text: event.kind === 'close' ? event.reason : decodeUtf8Lenient(event.payload.subarray(0, 64)),
      code: event.kind === 'close' ? event.code : null,
    });
  }

  /** The control rows found since the last call. */
  takeControls(): ControlRow[] {
    const taken = this.controls.sort((a, b) => a.seq - b.seq);
    this.controls = [];
    return taken;
  }

  /** The violations found since the last call. */
  takeViolations(): Array<readonly [number, readonly Violation[]]> {
    const taken = this.newViolations;
    this.newViolations = [];
    return taken;
  }

  finish(): void {
    this.pendingRow.clear();
  }

  async inflate(parameters: WebSocketConnection['deflate'], makeInflater: () => Inflater): Promise<void> {
    const defaults = {
      serverNoContextTakeover: false,
      clientNoContextTakeover: false,
      serverMaxWindowBits: null,
      clientMaxWindowBits: null,
    };
    for (const sender of ['client', 'server'] as const) {
      const list = this.compressed[sender];
      if (list.length === 0) continue;
      await inflateMessages(list, parameters ?? defaults, makeInflater);
      for (const captured of list) if (captured.inflated) this.inflated.set(captured.id, captured.inflated);
      this.compressed[sender] = [];
    }
  }

  /** Frame `seq` (1-based) decoded again from its bytes, with its message; null when out of range. */
  detail(seq: number): FrameDetailData | null {
    const row = seq - 1;
    if (row < 0 || row >= this.rows.count) return null;
    const frame = this.kept ? this.kept[row]!.frame : this.decodeAgain(row);
    if (!frame) return null;
    const id = this.messageOf[row]!;
    if (id < 0) return { frame, message: null };
    const frameSeqs: number[] = [];
    for (let at = this.messageFirst[id]!; at <= this.messageLast[id]!; at++) {
      if (this.messageOf[at] === id) frameSeqs.push(at + 1);
    }
    const bits = this.messageBits[id]!;
    return {
      frame,
      message: {
        opcode: bits & 0x0f,
        compressed: (bits & 0x10) !== 0,
        frameSeqs,
        wireLength: this.messageLength[id]!,
        inflated: this.inflated.get(id) ?? null,
      },
    };
  }

  private decodeAgain(row: number): Frame | null {
    const plan = this.plan!;
    const sender: Sender = this.rows.sender[row] === 0 ? 'client' : 'server';
    const pieces =
      this.dataPieces[sender] ?? dataPiecesOf(sender === 'client' ? plan.clientStream : plan.serverStream);
    this.dataPieces[sender] = pieces;
    const bytes = streamBytes(pieces, this.streamOffset[row]!, this.wireLength[row]!);
    const decoder = new WireDecoder({
      sender,
      perMessageDeflate: plan.perMessageDeflate,
      maxPayload: 64 * 1024 * 1024,
    });
    const frame = decoder.push(bytes, 0).frames[0];
    if (!frame) return null;
    // Decoded alone, a fragment lacks its message: the violations are the ones found in the stream.
    return {
      ...frame,
      streamOffset: this.streamOffset[row]!,
      chunks: [],
      violations: this.violations.get(row) ?? [],
    };
  }
}

function dataPiecesOf(stream: ReassembledStream): DataPiece[] {
  return stream.pieces.filter((piece): piece is DataPiece => piece.kind === 'data');
}

/** Bytes [offset, offset + length) of a stream, copied out of the pieces that hold them. */
function streamBytes(pieces: readonly DataPiece[], offset: number, length: number): Uint8Array {
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (pieces[middle]!.offset <= offset) low = middle;
    else high = middle - 1;
  }
  const out = new Uint8Array(length);
  let filled = 0;
  for (let at = low; at < pieces.length && filled < length; at++) {
    const piece = pieces[at]!;
    const from = Math.max(0, offset + filled - piece.offset);
    const part = piece.bytes.subarray(from, from + (length - filled));
    out.set(part, filled);
    filled += part.length;
  }
  return out.subarray(0, filled);
}
