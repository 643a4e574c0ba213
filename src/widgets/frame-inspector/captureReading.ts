import { type FrameDetailData, FrameRowsBuilder } from '../../capture/index.ts';
import type { Language } from '../../protocol/index.ts';
import type { CaptureReply, CaptureRequest } from './captureWorker.ts';
import type { LoadedConnection } from './loadedConnection.ts';

/** What a reading tells the pane, in the order the worker finds it. */
export type CaptureReadingEvents = {
  /** The file's connections are known (their frames follow); `problem` when it is not a capture at all. */
  connections(problem: string | null): void;
  /** More frames of connection `index`; `fromStart` for its first batch. */
  rows(index: number, fromStart: boolean): void;
  /** The whole file is read (and every compressed message inflated). */
  done(ms: number): void;
  failed(reason: string): void;
};

/**
 * One capture file being read in a worker (the Blob is handed over; its bytes are read there, never on the
 * page's thread): the connections it holds, each one's frames as rows growing batch by batch, and a frame's
 * full decode on request. A new file is a new reading; `stop` ends this one and answers what it still owed.
 */
export class CaptureReading {
  connections: LoadedConnection[] = [];
  format = '';
  packets = 0;
  /** Why the file is not a capture, when it is not one. */
  problem: string | null = null;
  /** True until the worker has read the whole file (or failed, or was stopped). */
  reading = true;
  /** Settles when the file is read, has failed, or the reading was stopped. */
  readonly finished: Promise<void>;
  private readonly worker: Worker;
  private readonly details = new Map<number, (detail: FrameDetailData | null) => void>();
  private lastDetailRequest = 0;
  private stopped = false;
  private end: () => void = () => {};

  constructor(
    readonly name: string,
    file: Blob,
    private readonly lang: Language,
    private readonly events: CaptureReadingEvents,
  ) {
    this.finished = new Promise<void>((resolve) => {
      this.end = resolve;
    });
    this.worker = new Worker(new URL('./captureWorker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<CaptureReply>) => this.receive(event.data);
    this.worker.onerror = (event) => this.receive({ kind: 'failed', reason: event.message });
    const request: CaptureRequest = { kind: 'open', name, file };
    this.worker.postMessage(request);
  }

  frameCount(): number {
    return this.connections.reduce((sum, c) => sum + c.rows.count, 0);
  }

  /** Frame `seq` of connection `index`, decoded in full by the worker; null once the reading is stopped. */
  detail(index: number, seq: number): Promise<FrameDetailData | null> {
    if (this.stopped) return Promise.resolve(null);
    const id = ++this.lastDetailRequest;
    return new Promise((resolve) => {
      this.details.set(id, resolve);
      const request: CaptureRequest = { kind: 'detail', id, connection: index, seq };
      this.worker.postMessage(request);
    });
  }

  stop(): void {
    this.stopped = true;
    this.worker.terminate();
    for (const answer of this.details.values()) answer(null);
    this.details.clear();
    this.reading = false;
    this.end();
  }

  private receive(reply: CaptureReply): void {
    if (this.stopped) return; // a message already on its way when the reading was stopped
    switch (reply.kind) {
      case 'connections': {
        const problem = reply.problems.find((p) => p.kind === 'not-a-capture');
        this.connections = reply.connections.map((summary) => ({
          summary,
          rows: new FrameRowsBuilder(),
          controls: [],
          violations: new Map(),
        }));
        this.format = reply.format;
        this.packets = reply.packets;
        this.problem = problem?.message[this.lang] ?? null;
        this.events.connections(this.problem);
        return;
      }
      case 'rows': {
        const connection = this.connections[reply.connection];
        if (!connection) return;
        connection.rows.append(reply.rows);
        connection.controls.push(...reply.controls);
        // A control frame's event may come a batch after its row: keep them in frame order.
        if (reply.controls.length > 0) connection.controls.sort((a, b) => a.seq - b.seq);
        for (const [row, violations] of reply.violations) connection.violations.set(row, [...violations]);
        this.events.rows(reply.connection, reply.from === 0);
        return;
      }
      case 'done':
        this.reading = false;
        this.events.done(reply.ms);
        this.end();
        return;
      case 'detail':
        this.details.get(reply.id)?.(reply.detail);
        this.details.delete(reply.id);
        return;
      case 'failed':
        this.reading = false;
        this.events.failed(reply.reason);
        this.end();
        return;
    }
  }
}
