import { describe, expect, it } from 'vitest';
import { type Carrier, findMessage } from '../../../src/widgets/library-compare/libraryWire.ts';

const frame = (t: number, direction: Carrier['direction'], text: string, header = 2): Carrier => ({
  t,
  direction,
  messages: [text],
  wire: header + new TextEncoder().encode(text).length,
  overHttp: false,
});

const polling = (t: number, direction: Carrier['direction'], body: string, head: number): Carrier => ({
  t,
  direction,
  messages: body.split('\x1e'),
  wire: head + new TextEncoder().encode(body).length,
  overHttp: true,
});

describe('findMessage: what one message cost each way', () => {
  it('measures the frame that carried it and the echo after it', () => {
    const found = findMessage(
      [frame(1, 'client', 'hello', 6), frame(2, 'server', 'hello')],
      'hello',
      'hello',
    );
    expect(found).toEqual({
      toServer: { wire: 11, payload: 5, overHttp: false },
      toBrowser: { wire: 7, payload: 5, overHttp: false },
    });
  });

  it('takes the last send and the first reply after it, not an older echo', () => {
    const found = findMessage(
      [
        frame(1, 'client', 'hi', 6),
        frame(2, 'server', 'hi', 2),
        frame(3, 'client', 'hi', 10),
        frame(4, 'server', 'other'),
        frame(5, 'server', 'hi', 4),
      ],
      'hi',
      'hi',
    );
    expect(found.toServer?.wire).toBe(12);
    expect(found.toBrowser?.wire).toBe(6);
  });

  it('finds socket.io packets in polling bodies, among others, and counts the whole HTTP message', () => {
    const packet = '42["echo","hello"]';
    const found = findMessage(
      [
        polling(1, 'client', `40\x1e${packet}`, 300),
        polling(2, 'server', 'ok', 120),
        polling(3, 'server', `${packet}\x1e6`, 150),
      ],
      packet,
      packet,
    );
    expect(found).toEqual({
      toServer: { wire: 300 + 21, payload: 18, overHttp: true },
      toBrowser: { wire: 150 + 20, payload: 18, overHttp: true },
    });
  });

  it('counts the message in UTF-8 bytes', () => {
    const found = findMessage([frame(1, 'client', '你好', 6)], '你好', '你好');
    expect(found.toServer).toEqual({ wire: 12, payload: 6, overHttp: false });
    expect(found.toBrowser).toBeNull();
  });

  it('is not measured until sent, and a reply before the send is not its answer', () => {
    expect(findMessage([frame(1, 'server', 'hello')], 'hello', 'hello')).toEqual({
      toServer: null,
      toBrowser: null,
    });
    expect(findMessage([frame(1, 'client', 'hello2')], 'hello', 'hello').toServer).toBeNull();
  });
});
