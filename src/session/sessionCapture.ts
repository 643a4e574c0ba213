import type { RecordedChunk, RecordedConnection } from '../capture/index.ts';
import { sessionPcapng } from '../capture/index.ts';
import { frameWireBytes } from '../protocol/index.ts';
import type { StoredFrame } from './frameStore.ts';
import type { WireConnection } from './wireConnection.ts';

/** Where the page's connections go when the open record named no port (an older server). */
const unknownClientPortBase = 49152;

/**
 * The page's connections as the tap saw them, for a pcapng: each side's handshake head as written, then every
 * frame still kept, its bytes exactly as they crossed the wire (header, payload as sent), at the tap's time.
 * Frames the ring already let go of are not in it; a reopened file shows what the page still showed.
 */
export function recordedConnections(
  connections: ReadonlyMap<number, WireConnection>,
  frames: readonly StoredFrame[],
  serverPort: number,
): RecordedConnection[] {
  const byConnection = new Map<number, StoredFrame[]>();
  for (const stored of frames) {
    const list = byConnection.get(stored.connection) ?? [];
    list.push(stored);
    byConnection.set(stored.connection, list);
  }
  const recorded: RecordedConnection[] = [];
  for (const [id, connection] of connections) {
    const kept = byConnection.get(id) ?? [];
    if (connection.httpOnly || (kept.length === 0 && connection.handshake.client.bytes.length === 0))
      continue;
    const chunks: RecordedChunk[] = [];
    for (const sender of ['client', 'server'] as const) {
      const side = connection.handshake[sender];
      if (side.bytes.length > 0 && side.t !== null) {
        chunks.push({ sender, timestampMicros: Math.round(side.t * 1000), bytes: side.bytes });
      }
    }
    for (const stored of kept) {
      chunks.push({
        sender: stored.direction,
        timestampMicros: Math.round(stored.t * 1000),
        bytes: frameWireBytes(stored.frame),
      });
    }
    const info = connection.info;
    const remote = info?.remote && info.remote !== 'unknown' ? info.remote : '127.0.0.1';
    recorded.push({
      client: { address: remote, port: info?.remotePort ?? unknownClientPortBase + id },
      server: {
        address: remote.includes(':') && !remote.startsWith('::ffff:') ? '::1' : '127.0.0.1',
        port: info?.localPort ?? serverPort,
      },
      chunks,
      closed: connection.closed !== null,
    });
  }
  return recorded;
}

/** The page's session as a pcapng file's bytes. */
export function sessionPcapngBytes(
  connections: ReadonlyMap<number, WireConnection>,
  frames: readonly StoredFrame[],
  serverPort: number,
): Uint8Array {
  return sessionPcapng(
    recordedConnections(connections, frames, serverPort),
    'ws101: this page’s WebSocket connections, from the server’s tap',
  );
}
