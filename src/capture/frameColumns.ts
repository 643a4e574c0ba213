import type { Sender } from '../protocol/index.ts';

/**
 * A connection's frames as columns of typed arrays, one row per frame in capture order: what a frame list
 * draws, a million frames in tens of megabytes and not one object per frame. A batch of rows crosses from
 * the worker to the page by transfer, not by copy.
 */
export type FrameRows = {
  readonly count: number;
  /** 0: the client sent it, 1: the server. */
  readonly sender: Uint8Array;
  /** FIN, RSV1, RSV2, RSV3, MASK as bits 0–4 (`RowBit`). */
  readonly bits: Uint8Array;
  readonly opcode: Uint8Array;
  readonly payloadLength: Float64Array;
  readonly timestampMicros: Float64Array;
  /** The close code of the frame's first violation; 0 when it has none. */
  readonly violation: Uint16Array;
};

export const RowBit = { fin: 1, rsv1: 2, rsv2: 4, rsv3: 8, masked: 16 } as const;

export const senderOfRow = (rows: FrameRows, index: number): Sender =>
  rows.sender[index] === 0 ? 'client' : 'server';

type Column = Uint8Array | Uint16Array | Float64Array;
const columnNames = ['sender', 'bits', 'opcode', 'payloadLength', 'timestampMicros', 'violation'] as const;

function grown<T extends Column>(column: T, capacity: number): T {
  const next = new (column.constructor as new (length: number) => T)(capacity);
  next.set(column);
  return next;
}

/** Rows appended one by one or batch by batch, the arrays doubling as they fill. */
export class FrameRowsBuilder implements FrameRows {
  count = 0;
  sender = new Uint8Array(1024);
  bits = new Uint8Array(1024);
  opcode = new Uint8Array(1024);
  payloadLength = new Float64Array(1024);
  timestampMicros = new Float64Array(1024);
  violation = new Uint16Array(1024);

  private reserve(rows: number): void {
    const needed = this.count + rows;
    if (needed <= this.sender.length) return;
    let capacity = this.sender.length * 2;
    while (capacity < needed) capacity *= 2;
    this.sender = grown(this.sender, capacity);
    this.bits = grown(this.bits, capacity);
    this.opcode = grown(this.opcode, capacity);
    this.payloadLength = grown(this.payloadLength, capacity);
    this.timestampMicros = grown(this.timestampMicros, capacity);
    this.violation = grown(this.violation, capacity);
  }

  push(
    sender: Sender,
    bits: number,
    opcode: number,
    payloadLength: number,
    timestampMicros: number,
    violation: number,
  ): number {
    this.reserve(1);
    const row = this.count++;
    this.sender[row] = sender === 'client' ? 0 : 1;
    this.bits[row] = bits;
    this.opcode[row] = opcode;
    this.payloadLength[row] = payloadLength;
    this.timestampMicros[row] = timestampMicros;
    this.violation[row] = violation;
    return row;
  }

  /** Appends a batch (the page, as the worker's batches arrive). */
  append(rows: FrameRows): void {
    this.reserve(rows.count);
    for (const name of columnNames) {
      (this[name] as Column).set((rows[name] as Column).subarray(0, rows.count), this.count);
    }
    this.count += rows.count;
  }

  /** Rows [from, to) as a batch of its own: fresh buffers, so they can be transferred. */
  slice(from: number, to: number): FrameRows {
    return {
      count: to - from,
      sender: this.sender.slice(from, to),
      bits: this.bits.slice(from, to),
      opcode: this.opcode.slice(from, to),
      payloadLength: this.payloadLength.slice(from, to),
      timestampMicros: this.timestampMicros.slice(from, to),
      violation: this.violation.slice(from, to),
    };
  }
}

/** The buffers of a batch, for `postMessage`'s transfer list. */
export function rowBuffers(rows: FrameRows): ArrayBuffer[] {
  return columnNames.map((name) => rows[name].buffer as ArrayBuffer);
}
