import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../src/protocol/index.ts';
import { LiveSession } from '../../src/session/liveSession.ts';
import type { TimelineEntry } from '../../src/session/timeline.ts';
import type { InspectorRecordJson } from '../../src/shared/inspector/protocol.ts';

const request =
  'GET /echo?ticket=t HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
const response =
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
  'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n';

const base64 = (bytes: Uint8Array | string) =>
  Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes).toString('base64');
const read = (bytes: Uint8Array | string, t = 1): InspectorRecordJson => ({
  kind: 'read',
  connection: 7,
  t,
  data: base64(bytes),
});
const write = (bytes: Uint8Array | string, t = 1): InspectorRecordJson => ({
  kind: 'write',
  connection: 7,
  t,
  data: base64(bytes),
});
const open: InspectorRecordJson = {
  kind: 'open',
  connection: 7,
  t: 0,
  endpoint: 'echo',
  path: '/echo',
  lab: false,
  deflate: false,
  subprotocol: '',
  extensions: '',
  remote: '127.0.0.1',
  pageSocket: 'echo',
};
const key = Uint8Array.of(1, 2, 3, 4);

function session(): LiveSession {
  // No server URL outside a page: the session is offline and only decodes what it is fed.
  const s = new LiveSession({ storage: null, capacity: 100 });
  s.ingestRecords([open, read(request), write(response)]);
  return s;
}

const kinds = (s: LiveSession) => s.timeline.list().map((entry: TimelineEntry) => entry.kind);

describe('records become frames, decoded in the page', () => {
  it('decodes tap reads as client frames and writes as server frames, handshake first', () => {
    const s = session();
    s.ingestRecords([
      read(encodeFrame({ opcode: 1, payload: 'hi', mask: key }), 2),
      write(encodeFrame({ opcode: 1, payload: 'hi' }), 3),
    ]);
    expect(s.store.counts).toMatchObject({ frames: 2, client: 1, server: 1 });
    expect(s.store.at(0)!.frame.masked).toBe(true);
    expect(s.store.at(1)!.t).toBe(3);
    expect(kinds(s)).toEqual(['open', 'handshake', 'handshake', 'message', 'message']);
    expect(s.connection(7)!.handshake.client.head!.startLine).toBe('GET /echo?ticket=t HTTP/1.1');
  });

  it('RFC 6455 §5.4: links every fragment to its message, across records', () => {
    const s = session();
    s.ingestRecords([write(encodeFrame({ opcode: 1, fin: false, payload: 'Hel' }))]);
    s.ingestRecords([
      write(encodeFrame({ opcode: 9, payload: 'p' })),
      write(encodeFrame({ opcode: 0, payload: 'lo' })),
    ]);
    const [first, ping, last] = [s.store.at(0)!, s.store.at(1)!, s.store.at(2)!];
    expect(first.message).toBe(last.message);
    expect(first.message!.frameSeqs).toEqual([first.seq, last.seq]);
    expect(ping.message).toBeNull();
    const message = s.timeline.list().find((entry) => entry.kind === 'message');
    expect(message).toMatchObject({ frames: 2, frameSeq: last.seq, length: 5 });
  });

  it('names a violation in the timeline with its close code and frame', () => {
    const s = session();
    s.ingestRecords([read(encodeFrame({ opcode: 1, payload: 'x' }))]);
    const entry = s.timeline.list().find((e) => e.kind === 'violation');
    expect(entry).toMatchObject({ rule: 'unmasked-client-frame', closeCode: 1002, frameSeq: 1 });
  });

  it('RFC 6455 §7: the closed entry says who started and whether the closing handshake finished', () => {
    const s = session();
    s.ingestRecords([
      write(encodeFrame({ opcode: 8, payload: Uint8Array.of(0x0f, 0xa0, 0x62, 0x79, 0x65) }), 5),
      read(encodeFrame({ opcode: 8, payload: Uint8Array.of(0x0f, 0xa0), mask: key }), 6),
      { kind: 'close', connection: 7, t: 7, code: 4000, reason: 'bye' },
    ]);
    const closed = s.timeline.list().find((e) => e.kind === 'closed');
    expect(closed).toMatchObject({ code: 4000, reason: 'bye', clean: true, initiator: 'server' });
  });

  it('counts what the server dropped and restarts decoding at the next record', () => {
    const s = session();
    s.ingestRecords([
      write(encodeFrame({ opcode: 2, payload: new Uint8Array(300) }).subarray(0, 100)),
      { kind: 'dropped', t: 2, count: 3 },
      write(encodeFrame({ opcode: 1, payload: 'after' })),
    ]);
    expect(s.droppedRecords).toBe(3);
    expect(s.store.latest()!.frame.payload).toEqual(new TextEncoder().encode('after'));
  });

  it('measures wire-to-pixel latency against the fastest record seen', () => {
    const s = session();
    const stored = s.store.latest() ?? null;
    expect(stored).toBeNull();
    s.ingestRecords([
      write(encodeFrame({ opcode: 1, payload: 'x' }), performance.timeOrigin + performance.now()),
    ]);
    s.frameDrawn(s.store.latest()!);
    expect(s.latency.summary().count).toBe(1);
    expect(s.latency.percentile(50)!).toBeGreaterThanOrEqual(0);
  });
});

describe('the page knows its own sockets from the server', () => {
  it("takes its echo connection from the open record's pageSocket, not from request lines", () => {
    const s = new LiveSession({ storage: null, capacity: 10 });
    s.ingestRecords([
      { ...open, connection: 8, pageSocket: null },
      { kind: 'read', connection: 8, t: 1, data: base64(request) },
    ]);
    expect(s.echoConnection).toBe(null);
    s.ingestRecords([open, read(request)]);
    expect(s.echoConnection).toBe(7);
  });
});
