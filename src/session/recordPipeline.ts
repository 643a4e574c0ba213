import {
  type DataMessage,
  decodeUtf8Lenient,
  defaultMaxPayload,
  type Frame,
  type Sender,
  toHex,
  type WireEvent,
} from '../protocol/index.ts';
import { preciseNow } from '../shared/clock.ts';
import {
  type EventRecordJson,
  type InspectorRecordJson,
  isTapRecord,
  type PageSocket,
  type TapRecordJson,
} from '../shared/inspector/protocol.ts';
import { FrameStore, type MessageInfo, type StoredFrame } from './frameStore.ts';
import { MessageInflater } from './inflater.ts';
import { base64ToBytes } from './pageEnvironment.ts';
import { ReadTable } from './readTable.ts';
import { Timeline } from './timeline.ts';
import { WireConnection } from './wireConnection.ts';

/** Bytes of each message kept for the event panel's preview. */
const previewBytes = 96;

export type PipelineChange = { frames?: boolean; timeline?: boolean; connections?: boolean };

export type PipelineHooks = {
  /** A connection's open record arrived, saying whether it is one of this page's own sockets. */
  opened(connection: number, pageSocket: PageSocket | null): void;
  /** Something changed after `ingest` returned (an inflation finished). */
  changedLater(change: PipelineChange): void;
};

/**
 * Records → frames, Sans-I/O: the inspector records of every connection the page may see go in; decoded
 * frames (ring buffer), TCP reads, the event timeline and per-connection state come out. Everything is
 * decoded here, in the page, by src/protocol; nothing comes from a browser `message` event.
 */
export class RecordPipeline {
  readonly store: FrameStore;
  readonly reads = new ReadTable();
  readonly timeline = new Timeline();
  readonly connections = new Map<number, WireConnection>();
  /** Records the server could not send us (a slow page): exact count, from its `dropped` records. */
  droppedRecords = 0;
  /** Tap records received and decoded. */
  tapRecords = 0;
  /**
   * The smallest (page clock at decoding − tap timestamp) seen: the clocks' difference plus the fastest
   * transit. Latencies are measured against it, so two machines' clocks need not agree.
   */
  clockSkewMs = Number.POSITIVE_INFINITY;
  /** The server's limit (from welcome): payloads over it are violations, as the server would say. */
  maxPayload = defaultMaxPayload;
  private readonly inflaters = new Map<string, MessageInflater>();
  /** Each decoded frame's stored entry: the core's assembler names a message's frames, this finds them. */
  private readonly storedOf = new WeakMap<Frame, StoredFrame>();

  constructor(
    capacity: number,
    private readonly hooks: PipelineHooks,
  ) {
    this.store = new FrameStore(capacity);
  }

  /** Feeds one batch of records; says what changed. */
  ingest(records: readonly InspectorRecordJson[]): PipelineChange {
    const change: PipelineChange = {};
    for (const record of records) {
      if (isTapRecord(record)) {
        this.onTap(record);
        change.frames = true;
        change.timeline = true;
      } else {
        this.onEvent(record as EventRecordJson);
        change.timeline = true;
        change.connections = true;
      }
    }
    return change;
  }

  /**
   * Forgets everything of these connections: their frames, reads, timeline entries and state. For what the
   * page may no longer show (a visitor stopped sharing with the presenter), not for what merely closed.
   */
  forget(ids: ReadonlySet<number>): PipelineChange {
    if (ids.size === 0) return {};
    this.store.removeConnections(ids);
    this.reads.removeConnections(ids);
    this.timeline.removeConnections(ids);
    for (const id of ids) {
      this.connections.delete(id);
      for (const direction of ['client', 'server']) this.inflaters.delete(`${id}:${direction}`);
    }
    return { frames: true, timeline: true, connections: true };
  }

  private wireConnection(id: number): WireConnection {
    let connection = this.connections.get(id);
    if (!connection) {
      connection = new WireConnection(id, this.maxPayload);
      this.connections.set(id, connection);
      // Memory stays bounded: forget the oldest closed connections past 64.
      if (this.connections.size > 64) {
        for (const [oldId, old] of this.connections) {
          if (old.closed && oldId !== id) {
            this.connections.delete(oldId);
            break;
          }
        }
      }
    }
    return connection;
  }

  private onTap(record: TapRecordJson): void {
    this.tapRecords++;
    const direction: Sender = record.kind === 'read' ? 'client' : 'server';
    const bytes = base64ToBytes(record.data);
    const connection = this.wireConnection(record.connection);
    const read = this.reads.add(connection.id, direction, record.t, bytes.length);
    const result = connection.push(direction, bytes, read.id, record.t);
    read.headBytes = result.headBytesInRead;
    if (result.handshakeDone) this.onHandshake(connection, direction, record.t);
    if (result.frames.length === 0 && result.events.length === 0) return;
    const decodedAt = preciseNow();
    if (decodedAt - record.t < this.clockSkewMs) this.clockSkewMs = decodedAt - record.t;
    for (const frame of result.frames) {
      const stored = this.store.add({ connection: connection.id, direction, t: record.t, decodedAt, frame });
      this.storedOf.set(frame, stored);
      this.reads.attach(stored.seq, frame.chunks);
      const first = frame.violations[0];
      if (first) {
        this.timeline.add({
          kind: 'violation',
          t: record.t,
          connection: connection.id,
          direction,
          rule: first.rule,
          closeCode: first.closeCode,
          frameSeq: stored.seq,
        });
      }
    }
    for (const event of result.events) {
      if (event.kind === 'message') {
        // The core's assembler (RFC 6455 §5.4) names the message's frames; they were stored as decoded.
        const frames = event.frames.flatMap((frame) => this.storedOf.get(frame) ?? []);
        this.onMessage(connection, direction, event, frames, record.t);
      } else {
        this.onControl(connection, direction, event, this.storedOf.get(event.frame)?.seq ?? 0, record.t);
      }
    }
  }

  private onHandshake(connection: WireConnection, direction: Sender, t: number): void {
    const head = connection.handshake[direction].head;
    this.timeline.add({
      kind: 'handshake',
      t,
      connection: connection.id,
      direction,
      summary: head?.startLine ?? '',
    });
  }

  private onMessage(
    connection: WireConnection,
    direction: Sender,
    event: DataMessage,
    frames: StoredFrame[],
    t: number,
  ): void {
    const message: MessageInfo = {
      opcode: event.opcode,
      compressed: event.compressed,
      frameSeqs: frames.map((stored) => stored.seq),
      wireLength: event.payload.length,
      inflated: null,
    };
    for (const stored of frames) stored.message = message;
    this.timeline.add({
      kind: 'message',
      t,
      connection: connection.id,
      direction,
      opcode: event.opcode,
      length: event.payload.length,
      head: event.payload.slice(0, previewBytes),
      compressed: event.compressed,
      frameSeq: frames[frames.length - 1]?.seq ?? 0,
      frames: event.frames.length,
    });
    if (event.compressed) this.inflate(connection, direction, message, event.payload);
  }

  private onControl(
    connection: WireConnection,
    direction: Sender,
    event: Exclude<WireEvent, DataMessage>,
    frameSeq: number,
    t: number,
  ): void {
    if (event.kind === 'close') {
      this.timeline.add({
        kind: 'close-frame',
        t,
        connection: connection.id,
        direction,
        code: event.code,
        reason: event.reason,
        frameSeq,
      });
      return;
    }
    this.timeline.add({
      kind: event.kind,
      t,
      connection: connection.id,
      direction,
      preview: preview(event.payload, true),
      frameSeq,
    });
  }

  private inflate(
    connection: WireConnection,
    direction: Sender,
    message: MessageInfo,
    payload: Uint8Array,
  ): void {
    if (!MessageInflater.supported) {
      message.inflated = {
        bytes: new Uint8Array(0),
        length: 0,
        truncated: false,
        error: 'DecompressionStream is missing',
      };
      return;
    }
    const key = `${connection.id}:${direction}`;
    let inflater = this.inflaters.get(key);
    if (!inflater) {
      inflater = new MessageInflater();
      this.inflaters.set(key, inflater);
    }
    void inflater.inflate(payload).then((result) => {
      this.store.setInflated(message, result);
      this.timeline.previewChanged();
      this.hooks.changedLater({ frames: true, timeline: true });
    });
  }

  private onEvent(record: EventRecordJson): void {
    if (record.kind === 'dropped') {
      this.droppedRecords += record.count;
      for (const connection of this.connections.values()) connection.restartAfterGap();
      this.timeline.add({ kind: 'dropped', t: record.t, connection: null, count: record.count });
      return;
    }
    const connection = this.wireConnection(record.connection);
    switch (record.kind) {
      case 'open': {
        const { kind: _kind, connection: _id, ...info } = record;
        connection.info = info;
        this.hooks.opened(connection.id, record.pageSocket);
        this.timeline.add({
          kind: 'open',
          t: record.t,
          connection: connection.id,
          path: record.path,
          lab: record.lab,
          deflate: record.deflate,
        });
        return;
      }
      case 'pong':
        this.timeline.add({
          kind: 'rtt',
          t: record.t,
          connection: connection.id,
          rttMs: record.rttMs,
          preview: record.payload,
        });
        return;
      case 'error':
        this.timeline.add({
          kind: 'error',
          t: record.t,
          connection: connection.id,
          closeCode: record.closeCode,
          message: record.message,
        });
        return;
      case 'notice':
        this.timeline.add({
          kind: 'notice',
          t: record.t,
          connection: connection.id,
          name: record.name,
          message: record.message,
        });
        return;
      case 'close':
        connection.closed = { code: record.code, reason: record.reason, t: record.t };
        for (const direction of ['client', 'server']) this.inflaters.delete(`${connection.id}:${direction}`);
        this.timeline.add({
          kind: 'closed',
          t: record.t,
          connection: connection.id,
          code: record.code,
          reason: record.reason,
          clean: connection.clean,
          bothCloseFrames:
            connection.closeFrames.client !== undefined && connection.closeFrames.server !== undefined,
          initiator: connection.initiator,
          httpOnly: connection.httpOnly,
        });
        return;
    }
  }
}

/** A short, printable preview of a payload: text as text, anything else as hex. */
export function preview(payload: Uint8Array, asText: boolean, max = 48): string {
  if (asText) {
    const text = decodeUtf8Lenient(payload.subarray(0, max * 4));
    return text.length > max ? `${text.slice(0, max)}…` : text;
  }
  const shown = toHex(payload.subarray(0, 16), ' ');
  return payload.length > 16 ? `${shown} …` : shown;
}
