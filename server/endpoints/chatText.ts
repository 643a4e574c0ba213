/** The longest chat message, in characters. */
export const maxText = 2000;

/**
 * What may not be in a chat message, and why: a control character (a newline draws a second line that
 * looks like someone else's message; JSON escapes each to six bytes), a line or paragraph separator (the
 * same), and the bidirectional controls (U+202E turns the rest of a line around: UTS #39 §3.2, the
 * "Trojan Source" attacks).
 */
const forbidden = /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export type ChatTextCheck = { ok: true } | { ok: false; code: 'length' | 'control'; message: string };

/** A chat message is one line of 1–`maxText` characters, drawn as it reads. */
export function checkChatText(text: string): ChatTextCheck {
  if (text.length === 0 || text.length > maxText) {
    return { ok: false, code: 'length', message: `a message is 1–${maxText} characters` };
  }
  const found = forbidden.exec(text);
  if (found) {
    const point = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    const kind = /\p{Cc}|\u2028|\u2029/u.test(found[0]) ? 'a control character' : 'a direction control';
    return {
      ok: false,
      code: 'control',
      message: `a message is one line of plain text: U+${point} (${kind}) at character ${found.index + 1} is not allowed`,
    };
  }
  return { ok: true };
}
