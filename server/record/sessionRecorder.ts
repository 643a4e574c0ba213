import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Endpoint, type RecordedChunk, sessionPcapng } from '../../src/capture/index.ts';
import type { LiveConnection, Watcher } from '../connections.ts';
import type { InspectorRecord } from '../inspect/records.ts';
import type { Logger } from '../log.ts';

type Recording = { connection: LiveConnection; client: Endpoint; server: Endpoint; chunks: RecordedChunk[] };

/**
 * `ws101 serve --record DIR`: a watcher that sees every tapped connection (conformance runs aside) and, when
 * one closes, writes its bytes to DIR as a pcapng Wireshark opens: the tap's reads and writes with the
 * socket's real addresses and ports, in synthesized TCP/IP headers. Over TLS the bytes are the clear ones
 * above TLS, which is the point: they can be read.
 */
export class SessionRecorder implements Watcher {
  private readonly recordings = new Map<number, Recording>();
  private readonly written: Promise<void>[] = [];

  constructor(
    private readonly directory: string,
    private readonly log: Logger,
  ) {}

  canSee(connection: LiveConnection): boolean {
    return !connection.conform;
  }

  wants(connection: LiveConnection): boolean {
    return !connection.conform;
  }

  attach(connection: LiveConnection): void {
    // Read now: a closed socket no longer knows its addresses.
    const { socket } = connection;
    const recording: Recording = {
      connection,
      client: { address: socket.remoteAddress ?? '127.0.0.1', port: socket.remotePort ?? 0 },
      server: { address: socket.localAddress ?? '127.0.0.1', port: socket.localPort ?? 0 },
      chunks: [],
    };
    this.recordings.set(connection.id, recording);
    for (const record of connection.tap.handshake) this.deliver(record);
  }

  forget(connection: number): void {
    this.recordings.delete(connection);
  }

  deliver(record: InspectorRecord): void {
    if (!('connection' in record)) return;
    const recording = this.recordings.get(record.connection);
    if (!recording) return;
    if (record.kind === 'read' || record.kind === 'write') {
      recording.chunks.push({
        sender: record.kind === 'read' ? 'client' : 'server',
        timestampMicros: Math.round(record.t * 1000),
        bytes: new Uint8Array(record.bytes),
      });
    } else if (record.kind === 'close') {
      this.recordings.delete(record.connection);
      this.written.push(this.write(recording));
    }
  }

  /** Writes what is still open (the server is stopping), then waits for every file. */
  async flush(): Promise<void> {
    for (const recording of this.recordings.values()) this.written.push(this.write(recording, false));
    this.recordings.clear();
    await Promise.all(this.written);
  }

  private async write(recording: Recording, closed = true): Promise<void> {
    const { connection, client, server, chunks } = recording;
    const file = join(this.directory, `ws101-${connection.id}-${connection.endpoint}.pcapng`);
    const bytes = sessionPcapng(
      [{ client, server, chunks, closed }],
      `ws101 serve --record: connection ${connection.id} on ${connection.path}`,
    );
    try {
      await writeFile(file, bytes);
      this.log.info('recorded', { id: connection.id, file });
    } catch (error) {
      this.log.warn('record-failed', { id: connection.id, file, message: (error as Error).message });
    }
  }
}
