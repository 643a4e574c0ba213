import type { Frame } from '../protocol/frame.ts';
import type { Sender } from '../protocol/frameHeader.ts';
import type { Bilingual } from '../protocol/i18n.ts';
import type { WireEvent } from '../protocol/messages.ts';
import { decodeUtf8Lenient } from '../protocol/utf8.ts';
import type { Violation } from '../protocol/violations.ts';
import { WireDecoder } from '../protocol/wireDecoder.ts';
import type { CaptureFile } from './captureFile.ts';
import type { Endpoint } from './connections.ts';
import { type CaptureOptions, captureTcpConnections } from './decodeCapture.ts';
import {
  type CapturedFrame,
  type CapturedMessage,
  directionFrames,
  type StreamMark,
} from './directionDecoder.ts';
import { type FrameRows, FrameRowsBuilder, RowBit } from './frameColumns.ts';
import { type InflatedMessage, type Inflater, inflateMessages } from './inflate.ts';
import type { CaptureProblem } from './problems.ts';
import type { ReassembledStream, StreamPiece } from './tcpStream.ts';
import {
  type ConnectionPlan,
  type Handshake,
  mergeInCaptureOrder,
  planConnection,
  type WebSocketConnection,
} from './websocketCapture.ts';

/** What the page lists about a connection before (and while) its frames are indexed. */
export type ConnectionSummary = {
  readonly id: number;
  readonly kind: 'websocket' | 'tls' | 'other';
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly source: 'capture' | 'har' | null;
  readonly startLine: string | null;
  readonly explanation: Bilingual | null;
  readonly notes: readonly Bilingual[];
};

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

/** One step of indexing a capture: the connections first, then each connection's rows in batches. */
export type IndexStep =
  | {
      readonly kind: 'connections';
      readonly format: CaptureFile['format'] | 'har';
      readonly packets: number;
      readonly connections: readonly ConnectionSummary[];
      readonly problems: readonly CaptureProblem[];
    }
  | {
      readonly kind: 'rows';
      readonly connection: number;
      /** The index of the batch's first row in its connection. */
      readonly from: number;
      readonly rows: FrameRows;
      readonly controls: readonly ControlRow[];
      /** The violations of the batch's frames that have some, by row in the connection. */
      readonly violations: ReadonlyArray<readonly [row: number, violations: readonly Violation[]]>;
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

/** The first batch is small, so the first frames show at once; later ones are large, so they are few. */
export const firstBatchRows = 256;
export const batchRows = 8192;

type DataPiece = Extract<StreamPiece, { kind: 'data' }>;

/**
 * One WebSocket connection's frames as columns, with what it takes to decode any one frame again on demand:
 * where it starts in its reassembled stream, how long it is, which message it belongs to. Violations are
 * kept only for the frames that have them; compressed messages until they are inflated.
 */
class IndexedConnection {
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

/**
 * A capture read for the page: the connections at once, then every WebSocket connection's frames as rows in
 * batches (`steps`), each frame decoded in full again only when it is shown (`detail`). Decoding keeps no
 * frame object: memory grows by a few dozen bytes a frame, and the file's bytes are never copied.
 */
export class CaptureIndex {
  private readonly connections: Array<IndexedConnection | null> = [];

  private constructor(
    private readonly summary: Extract<IndexStep, { kind: 'connections' }>,
    private readonly sources: ReadonlyArray<
      | { kind: 'plan'; plan: Extract<ConnectionPlan, { kind: 'websocket-plan' }> }
      | { kind: 'decoded'; connection: WebSocketConnection }
      | null
    >,
  ) {}

  static ofCapture(bytes: Uint8Array, options: CaptureOptions = {}): CaptureIndex {
    const { file, connections, problems } = captureTcpConnections(bytes, options);
    const plans = connections.map((connection) => planConnection(connection, options.port));
    const summaries = plans.map((plan): ConnectionSummary => {
      if (plan.kind !== 'websocket-plan') {
        return {
          id: plan.id,
          kind: plan.kind,
          client: plan.client,
          server: plan.server,
          source: null,
          startLine: null,
          explanation: plan.kind === 'tls' ? plan.explanation : null,
          notes: [],
        };
      }
      return websocketSummary(plan.base, 'capture', plan.handshake, plan.notes);
    });
    return new CaptureIndex(
      {
        kind: 'connections',
        format: file.format,
        packets: file.packets.length,
        connections: summaries,
        problems,
      },
      plans.map((plan) => (plan.kind === 'websocket-plan' ? { kind: 'plan', plan } : null)),
    );
  }

  /** A HAR's connections, decoded whole already (a HAR is small): indexed the same way. */
  static ofDecoded(decoded: {
    readonly format: CaptureFile['format'] | 'har';
    readonly packets: number;
    readonly connections: readonly WebSocketConnection[];
    readonly problems: readonly CaptureProblem[];
  }): CaptureIndex {
    return new CaptureIndex(
      {
        kind: 'connections',
        format: decoded.format,
        packets: decoded.packets,
        connections: decoded.connections.map((c) => websocketSummary(c, c.source, c.handshake, c.notes)),
        problems: decoded.problems,
      },
      decoded.connections.map((connection) => ({ kind: 'decoded', connection })),
    );
  }

  /** The connections, then each WebSocket connection's rows, batch by batch. */
  *steps(): Generator<IndexStep, void, undefined> {
    yield this.summary;
    for (const [index, source] of this.sources.entries()) {
      if (!source) {
        this.connections.push(null);
        continue;
      }
      const indexed =
        source.kind === 'plan'
          ? new IndexedConnection(source.plan, null)
          : new IndexedConnection(null, source.connection.timeline);
      this.connections.push(indexed);
      let sent = 0;
      let limit = firstBatchRows;
      const batch = (): IndexStep => {
        const from = sent;
        sent = indexed.rows.count;
        limit = batchRows;
        return {
          kind: 'rows',
          connection: index,
          from,
          rows: indexed.rows.slice(from, sent),
          controls: indexed.takeControls(),
          violations: indexed.takeViolations(),
        };
      };
      for (const captured of framesOf(source, indexed)) {
        indexed.add(captured);
        if (indexed.rows.count - sent >= limit) yield batch();
      }
      indexed.finish();
      if (indexed.rows.count > sent || sent === 0) yield batch();
    }
  }

  /** Inflates every compressed message, once `steps` is done. */
  async inflate(makeInflater: () => Inflater): Promise<void> {
    for (const [index, indexed] of this.connections.entries()) {
      const source = this.sources[index];
      if (!indexed || !source) continue;
      const deflate = source.kind === 'plan' ? source.plan.deflate : source.connection.deflate;
      await indexed.inflate(deflate, makeInflater);
    }
  }

  /** Frame `seq` (1-based) of connection `connection` (its index in the list), decoded in full. */
  detail(connection: number, seq: number): FrameDetailData | null {
    return this.connections[connection]?.detail(seq) ?? null;
  }
}

function websocketSummary(
  base: { id: number; client: Endpoint; server: Endpoint },
  source: 'capture' | 'har',
  handshake: Handshake | null,
  notes: readonly Bilingual[],
): ConnectionSummary {
  return {
    id: base.id,
    kind: 'websocket',
    client: base.client,
    server: base.server,
    source,
    startLine: handshake?.request.startLine ?? null,
    explanation: null,
    notes,
  };
}

/** A connection's frames in capture order, each event handed to the index as the decoder emits it. */
function framesOf(
  source:
    | { kind: 'plan'; plan: Extract<ConnectionPlan, { kind: 'websocket-plan' }> }
    | {
        kind: 'decoded';
        connection: WebSocketConnection;
      },
  indexed: IndexedConnection,
): Iterable<CapturedFrame> {
  if (source.kind === 'decoded') return replayEvents(source.connection, indexed);
  const { plan } = source;
  const direction = (sender: Sender) =>
    directionFrames(
      sender === 'client' ? plan.clientStream : plan.serverStream,
      sender,
      sender === 'client' ? plan.clientFrames : plan.serverFrames,
      plan.perMessageDeflate,
      true,
      indexed.marks,
      (event) => indexed.event(event, sender),
    );
  return mergeInCaptureOrder(direction('client'), direction('server'));
}

/** A decoded connection's frames, each followed by the events it completed (as the decoder emitted them). */
function* replayEvents(
  connection: WebSocketConnection,
  indexed: IndexedConnection,
): Generator<CapturedFrame> {
  const completes = new Map<Frame, Array<{ event: WireEvent; sender: Sender }>>();
  for (const direction of [connection.fromClient, connection.fromServer]) {
    for (const event of direction.events) {
      const last = event.kind === 'message' ? event.frames.at(-1) : event.frame;
      if (!last) continue;
      const list = completes.get(last) ?? [];
      list.push({ event, sender: direction.sender });
      completes.set(last, list);
    }
  }
  for (const captured of connection.timeline) {
    yield captured;
    for (const { event, sender } of completes.get(captured.frame) ?? []) indexed.event(event, sender);
  }
}
