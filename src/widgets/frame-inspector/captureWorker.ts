/// <reference lib="webworker" />
// Reads a capture off the main thread. The file (a Blob) is read here, not on the page's thread; the page gets the
// connections at once, then each connection's frames as rows in batches (typed arrays, transferred), and a
// frame's full decode only when it is shown. Between batches the worker yields, so a detail request made
// while a large file is still being read is answered in the meantime.
import {
  CaptureIndex,
  type ConnectionSummary,
  decodeHar,
  type FrameDetailData,
  type IndexStep,
  inflateConnection,
  rowBuffers,
  type WebSocketConnection,
} from '../../capture/index.ts';
import { MessageInflater } from '../../session/inflater.ts';

export type CaptureRequest =
  | { readonly kind: 'open'; readonly name: string; readonly file: Blob }
  | { readonly kind: 'detail'; readonly id: number; readonly connection: number; readonly seq: number };

export type CaptureReply =
  | IndexStep
  | { readonly kind: 'done'; readonly ms: number }
  | { readonly kind: 'detail'; readonly id: number; readonly detail: FrameDetailData | null }
  | { readonly kind: 'failed'; readonly reason: string };

export type { ConnectionSummary };

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

let index: CaptureIndex | null = null;

const post = (reply: CaptureReply, transfer: Transferable[] = []) => self.postMessage(reply, transfer);
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function open(bytes: Uint8Array): Promise<void> {
  const started = performance.now();
  if (isJson(bytes)) {
    const decoded = decodeHar(new TextDecoder().decode(bytes));
    const connections = decoded.connections.filter((c): c is WebSocketConnection => c.kind === 'websocket');
    for (const connection of connections) await inflateConnection(connection, () => new MessageInflater());
    index = CaptureIndex.ofDecoded({ ...decoded, connections });
  } else {
    index = CaptureIndex.ofCapture(bytes);
  }
  for (const step of index.steps()) {
    if (step.kind === 'rows') {
      post(step, rowBuffers(step.rows));
      await nextTask();
    } else post(step);
  }
  await index.inflate(() => new MessageInflater());
  post({ kind: 'done', ms: Math.round(performance.now() - started) });
}

self.onmessage = async (event: MessageEvent<CaptureRequest>) => {
  const request = event.data;
  if (request.kind === 'detail') {
    post({ kind: 'detail', id: request.id, detail: index?.detail(request.connection, request.seq) ?? null });
    return;
  }
  try {
    // The file itself crosses (a Blob is passed by reference): it is read here, never on the page's thread.
    await open(new Uint8Array(await request.file.arrayBuffer()));
  } catch (error) {
    post({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
  }
};
