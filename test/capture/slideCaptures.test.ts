import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCapture, type WebSocketConnection } from '../../src/capture/index.ts';
import { toHex } from '../../src/protocol/index.ts';
import { tsharkFrames, tsharkMalformedCount } from '../helpers/tshark.ts';

const chat = new URL('../../slides/captures/socketio-chat.pcapng', import.meta.url).pathname;

describe('the socket.io chat the slide “Look at your own traffic” opens (slides/captures/)', () => {
  it('is a real socket.io conversation: long-polling, the upgrade, events as text frames, both closes', () => {
    const decoded = decodeCapture(new Uint8Array(readFileSync(chat)));
    const websockets = decoded.connections.filter((c): c is WebSocketConnection => c.kind === 'websocket');
    expect(websockets).toHaveLength(2);
    expect(decoded.connections.filter((c) => c.kind === 'other').length).toBeGreaterThan(0);
    for (const connection of websockets) {
      expect(connection.handshake?.request.startLine).toMatch(/^GET \/socket\.io\/\?.*transport=websocket/);
      const texts = connection.timeline.map((f) =>
        f.frame.opcode === 1 ? new TextDecoder().decode(f.frame.payload) : `opcode ${f.frame.opcode}`,
      );
      expect(texts.slice(0, 3)).toEqual(['2probe', '3probe', '5']);
      expect(texts.some((text) => text.startsWith('42["chat message"'))).toBe(true);
      expect(texts.slice(-2)).toEqual(['opcode 8', 'opcode 8']);
      expect(connection.timeline.every((f) => f.frame.violations.length === 0)).toBe(true);
    }
  });

  it('holds the same frames as tshark reads, with no malformed packet', async () => {
    expect(await tsharkMalformedCount(chat)).toBe(0);
    const decoded = decodeCapture(new Uint8Array(readFileSync(chat)));
    const ours = decoded.connections
      .flatMap((c) => (c.kind === 'websocket' ? c.timeline : []))
      .map((f) => `${f.packets.at(-1)}:${f.frame.opcode}:${toHex(f.frame.payload)}`)
      .sort();
    const theirs = (await tsharkFrames(chat)).map((f) => `${f.packet}:${f.opcode}:${f.payload}`).sort();
    expect(ours).toEqual(theirs);
    expect(ours).toHaveLength(41);
  });
});
