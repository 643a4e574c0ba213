// What `npm run bench` measures, one function per subject, each fed the same chunks and counting the
// messages it got. Run by bench/decode/runner.ts in a process of its own (ws decides at load time
// whether to use bufferutil, so each ws mode needs its own process).
import { createRequire } from 'node:module';
import { uninitialisedBytes } from '../../server/uninitialisedBytes.ts';
import { annotateFrame, FrameStreamDecoder, MessageAssembler } from '../../src/protocol/index.ts';
import { Receiver } from '../../test/helpers/wsInternals.ts';

export function ours(chunks: readonly Uint8Array[], annotate: boolean): number {
  // As a Node server would run it: payload memory not zero-filled (ws's Receiver has the same).
  const context = { sender: 'client', maxPayload: 1 << 30, allocate: uninitialisedBytes } as const;
  const decoder = new FrameStreamDecoder(context);
  const assembler = new MessageAssembler(context);
  let count = 0;
  for (const chunk of chunks) {
    for (const frame of decoder.push(chunk)) {
      if (annotate) annotateFrame(frame);
      if (assembler.push(frame)) count++;
    }
  }
  return count;
}

/** ws's own Receiver, as a ws server runs it (it unmasks in place, so the chunks are its to change). */
export function ws(chunks: readonly Buffer[]): number {
  const receiver = new Receiver({ isServer: true, maxPayload: 0, allowSynchronousEvents: true });
  let count = 0;
  receiver.on('message', () => {
    count++;
  });
  for (const chunk of chunks) {
    receiver._write(chunk, 'buffer', (error) => {
      if (error) throw error;
    });
  }
  return count;
}

/**
 * The physical reference: the same bytes copied with Buffer.copy, one read at a time, into memory as
 * large as the whole stream (tens of MB, past the caches), allocated once so that only copying is timed.
 */
export function memoryCopy(chunks: readonly Buffer[], total: number): () => number {
  const target = Buffer.alloc(total);
  return () => {
    let at = 0;
    for (const chunk of chunks) at += chunk.copy(target, at);
    return at === total ? 1 : 0;
  };
}

/** Which unmasking ws loaded in this process: bufferutil's native addon, its JS fallback, or its own loop. */
export function wsMasking(): string {
  const require = createRequire(import.meta.url);
  const version = (require('ws/package.json') as { version: string }).version;
  const loaded = Object.keys(require.cache).filter((path) => path.includes('/bufferutil/'));
  const addon = loaded.find((path) => path.endsWith('.node'));
  const where = addon ? addon.slice(addon.lastIndexOf('/bufferutil/') + 1) : '';
  if (addon) return `ws ${version}, unmasking with bufferutil's native addon (${where})`;
  if (loaded.some((path) => path.endsWith('fallback.js')))
    return `ws ${version}, unmasking with bufferutil's JS fallback`;
  return `ws ${version}, unmasking with its own JS loop (bufferutil not loaded)`;
}
