import { closeCodeInfo } from './closeCodes.ts';
import type { Bilingual } from './i18n.ts';
import { decodeUtf8Lenient, Utf8Validator } from './utf8.ts';
import type { Violation } from './violations.ts';
import { violation } from './violations.ts';

export type ParsedClose = {
  /** null when the payload is empty: the receiver then reports 1005 to its application (§7.1.5). */
  readonly code: number | null;
  readonly reason: string;
  readonly violations: Violation[];
};

/** RFC 6455 §5.5.1: an empty payload, or a 2-byte code followed by a UTF-8 reason. */
export function parseClosePayload(payload: Uint8Array, headerLength = 2): ParsedClose {
  const payloadBit = headerLength * 8;
  if (payload.length === 0) return { code: null, reason: '', violations: [] };
  if (payload.length === 1) {
    return {
      code: null,
      reason: '',
      violations: [violation('close-payload-one-byte', undefined, [payloadBit, 8])],
    };
  }
  const code = (payload[0]! << 8) | payload[1]!;
  const violations: Violation[] = [];
  const info = closeCodeInfo(code);
  if (!info.mayBeSent) {
    violations.push(
      violation('close-code-invalid', { en: `${code} (${info.name})`, zh: `${code}（${info.name}）` }, [
        payloadBit,
        16,
      ]),
    );
  }
  const reasonBytes = payload.subarray(2);
  const validator = new Utf8Validator();
  if (!validator.push(reasonBytes) || !validator.complete) {
    violations.push(
      violation('close-reason-invalid-utf8', undefined, [payloadBit + 16, reasonBytes.length * 8]),
    );
  }
  return { code, reason: decodeUtf8Lenient(reasonBytes), violations };
}

/** A close frame's payload is at most 125 bytes (§5.5), 2 of them the code: the reason gets 123. */
export const maxCloseReasonBytes = 123;

const reasonEncoder = new TextEncoder();

/**
 * Whether a close reason fits, counted in UTF-8 bytes as the wire and the WebSocket API count it (not in
 * characters: 你 is one character and 3 bytes). The problem, when there is one, is said in words.
 */
export function checkCloseReason(reason: string): {
  readonly bytes: number;
  readonly problem: Bilingual | null;
} {
  const bytes = reasonEncoder.encode(reason).length;
  if (bytes <= maxCloseReasonBytes) return { bytes, problem: null };
  return {
    bytes,
    problem: {
      en: `The reason is ${bytes} bytes of UTF-8 (${reason.length} characters; a Chinese character takes 3 bytes), but a close frame has room for ${maxCloseReasonBytes}: its payload is at most 125 bytes (RFC 6455 §5.5), 2 of them the code. Shorten it by ${bytes - maxCloseReasonBytes} bytes.`,
      zh: `原因是 ${bytes} 字节的 UTF-8（${reason.length} 个字符；一个汉字占 3 字节），但关闭帧只能放 ${maxCloseReasonBytes} 字节：负载最多 125 字节（RFC 6455 §5.5），其中 2 字节是关闭码。请缩短 ${bytes - maxCloseReasonBytes} 字节。`,
    },
  };
}
