import {
  type ConnectionSummary,
  type ControlRow,
  type FrameRowsBuilder,
  RowBit,
} from '../../capture/index.ts';
import type { Frame, Violation } from '../../protocol/index.ts';
import type { ReplayEvent } from '../event-panel/replayFeed.ts';

/** The event panel lists the replay's last this many control frames. */
const replayEventsShown = 40;
const noBytes = new Uint8Array(0);

/** One connection as the page holds it: its rows (typed arrays) and its control frames, growing as read. */
export type LoadedConnection = {
  readonly summary: ConnectionSummary;
  readonly rows: FrameRowsBuilder;
  readonly controls: ControlRow[];
  /** Violations of the frames that have some, by row. */
  readonly violations: Map<number, Violation[]>;
};

/**
 * A row of the list as a frame: its header fields only (the list draws no more). The detail pane is given
 * the frame decoded in full by the worker (`FrameDetailData`), never this.
 */
export function rowFrame(connection: LoadedConnection, row: number): Frame {
  const { rows } = connection;
  const bits = rows.bits[row]!;
  return {
    fin: (bits & RowBit.fin) !== 0,
    rsv1: (bits & RowBit.rsv1) !== 0,
    rsv2: (bits & RowBit.rsv2) !== 0,
    rsv3: (bits & RowBit.rsv3) !== 0,
    masked: (bits & RowBit.masked) !== 0,
    opcode: rows.opcode[row]!,
    lengthCode: 0,
    lengthForm: 7,
    payloadLength: rows.payloadLength[row]!,
    maskingKey: null,
    headerLength: 0,
    headerBytes: noBytes,
    wire: noBytes,
    payload: noBytes,
    payloadOmitted: true,
    sender: rows.sender[row] === 0 ? 'client' : 'server',
    streamOffset: 0,
    chunks: [],
    violations: connection.violations.get(row) ?? [],
  };
}

/** The connection in words, as the event panel heads its replay: addresses, then the request line. */
export function connectionLabel(summary: ConnectionSummary): string {
  const line = summary.startLine ? ` · ${summary.startLine}` : '';
  return `${summary.client.address}:${summary.client.port} → ${summary.server.address}:${summary.server.port}${line}`;
}

/** The last control frames at or before frame `position` (they are in frame order), as the event panel shows them. */
export function replayEventsUpTo(controls: readonly ControlRow[], position: number): ReplayEvent[] {
  let low = 0;
  let high = controls.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (controls[middle]!.seq <= position) low = middle + 1;
    else high = middle;
  }
  return controls.slice(Math.max(0, low - replayEventsShown), low).map((c) => ({
    seq: c.seq,
    t: c.timestampMicros / 1000,
    direction: c.sender,
    kind: c.kind,
    text: c.text,
    code: c.code,
  }));
}
