/// <reference lib="webworker" />
// Reads a capture off the main thread: the page stays responsive while a large file is parsed, reassembled,
// decoded and inflated. The file never leaves the page; the result comes back as one structured clone.
import { type DecodedCapture, decodeCapture, decodeHar, inflateConnection } from '../../capture/index.ts';
import { MessageInflater } from '../../session/inflater.ts';

export type CaptureRequest = { readonly name: string; readonly bytes: ArrayBuffer };
export type CaptureReply =
  | { readonly ok: true; readonly decoded: DecodedCapture; readonly ms: number }
  | { readonly ok: false; readonly reason: string };

/** A HAR is JSON: its first non-blank byte is `{`; a capture file starts with a binary magic number. */
function isJson(bytes: Uint8Array): boolean {
  for (const byte of bytes.subarray(0, 64)) {
    if (
      byte === 0x20 ||
      byte === 0x0a ||
      byte === 0x0d ||
      byte === 0x09 ||
      byte === 0xef ||
      byte === 0xbb ||
      byte === 0xbf
    )
      continue;
    return byte === 0x7b;
  }
  return false;
}

self.onmessage = async (event: MessageEvent<CaptureRequest>) => {
  const started = performance.now();
  try {
    const bytes = new Uint8Array(event.data.bytes);
    const decoded = isJson(bytes) ? decodeHar(new TextDecoder().decode(bytes)) : decodeCapture(bytes);
    for (const connection of decoded.connections) {
      if (connection.kind === 'websocket') await inflateConnection(connection, () => new MessageInflater());
    }
    const reply: CaptureReply = { ok: true, decoded, ms: Math.round(performance.now() - started) };
    self.postMessage(reply);
  } catch (error) {
    const reply: CaptureReply = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    self.postMessage(reply);
  }
};
