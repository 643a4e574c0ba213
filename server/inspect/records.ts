import { preciseNow } from '../../src/shared/clock.ts';
import { type EventRecordJson, inspectorProtocolVersion } from '../../src/shared/inspector/protocol.ts';
import type { WireRecord } from '../tap/wireRecord.ts';

/** What an inspector is sent: tap records (bytes still a Buffer, base64 made once) or events as they are. */
export type InspectorRecord = WireRecord | EventRecordJson;

/** The server acted on a connection (heartbeat timeout, idle, rate limit): told like any event. */
export function notice(connection: number, name: string, message: string): EventRecordJson {
  return { kind: 'notice', connection, t: preciseNow(), name, message };
}

/**
 * JSON text for one record. Bytes travel as base64 (`data`), encoded once per record however many
 * inspectors receive it. A wire record is written by hand: base64 never needs escaping, and this is the
 * hot path when an inspector is attached.
 */
export function recordJson(record: InspectorRecord): string {
  if (record.kind === 'read' || record.kind === 'write') {
    record.base64 ??= record.bytes.toString('base64');
    return `{"kind":"${record.kind}","connection":${record.connection},"t":${record.t},"data":"${record.base64}"}`;
  }
  return JSON.stringify(record);
}

const batchOpen = `{"v":${inspectorProtocolVersion},"type":"records","records":[`;
const batchClose = ']}';

/**
 * One `records` message as bytes, ready for a text frame, copied piece by piece into one buffer instead
 * of joining strings and encoding the result again. A wire record's JSON is ASCII (base64, digits), so it
 * is copied as latin1; an event's JSON may hold UTF-8 text (a close reason), so it is encoded.
 */
export function recordsMessage(records: readonly InspectorRecord[]): Buffer {
  const parts = records.map((record) => ({ text: recordJson(record), ascii: 'bytes' in record }));
  let length = batchOpen.length + batchClose.length + Math.max(0, parts.length - 1);
  for (const part of parts) length += part.ascii ? part.text.length : Buffer.byteLength(part.text, 'utf8');
  const out = Buffer.allocUnsafe(length);
  let offset = out.write(batchOpen, 0, 'latin1');
  parts.forEach((part, i) => {
    if (i > 0) offset += out.write(',', offset, 'latin1');
    offset += out.write(part.text, offset, part.ascii ? 'latin1' : 'utf8');
  });
  out.write(batchClose, offset, 'latin1');
  return out;
}

/** An estimate of a record's JSON size, cheap enough to check before anything is encoded. */
export function recordSize(record: InspectorRecord): number {
  return record.kind === 'read' || record.kind === 'write'
    ? 80 + Math.ceil(record.bytes.length / 3) * 4
    : 160;
}
