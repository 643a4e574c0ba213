import type { Bilingual, Frame, Sender, Violation, WireEvent } from '../protocol/index.ts';
import type { CaptureFile } from './captureFile.ts';
import type { Endpoint } from './connections.ts';
import { type CaptureOptions, captureTcpConnections } from './decodeCapture.ts';
import { type CapturedFrame, directionFrames } from './directionDecoder.ts';
import type { FrameRows } from './frameColumns.ts';
import { type ControlRow, type FrameDetailData, IndexedConnection } from './indexedConnection.ts';
import type { Inflater } from './inflate.ts';
import type { CaptureProblem } from './problems.ts';
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

export type { ControlRow, FrameDetailData };

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

/** The first batch is small, so the first frames show at once; later ones are large, so they are few. */
export const firstBatchRows = 256;
export const batchRows = 8192;

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
