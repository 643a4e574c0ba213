import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { decodeHar, type WebSocketConnection } from '../../src/capture/index.ts';
import { decodeUtf8Lenient, toHex } from '../../src/protocol/index.ts';
import { chromiumLaunchOptions } from '../helpers/chromium.ts';
import { captureDirectory } from '../helpers/liveCapture.ts';

const handshake = {
  request: {
    method: 'GET',
    url: 'wss://feed.example/stream?v=2',
    httpVersion: 'HTTP/1.1',
    headers: [
      { name: 'Host', value: 'feed.example' },
      { name: 'Upgrade', value: 'websocket' },
      { name: 'Connection', value: 'Upgrade' },
      { name: 'Sec-WebSocket-Key', value: 'dGhlIHNhbXBsZSBub25jZQ==' },
      { name: 'Sec-WebSocket-Version', value: '13' },
    ],
  },
  response: {
    status: 101,
    statusText: 'Switching Protocols',
    httpVersion: 'HTTP/1.1',
    headers: [
      { name: 'Upgrade', value: 'websocket' },
      { name: 'Connection', value: 'Upgrade' },
      { name: 'Sec-WebSocket-Accept', value: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' },
    ],
  },
};

const har = (entry: object) =>
  JSON.stringify({
    log: { version: '1.2', entries: [{ startedDateTime: '2026-12-04T20:00:00.000Z', ...entry }] },
  });

const only = (text: string) => {
  const decoded = decodeHar(text);
  expect(decoded.connections).toHaveLength(1);
  return decoded.connections[0] as WebSocketConnection;
};

describe('Chrome’s HAR shape (_webSocketMessages: type, time in seconds, opcode, data)', () => {
  const connection = only(
    har({
      _resourceType: 'websocket',
      ...handshake,
      _webSocketMessages: [
        { type: 'send', time: 1796414400.5, opcode: 1, data: 'subscribe:BTC' },
        { type: 'receive', time: 1796414400.75, opcode: 1, data: '{"p":97000}' },
        { type: 'receive', time: 1796414401, opcode: 2, data: 'AAEC/w==' },
      ],
    }),
  );

  it('gives the handshake as HTTP heads and one frame per message, in time order', () => {
    expect(connection.source).toBe('har');
    expect(connection.handshake?.request.startLine).toBe('GET /stream?v=2 HTTP/1.1');
    expect(connection.handshake?.response?.startLine).toBe('HTTP/1.1 101 Switching Protocols');
    expect(connection.handshake?.problems).toEqual([]);
    expect(connection.server).toEqual({ address: 'feed.example', port: 443 });
    expect(connection.timeline.map((f) => [f.sender, f.frame.opcode, toHex(f.frame.payload)])).toEqual([
      ['client', 1, toHex(new TextEncoder().encode('subscribe:BTC'))],
      ['server', 1, toHex(new TextEncoder().encode('{"p":97000}'))],
      ['server', 2, '000102ff'],
    ]);
    expect(connection.timeline[1]!.timestampMicros).toBe(1796414400.75e6);
  });

  it('marks every frame as reconstructed: whole, unmasked, and no violation for it', () => {
    expect(connection.notes[0]!.en).toContain('reconstructed');
    for (const { frame } of connection.timeline) {
      expect(frame.fin).toBe(true);
      expect(frame.masked).toBe(false);
      expect(frame.violations).toEqual([]);
    }
  });
});

describe('HTTP Toolkit’s and mitmproxy’s exports (the same _webSocketMessages, marked only by the 101)', () => {
  it('are found by their 101 response', () => {
    const connection = only(
      har({
        ...handshake,
        _webSocketMessages: [{ type: 'receive', time: 1796414400, opcode: 1, data: 'hi' }],
      }),
    );
    expect(connection.fromServer.frames).toHaveLength(1);
  });
});

describe('Firefox’s HAR shape (the upgrade, no messages)', () => {
  it('shows the handshake and says why there are no frames', () => {
    const connection = only(har({ ...handshake, response: { ...handshake.response, content: { size: 0 } } }));
    expect(connection.timeline).toHaveLength(0);
    expect(connection.notes[1]!.en).toContain('Firefox');
  });
});

describe('not a HAR', () => {
  it('is named, not thrown', () => {
    expect(decodeHar('GET / HTTP/1.1').problems.map((p) => p.kind)).toEqual(['not-a-capture']);
  });
});

describe('Playwright’s recordHar (this version writes _webSocketMessages, time in ms)', () => {
  let server: WebSocketServer;
  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('connection', (ws) =>
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })),
    );
    await new Promise((resolve) => server.once('listening', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('a page’s messages come back as frames with the same payloads', async () => {
    const file = join(captureDirectory(), 'page.har');
    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const context = await browser.newContext({ recordHar: { path: file } });
      const page = await context.newPage();
      const { port } = server.address() as { port: number };
      await page.evaluate(async (url) => {
        const ws = new WebSocket(url);
        ws.binaryType = 'arraybuffer';
        await new Promise((resolve) => ws.addEventListener('open', resolve));
        let echoes = 0;
        const done = new Promise((resolve) =>
          ws.addEventListener('message', () => {
            echoes += 1;
            if (echoes === 2) resolve(null);
          }),
        );
        ws.send('hello from the page');
        ws.send(new Uint8Array([1, 2, 3]));
        await done;
        ws.close();
      }, `ws://127.0.0.1:${port}/`);
      await context.close();
    } finally {
      await browser.close();
    }
    const connection = only(readFileSync(file, 'utf8'));
    const sent = connection.fromClient.frames.map((f) => f.frame);
    expect(sent.map((f) => f.opcode)).toEqual([1, 2]);
    expect(decodeUtf8Lenient(sent[0]!.payload)).toBe('hello from the page');
    expect(toHex(sent[1]!.payload)).toBe('010203');
    expect(connection.fromServer.frames.map((f) => toHex(f.frame.payload))).toEqual(
      sent.map((f) => toHex(f.payload)),
    );
    // Playwright writes milliseconds where Chrome writes seconds: read as milliseconds.
    const entry = JSON.parse(readFileSync(file, 'utf8')).log.entries.find(
      (e: { _resourceType?: string }) => e._resourceType === 'websocket',
    );
    expect(entry._webSocketMessages[0].time).toBeGreaterThan(1e12);
    expect(connection.timeline[0]!.timestampMicros).toBe(entry._webSocketMessages[0].time * 1000);
  });
});
