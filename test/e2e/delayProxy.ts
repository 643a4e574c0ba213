import { createServer, type Server, Socket } from 'node:net';

/** A classroom's Wi-Fi, roughly: every TCP segment is late by `latencyMs` ± `jitterMs`, each way. */
export type DelayOptions = { latencyMs?: number; jitterMs?: number };

export type DelayProxy = { readonly port: number; readonly url: string; close(): Promise<void> };

/**
 * A TCP proxy to `127.0.0.1:targetPort` that holds every chunk, in each direction, for the latency plus a
 * random jitter before passing it on. Order within a direction is kept (TCP's promise): a chunk never
 * leaves before the one read ahead of it, so jitter delays, it does not reorder. HTTP and WebSocket go
 * through it alike, so a page loaded through it meets the delay on every socket it opens.
 */
export async function startDelayProxy(
  targetPort: number,
  { latencyMs = 60, jitterMs = 20 }: DelayOptions = {},
): Promise<DelayProxy> {
  const sockets = new Set<Socket>();
  const delay = () => Math.max(0, latencyMs + (Math.random() * 2 - 1) * jitterMs);

  /** `from`'s bytes reach `to` late, in order; an end or an error follows the last chunk, just as late. */
  function pipeLate(from: Socket, to: Socket): void {
    // One queue and one timer per direction: timers of different lengths may fire out of order when
    // they fall due in the same millisecond, and a reordered chunk is a corrupt stream.
    const queue: { due: number; action: () => void }[] = [];
    let scheduled = false;
    const drain = () => {
      scheduled = false;
      while (queue.length > 0 && queue[0]!.due <= Date.now()) queue.shift()!.action();
      if (queue.length > 0) {
        scheduled = true;
        setTimeout(drain, queue[0]!.due - Date.now());
      }
    };
    const later = (action: () => void) => {
      const due = Math.max(Date.now() + delay(), queue.at(-1)?.due ?? 0);
      queue.push({ due, action });
      if (!scheduled) {
        scheduled = true;
        setTimeout(drain, due - Date.now());
      }
    };
    from.on('data', (chunk) => later(() => to.destroyed || to.write(chunk)));
    from.on('end', () => later(() => to.end()));
    from.on('error', () => later(() => to.destroy()));
    // A reset (close without end) is passed on as one; after an end, the other side finishes its writes.
    from.on('close', () => later(() => to.writableEnded || to.destroy()));
  }

  const server: Server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    }
    pipeLate(client, upstream);
    pipeLate(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
