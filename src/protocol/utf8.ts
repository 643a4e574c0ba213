/**
 * An incremental UTF-8 validator (RFC 3629). RFC 6455 §8.1 lets an endpoint fail a text message as soon as
 * its bytes cannot be UTF-8, even mid-message, and a code point may be split across fragments: so the
 * state (how many continuation bytes are still owed, and the allowed range of the next one) is kept
 * between pushes.
 */
export class Utf8Validator {
  private needed = 0; // continuation bytes still owed by the current code point
  private lower = 0x80; // allowed range of the next continuation byte
  private upper = 0xbf;
  private seen = 0;
  private failedAt = -1;

  /** Feeds bytes; returns false once the input can no longer be UTF-8. */
  push(bytes: Uint8Array): boolean {
    if (this.failedAt >= 0) return false;
    let { needed, lower, upper } = this;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (needed === 0) {
        if (byte < 0x80) continue;
        if (byte >= 0xc2 && byte <= 0xdf) {
          needed = 1;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          needed = 2;
          // E0 excludes overlongs (A0–BF next), ED excludes surrogates (80–9F next).
          if (byte === 0xe0) lower = 0xa0;
          if (byte === 0xed) upper = 0x9f;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          needed = 3;
          // F0 excludes overlongs (90–BF next), F4 stops at U+10FFFF (80–8F next).
          if (byte === 0xf0) lower = 0x90;
          if (byte === 0xf4) upper = 0x8f;
        } else {
          return this.fail(i);
        }
        continue;
      }
      if (byte < lower || byte > upper) return this.fail(i);
      lower = 0x80;
      upper = 0xbf;
      needed--;
    }
    this.needed = needed;
    this.lower = lower;
    this.upper = upper;
    this.seen += bytes.length;
    return true;
  }

  /** True when the input so far ends on a code point boundary (a message may end here). */
  get complete(): boolean {
    return this.failedAt < 0 && this.needed === 0;
  }

  /** Offset (over everything pushed) of the first byte that cannot be UTF-8, or -1. */
  get invalidAt(): number {
    return this.failedAt;
  }

  private fail(index: number): boolean {
    this.failedAt = this.seen + index;
    return false;
  }
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  const validator = new Utf8Validator();
  return validator.push(bytes) && validator.complete;
}

const lenientDecoder = new TextDecoder('utf-8');
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of bytes that are all valid UTF-8, or null. One pass of the platform's decoder, which
 * validates as it decodes (by the same rules as Utf8Validator): for a whole message that is valid, as
 * nearly all are, checking it first and decoding it after would read it twice.
 */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Text for display: invalid sequences become U+FFFD, so a broken message is still shown. */
export function decodeUtf8Lenient(bytes: Uint8Array): string {
  return lenientDecoder.decode(bytes);
}
