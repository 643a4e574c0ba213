import { type AllocateBytes, zeroFilled } from './byteSlab.ts';
import { concatBytes } from './bytes.ts';
import { parseClosePayload } from './closePayload.ts';
import type { Frame } from './frame.ts';
import { defaultMaxPayload } from './frameHeader.ts';
import { isControlOpcode, Opcode } from './opcodes.ts';
import { decodeUtf8Lenient, decodeUtf8Strict, Utf8Validator } from './utf8.ts';
import { violation } from './violations.ts';

export type DataMessage = {
  readonly kind: 'message';
  readonly opcode: typeof Opcode.text | typeof Opcode.binary;
  /** The reassembled payload; still compressed when `compressed` (the page inflates it). */
  readonly payload: Uint8Array;
  /** The text, for a text message that is not compressed (invalid bytes shown as U+FFFD). */
  readonly text: string | null;
  readonly compressed: boolean;
  readonly frames: readonly Frame[];
};

export type ControlEvent =
  | { readonly kind: 'ping' | 'pong'; readonly payload: Uint8Array; readonly frame: Frame }
  | {
      readonly kind: 'close';
      readonly code: number | null;
      readonly reason: string;
      readonly frame: Frame;
    };

export type WireEvent = DataMessage | ControlEvent;

type OpenMessage = {
  opcode: typeof Opcode.text | typeof Opcode.binary;
  compressed: boolean;
  frames: Frame[];
  size: number;
  utf8: Utf8Validator | null;
};

/**
 * Reassembles messages from one sender's frames (RFC 6455 §5.4) and checks the rules that need more than
 * one frame: fragmentation order, UTF-8 across fragments, the close payload, nothing after a close.
 * Violations are appended to the frame that breaks the rule, so views highlight them where they happened.
 */
export class MessageAssembler {
  private open: OpenMessage | null = null;
  private closed = false;
  private readonly maxPayload: number;
  private readonly perMessageDeflate: boolean;
  private readonly allocate: AllocateBytes;

  constructor(options: { maxPayload?: number; perMessageDeflate?: boolean; allocate?: AllocateBytes } = {}) {
    this.maxPayload = options.maxPayload ?? defaultMaxPayload;
    this.perMessageDeflate = options.perMessageDeflate ?? false;
    this.allocate = options.allocate ?? zeroFilled;
  }

  /** Takes the next frame; returns the event it completes, if any. */
  push(frame: Frame): WireEvent | null {
    if (this.closed) frame.violations.push(violation('frame-after-close', undefined, [4, 4]));
    if (isControlOpcode(frame.opcode)) return this.control(frame);
    if (frame.opcode === Opcode.continuation) return this.continuation(frame);
    if (frame.opcode !== Opcode.text && frame.opcode !== Opcode.binary) return null; // reserved: already named
    if (this.open) {
      frame.violations.push(violation('data-frame-inside-message', undefined, [4, 4]));
      this.open = null; // a peer would fail here; we start over so later frames still make sense
    }
    const compressed = this.perMessageDeflate && frame.rsv1;
    if (frame.fin && (frame.opcode === Opcode.binary || compressed)) {
      // A whole message in one frame with no UTF-8 to check (binary, or text still compressed): the
      // common case, told without the bookkeeping a fragmented message needs.
      return {
        kind: 'message',
        opcode: frame.opcode,
        payload: frame.payload,
        text: null,
        compressed,
        frames: [frame],
      };
    }
    if (frame.fin && frame.opcode === Opcode.text) {
      // A whole text message in one frame: validated and decoded in one pass. Only when it is not
      // UTF-8 does it take the path below, which finds the first bad byte to name in the violation.
      const text = decodeUtf8Strict(frame.payload);
      if (text !== null) {
        return {
          kind: 'message',
          opcode: frame.opcode,
          payload: frame.payload,
          text,
          compressed,
          frames: [frame],
        };
      }
    }
    this.open = {
      opcode: frame.opcode,
      compressed,
      frames: [],
      size: 0,
      utf8: null,
    };
    const open = this.open;
    open.utf8 = open.opcode === Opcode.text && !open.compressed ? new Utf8Validator() : null;
    return this.append(open, frame);
  }

  /** True while a fragmented message has begun and not ended. */
  get messageOpen(): boolean {
    return this.open !== null;
  }

  private continuation(frame: Frame): WireEvent | null {
    if (!this.open) {
      frame.violations.push(violation('continuation-without-message', undefined, [4, 4]));
      return null;
    }
    return this.append(this.open, frame);
  }

  private append(open: OpenMessage, frame: Frame): WireEvent | null {
    open.frames.push(frame);
    open.size += frame.payload.length;
    const payloadBit = frame.headerLength * 8;
    if (open.size > this.maxPayload && frame.opcode === Opcode.continuation) {
      frame.violations.push(
        violation('payload-too-large', { en: `message ${open.size} bytes`, zh: `消息 ${open.size} 字节` }),
      );
    }
    if (open.utf8 && open.utf8.invalidAt < 0) {
      const before = open.size - frame.payload.length;
      if (!open.utf8.push(frame.payload)) {
        const at = open.utf8.invalidAt - before;
        frame.violations.push(
          violation(
            'invalid-utf8',
            { en: `byte ${open.utf8.invalidAt}`, zh: `第 ${open.utf8.invalidAt} 字节` },
            [payloadBit + at * 8, 8],
          ),
        );
      } else if (frame.fin && !open.utf8.complete) {
        frame.violations.push(
          violation(
            'invalid-utf8',
            { en: 'message ends inside a code point', zh: '消息在一个字符中间结束' },
            [payloadBit, frame.payload.length * 8],
          ),
        );
      }
    }
    if (!frame.fin) return null;
    this.open = null;
    const payload = concatBytes(
      open.frames.map((f) => f.payload),
      this.allocate,
    );
    return {
      kind: 'message',
      opcode: open.opcode,
      payload,
      text: open.opcode === Opcode.text && !open.compressed ? decodeUtf8Lenient(payload) : null,
      compressed: open.compressed,
      frames: open.frames,
    };
  }

  private control(frame: Frame): WireEvent | null {
    if (frame.opcode === Opcode.ping || frame.opcode === Opcode.pong) {
      return { kind: frame.opcode === Opcode.ping ? 'ping' : 'pong', payload: frame.payload, frame };
    }
    if (frame.opcode !== Opcode.close) return null;
    this.closed = true;
    const parsed = parseClosePayload(frame.payload, frame.headerLength);
    frame.violations.push(...parsed.violations);
    return { kind: 'close', code: parsed.code, reason: parsed.reason, frame };
  }
}
