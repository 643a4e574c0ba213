/** One read from or one write to a TCP socket, exactly the bytes that crossed it, chunk boundaries kept. */
export type WireRecord = {
  readonly kind: 'read' | 'write';
  readonly connection: number;
  readonly t: number;
  readonly bytes: Buffer;
  /** Filled on first use and shared by every inspector that sends this record. */
  base64?: string;
};
