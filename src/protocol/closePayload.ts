import { closeCodeInfo } from './closeCodes.ts';
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
