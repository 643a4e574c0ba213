import { constants, createDeflateRaw } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflatedCap, MessageInflater } from '../../src/session/inflater.ts';

// Node's zlib inflates on its thread pool (Chromium inflates inside the write), so a quiet turn is not
// "done" there: wait long enough that a loaded machine's pool has run (the inflater then waits once more
// for a turn that brings nothing new).
const nodeSettle = () => new Promise<void>((resolve) => setTimeout(resolve, 100));

/** Deflates messages as a permessage-deflate sender with context takeover does: one stream, sync flushes. */
async function deflateMessages(messages: string[]): Promise<Uint8Array[]> {
  const deflate = createDeflateRaw();
  const out: Uint8Array[] = [];
  for (const message of messages) {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => chunks.push(chunk);
    deflate.on('data', onData);
    deflate.write(message);
    await new Promise<void>((resolve) => deflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    deflate.off('data', onData);
    const all = Buffer.concat(chunks);
    out.push(new Uint8Array(all.subarray(0, all.length - 4))); // RFC 7692 §7.2.1: drop 00 00 ff ff
  }
  return out;
}

describe('RFC 7692 §7.2.2: inflating with context takeover', () => {
  it('inflates later messages that refer back to earlier ones', async () => {
    const messages = ['hello hello hello websocket', 'hello hello hello websocket again', '你好，WebSocket'];
    const compressed = await deflateMessages(messages);
    // The second message should be shorter than standalone: it points back into the first's window.
    expect(compressed[1]!.length).toBeLessThan(15);
    const inflater = new MessageInflater(inflatedCap, nodeSettle);
    const decoded: string[] = [];
    for (const bytes of compressed) {
      const result = await inflater.inflate(bytes);
      expect(result.error).toBeNull();
      decoded.push(new TextDecoder().decode(result.bytes));
    }
    expect(decoded).toEqual(messages);
  });

  it('caps the output it keeps but counts it all', async () => {
    const [bytes] = await deflateMessages(['a'.repeat(100_000)]);
    const result = await new MessageInflater(1000, nodeSettle).inflate(bytes!);
    expect(result.bytes.length).toBe(1000);
    expect(result.length).toBe(100_000);
    expect(result.truncated).toBe(true);
  });
});
