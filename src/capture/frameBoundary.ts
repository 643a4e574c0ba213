import { isHeaderNeed, parseFrameHeader, type Sender } from '../protocol/index.ts';

/** How many valid frames in a row prove a boundary when they do not end exactly where the bytes end. */
export const framesThatProveABoundary = 3;

/** How far into a run of bytes a boundary is looked for before giving up. */
const searchLimit = 256 * 1024;

/**
 * The header rules that any frame from this sender obeys whatever was negotiated (RFC 6455 §5.2, §5.5):
 * a defined opcode, RSV2 and RSV3 clear, RSV1 only on a data frame, the sender's MASK bit, a control
 * frame whole and short, the length in its shortest form. Random bytes pass them rarely; three in a row
 * that chain end to start, or frames that end exactly where the captured bytes end, are our proof.
 */
function plausibleFrameEnd(bytes: Uint8Array, at: number, sender: Sender): number | 'cut' | null {
  const header = parseFrameHeader(bytes, at);
  if (isHeaderNeed(header)) return 'cut';
  const { opcode } = header;
  if (!(opcode <= 2 || (opcode >= 8 && opcode <= 10))) return null;
  if (header.rsv2 || header.rsv3) return null;
  if (header.rsv1 && opcode !== 1 && opcode !== 2) return null;
  if (header.masked !== (sender === 'client')) return null;
  if (
    opcode >= 8 &&
    (!header.fin || header.payloadLength > 125 || (header.payloadLength === 1 && opcode === 8))
  )
    return null;
  if (header.lengthForm === 16 && header.payloadLength < 126) return null;
  if (header.lengthForm === 64 && (header.payloadLength < 65536 || header.payloadLength >= 2 ** 53))
    return null;
  const end = at + header.headerLength + header.payloadLength;
  return end > bytes.length ? 'cut' : end;
}

export type Boundary = { readonly offset: number; readonly framesChecked: number };

/**
 * The first offset in `bytes` (a run with no gap in it) where WebSocket frames provably begin, or null.
 * Used where the stream's start was not captured, or after a gap: never a guess across missing bytes.
 */
export function firstFrameBoundary(bytes: Uint8Array, sender: Sender): Boundary | null {
  const limit = Math.min(bytes.length - 1, searchLimit);
  for (let start = 0; start < limit; start++) {
    let at = start;
    let frames = 0;
    for (;;) {
      const end = plausibleFrameEnd(bytes, at, sender);
      if (end === null) break;
      if (end === 'cut') {
        // The bytes end inside a frame: the chain so far is all the evidence there is.
        if (frames >= framesThatProveABoundary || (frames >= 2 && start === 0))
          return { offset: start, framesChecked: frames };
        break;
      }
      frames++;
      at = end;
      if (at === bytes.length) {
        if (frames >= 2 || start === 0) return { offset: start, framesChecked: frames };
        break;
      }
      if (frames >= framesThatProveABoundary) return { offset: start, framesChecked: frames };
    }
  }
  return null;
}
