const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const openBracket = 0x5b;

/**
 * True when `text` is shaped like an inspector command: one JSON object whose values hold no object or
 * array (strings may contain anything). One pass over the characters, no allocation: a deeply nested
 * message costs a parser far more than its size suggests, so it is refused before `JSON.parse` sees it.
 * Not a validator: what passes may still be bad JSON, which the parser then reports.
 */
export function isFlatJsonObject(text: string): boolean {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
  if (text.charCodeAt(i) !== openBrace) return false;
  let inString = false;
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === backslash) i++;
      else if (c === quote) inString = false;
    } else if (c === quote) {
      inString = true;
    } else if (c === openBrace || c === openBracket) {
      return false;
    }
  }
  return true;
}
