import {
  decodeUtf8Lenient,
  type FieldKind,
  type Frame,
  frameWireBytes,
  Opcode,
  opcodeInfo,
  parseClosePayload,
  type Sender,
} from '../../protocol/index.ts';
import type { Paint } from '../../shared/paint.ts';

const shownBytes = 24;

/** The field a header byte mostly belongs to, for colouring a hex dump byte by byte. */
function byteKind(frame: Frame, index: number): FieldKind {
  if (index === 0) return 'opcode';
  if (index === 1) return 'length';
  const keyStart = frame.headerLength - (frame.masked ? 4 : 0);
  if (index < keyStart) return 'extended-length';
  if (index < frame.headerLength) return 'masking-key';
  return 'payload';
}

function preview(frame: Frame): string {
  if (frame.opcode === Opcode.close) {
    const close = parseClosePayload(frame.payload);
    return close.code === null ? '(no code)' : `${close.code} ${JSON.stringify(close.reason)}`;
  }
  if (frame.payload.length === 0) return '';
  const text = frame.opcode === Opcode.text || frame.opcode === Opcode.ping || frame.opcode === Opcode.pong;
  if (text && !frame.rsv1) {
    const shown = decodeUtf8Lenient(frame.payload.subarray(0, 60));
    return JSON.stringify(frame.payload.length > 60 ? `${shown}…` : shown);
  }
  return `${frame.payload.length} bytes`;
}

/**
 * One frame in two terminal lines: a summary (direction, opcode, FIN, MASK, length, what it carries) and its
 * first bytes in hex, each byte in the colour of the field it belongs to; violations follow in red.
 */
export function frameLines(frame: Frame, direction: Sender, paint: Paint): string[] {
  const arrow = direction === 'client' ? '→' : '←';
  const name = opcodeInfo(frame.opcode).name.padEnd(12);
  const flags = `FIN ${frame.fin ? 1 : 0}  MASK ${frame.masked ? 1 : 0}${frame.rsv1 ? '  RSV1 1' : ''}`;
  const summary = `${arrow} ${paint.bold(name)} ${flags}  len ${String(frame.payloadLength).padEnd(6)} ${preview(frame)}`;
  const wire = frameWireBytes(frame);
  const hex: string[] = [];
  for (let i = 0; i < Math.min(shownBytes, wire.length); i++) {
    hex.push(paint.field(byteKind(frame, i), wire[i]!.toString(16).padStart(2, '0')));
  }
  const more = wire.length > shownBytes ? paint.dim(` … +${wire.length - shownBytes}`) : '';
  const lines = [summary, `  ${hex.join(' ')}${more}`];
  for (const v of frame.violations) lines.push(paint.error(`  ✗ ${v.closeCode} ${v.rule}: ${v.message.en}`));
  return lines;
}
