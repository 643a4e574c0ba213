import { describe, expect, it } from 'vitest';
import { handshakeRequest } from '../../../server/lab/labClient.ts';
import { isHttpToken } from '../../../src/protocol/index.ts';
import { parseCommand } from '../../../src/shared/inspector/commandShapes.ts';

const clientOpen = (subprotocol: unknown) =>
  parseCommand(JSON.stringify({ type: 'lab.clientOpen', id: 1, subprotocol }));

describe('lab.clientOpen: "subprotocol" is RFC 7230 tokens only (RFC 6455 §4.1)', () => {
  it.each(['echo-protocol', 'chat', 'v2.json', 'chat, superchat', "a!#$%&'*+-.^_`|~z"])(
    'accepts %j',
    (name) => {
      expect(clientOpen(name)).toMatchObject({ command: { type: 'lab.clientOpen', subprotocol: name } });
    },
  );

  it.each([
    'echo\r\nX-Injected: 1',
    'echo\nHost: evil',
    'a b',
    'a:b',
    '',
    'a,,b',
    'chat;v=1',
    'é',
    'x'.repeat(2000),
    42,
  ])('refuses %j with bad-command, before any connection', (value) => {
    expect(clientOpen(value)).toMatchObject({ error: { code: 'bad-command' }, id: 1 });
  });

  it('no subprotocol at all is fine (the lab offers echo-protocol)', () => {
    expect(clientOpen(undefined)).toMatchObject({ command: { type: 'lab.clientOpen' } });
  });
});

describe('the lab’s own handshake never writes a header from a non-token', () => {
  const target = { host: '127.0.0.1', port: 1, path: '/echo', deflate: false, tls: false };

  it('writes a token list as one Sec-WebSocket-Protocol line', () => {
    const head = handshakeRequest({ ...target, subprotocol: 'chat, superchat' }, 'a2V5');
    expect(head.split('\r\n').filter((line) => line.startsWith('Sec-WebSocket-Protocol:'))).toEqual([
      'Sec-WebSocket-Protocol: chat, superchat',
    ]);
  });

  it('throws rather than write CR or LF into its head', () => {
    expect(() => handshakeRequest({ ...target, subprotocol: 'x\r\nX-Injected: 1' }, 'a2V5')).toThrow(
      RangeError,
    );
  });

  it('isHttpToken: tchar only', () => {
    expect(['token', 'a-b', '~'].map(isHttpToken)).toEqual([true, true, true]);
    expect(['', 'a b', 'a\r', '(x)', '"q"'].map(isHttpToken)).toEqual([false, false, false, false, false]);
  });
});
