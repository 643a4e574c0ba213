/**
 * The close code ws fails a connection with for one of its errors. ws keeps it under a symbol it does
 * not export; we read it by its description, and fall back on the error code (RFC 6455 §7.4.1).
 */
const byErrorCode: Record<string, number> = {
  WS_ERR_INVALID_UTF8: 1007,
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 1009,
};

export function closeCodeOfError(error: Error & { code?: string }): number {
  for (const symbol of Object.getOwnPropertySymbols(error)) {
    const value = (error as unknown as Record<symbol, unknown>)[symbol];
    if (symbol.description === 'status-code' && typeof value === 'number') return value;
  }
  return byErrorCode[error.code ?? ''] ?? 1002;
}
