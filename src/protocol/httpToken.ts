/**
 * RFC 7230 §3.2.6: token = 1*tchar, tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
 * "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA. A subprotocol is a token (RFC 6455 §4.1), so a value that
 * passes cannot carry CR, LF, a colon or a space: it cannot end a header line or start another.
 */
export function isHttpToken(text: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(text);
}

/** Sec-WebSocket-Protocol as a client offers it (RFC 6455 §4.1: 1#token): tokens separated by commas. */
export function isSubprotocolList(text: string): boolean {
  return text.length <= 1024 && text.split(',').every((name) => isHttpToken(name.trim()));
}
