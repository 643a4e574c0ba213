import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../src/protocol/index.ts';
import { ReadTable } from '../../src/session/readTable.ts';
import { WireConnection } from '../../src/session/wireConnection.ts';

const text = new TextEncoder();
const request =
  'GET /echo?ticket=abc HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
const response =
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
  'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n';
const deflateResponse = response.replace(
  '\r\n\r\n',
  '\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n',
);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('RFC 6455 §4: the first bytes each way are the HTTP handshake', () => {
  it('keeps the request and the 101 byte-exact and reads the target', () => {
    const connection = new WireConnection(1, 1 << 20);
    const pushed = connection.push('client', text.encode(request), 1, 10);
    expect(pushed.handshakeDone).toBe(true);
    connection.push('server', text.encode(response), 2, 11);
    expect(new TextDecoder().decode(connection.handshake.client.bytes)).toBe(request);
    expect(new TextDecoder().decode(connection.handshake.server.bytes)).toBe(response);
    expect(connection.handshake.client.head?.startLine).toBe('GET /echo?ticket=abc HTTP/1.1');
  });

  it('joins a head that came in two reads', () => {
    const connection = new WireConnection(1, 1 << 20);
    const bytes = text.encode(request);
    expect(connection.push('client', bytes.subarray(0, 20), 1, 0).handshakeDone).toBe(false);
    expect(connection.push('client', bytes.subarray(20), 2, 0).handshakeDone).toBe(true);
    expect(connection.handshake.client.reads).toEqual([1, 2]);
  });

  it('decodes frames that shared a read with the head, offsets counted from the read', () => {
    const connection = new WireConnection(1, 1 << 20);
    const head = text.encode(request);
    const frame = encodeFrame({ opcode: 1, payload: 'Hello', mask: Uint8Array.of(1, 2, 3, 4) });
    const reads = new ReadTable();
    const read = reads.add(1, 'client', 0, head.length + frame.length);
    const pushed = connection.push('client', concat(head, frame), read.id, 0);
    read.headBytes = pushed.headBytesInRead;
    expect(pushed.frames).toHaveLength(1);
    expect(reads.spans(pushed.frames[0]!.chunks)).toEqual([
      {
        read: read.id,
        from: head.length,
        to: head.length + frame.length,
        readLength: head.length + frame.length,
        framesInRead: 0,
      },
    ]);
  });

  it('goes straight to frames when the handshake was never seen', () => {
    const connection = new WireConnection(1, 1 << 20);
    const pushed = connection.push('server', encodeFrame({ opcode: 1, payload: 'hi' }), 1, 0);
    expect(pushed.frames).toHaveLength(1);
  });
});

describe('RFC 6455 §5: frames after the handshake, one decoder per direction', () => {
  it('checks masking per direction', () => {
    const connection = new WireConnection(1, 1 << 20);
    connection.push('client', text.encode(request), 1, 0);
    connection.push('server', text.encode(response), 2, 0);
    const fromClient = connection.push('client', encodeFrame({ opcode: 1, payload: 'a' }), 3, 0).frames[0]!;
    expect(fromClient.violations.map((v) => v.rule)).toContain('unmasked-client-frame');
    const fromServer = connection.push('server', encodeFrame({ opcode: 1, payload: 'a' }), 4, 0).frames[0]!;
    expect(fromServer.violations).toEqual([]);
  });

  it('RFC 7692: RSV1 is no violation once the 101 accepted permessage-deflate', () => {
    const connection = new WireConnection(1, 1 << 20);
    connection.push('client', text.encode(request), 1, 0);
    connection.push('server', text.encode(deflateResponse), 2, 0);
    expect(connection.deflate).toBe(true);
    const pushed = connection.push(
      'server',
      encodeFrame({ opcode: 1, rsv1: true, payload: Uint8Array.of(0x4a, 0x04, 0) }),
      3,
      0,
    );
    expect(pushed.frames[0]!.violations).toEqual([]);
    expect(pushed.events[0]).toMatchObject({ kind: 'message', compressed: true });
  });

  it('a frame split across reads cites both, and a read with two frames is shared', () => {
    const connection = new WireConnection(1, 1 << 20);
    connection.push('server', text.encode(response), 1, 0);
    const reads = new ReadTable();
    const a = encodeFrame({ opcode: 1, payload: 'first' });
    const b = encodeFrame({ opcode: 1, payload: 'second' });
    const both = concat(a, b);
    const r1 = reads.add(1, 'server', 0, a.length + 3);
    const out1 = connection.push('server', both.subarray(0, a.length + 3), r1.id, 0);
    for (const f of out1.frames) reads.attach(1, f.chunks);
    const r2 = reads.add(1, 'server', 0, both.length - a.length - 3);
    const out2 = connection.push('server', both.subarray(a.length + 3), r2.id, 0);
    for (const f of out2.frames) reads.attach(2, f.chunks);
    const spans = reads.spans(out2.frames[0]!.chunks);
    expect(spans.map((s) => s.read)).toEqual([r1.id, r2.id]);
    expect(reads.get(r1.id)!.frameSeqs).toEqual([1, 2]);
  });

  it('RFC 6455 §7.1.4: clean when both close frames were seen, and names who started', () => {
    const connection = new WireConnection(1, 1 << 20);
    connection.push('client', text.encode(request), 1, 0);
    connection.push('server', text.encode(response), 2, 0);
    connection.push(
      'server',
      encodeFrame({ opcode: 8, payload: Uint8Array.of(0x0f, 0xa0, 0x62, 0x79, 0x65) }),
      3,
      5,
    );
    expect(connection.clean).toBe(false);
    connection.push(
      'client',
      encodeFrame({ opcode: 8, payload: Uint8Array.of(0x0f, 0xa0), mask: true }),
      4,
      6,
    );
    expect(connection.clean).toBe(true);
    expect(connection.initiator).toBe('server');
    expect(connection.closeFrames.server).toEqual({ code: 4000, reason: 'bye', t: 5 });
    expect(connection.closeFrames.client).toEqual({ code: 4000, reason: '', t: 6 });
  });

  it('both close frames on the wire, yet the server reports 1006 (it failed and stopped reading): not clean', () => {
    const connection = new WireConnection(1, 1 << 20);
    connection.push('client', text.encode(request), 1, 0);
    connection.push('server', text.encode(response), 2, 0);
    // ws fails a lab connection: close 1002, then the lab client's answering close, which ws never reads.
    connection.push('server', encodeFrame({ opcode: 8, payload: Uint8Array.of(0x03, 0xea) }), 3, 0);
    connection.push(
      'client',
      encodeFrame({ opcode: 8, payload: Uint8Array.of(0x03, 0xea), mask: true }),
      4,
      0,
    );
    expect(connection.clean).toBe(true);
    connection.closed = { code: 1006, reason: '', t: 7 };
    expect(connection.clean).toBe(false);
  });
});

describe('socket.io long polling: an HTTP exchange carries a body, never frames', () => {
  it('keeps a POST’s head and body, and the answer’s, as HTTP', () => {
    const connection = new WireConnection(7, 1 << 20);
    connection.info = {
      endpoint: 'socket.io-polling',
      path: '/socket.io/',
      pageSocket: 'socket.io',
      lab: false,
      deflate: false,
      subprotocol: '',
      extensions: '',
      remote: '127.0.0.1',
      t: 0,
    };
    const post =
      'POST /socket.io/?EIO=4&transport=polling&sid=x HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\n';
    expect(connection.push('client', text.encode(`${post}42["echo",`), 1, 1).frames).toEqual([]);
    expect(connection.push('client', text.encode('"hello"]'), 2, 2).frames).toEqual([]);
    connection.push('server', text.encode('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'), 3, 3);
    expect(connection.handshake.client.head?.startLine).toMatch(/^POST /);
    expect(new TextDecoder().decode(connection.handshake.client.body)).toBe('42["echo","hello"]');
    expect(new TextDecoder().decode(connection.handshake.server.body)).toBe('ok');
  });
});
