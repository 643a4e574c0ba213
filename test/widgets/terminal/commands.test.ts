import { describe, expect, it } from 'vitest';
import { fragmentText, parseTerminalLine } from '../../../src/widgets/terminal/commands.ts';

describe('terminal lines', () => {
  it('a plain line is text; // escapes a leading slash', () => {
    expect(parseTerminalLine('你好 world')).toEqual({
      ok: true,
      command: { kind: 'text', text: '你好 world' },
    });
    expect(parseTerminalLine('//help')).toEqual({ ok: true, command: { kind: 'text', text: '/help' } });
  });

  it('/binary, /raw and /send-raw take hex', () => {
    expect(parseTerminalLine('/binary 01 02 ff')).toEqual({
      ok: true,
      command: { kind: 'binary', bytes: Uint8Array.of(1, 2, 255) },
    });
    expect(parseTerminalLine('/raw 0x89 0x00')).toMatchObject({
      ok: true,
      command: { kind: 'raw', bytes: Uint8Array.of(0x89, 0) },
    });
    expect(parseTerminalLine('/send-raw 81:00')).toMatchObject({ ok: true, command: { kind: 'send-raw' } });
    expect(parseTerminalLine('/raw 8')).toMatchObject({
      ok: false,
      error: { en: expect.stringContaining('odd number') },
    });
    expect(parseTerminalLine('/binary')).toMatchObject({
      ok: false,
      error: { en: expect.stringContaining('needs hex') },
    });
  });

  it('/ping keeps its payload and refuses more than 125 bytes', () => {
    expect(parseTerminalLine('/ping are you there')).toEqual({
      ok: true,
      command: { kind: 'ping', payload: 'are you there' },
    });
    expect(parseTerminalLine('/ping')).toEqual({ ok: true, command: { kind: 'ping', payload: '' } });
    expect(parseTerminalLine(`/ping ${'x'.repeat(126)}`)).toMatchObject({ ok: false });
  });

  it('/close allows what the browser API allows', () => {
    expect(parseTerminalLine('/close')).toEqual({
      ok: true,
      command: { kind: 'close', code: undefined, reason: '' },
    });
    expect(parseTerminalLine('/close 4000 bye now')).toEqual({
      ok: true,
      command: { kind: 'close', code: 4000, reason: 'bye now' },
    });
    expect(parseTerminalLine('/close 1002')).toMatchObject({
      ok: false,
      error: { en: expect.stringContaining('/send-raw') },
    });
    expect(parseTerminalLine(`/close 1000 ${'é'.repeat(62)}`)).toMatchObject({ ok: false });
    expect(parseTerminalLine('/close soon')).toMatchObject({ ok: false });
  });

  it('/frag takes text and a count', () => {
    expect(parseTerminalLine('/frag hello world 3')).toEqual({
      ok: true,
      command: { kind: 'frag', text: 'hello world', parts: 3 },
    });
    expect(parseTerminalLine('/frag hi 5')).toMatchObject({ ok: false });
    expect(parseTerminalLine('/frag hi')).toMatchObject({ ok: false });
  });

  it('/deflate on|off, /clear, /help, and unknown commands', () => {
    expect(parseTerminalLine('/deflate on')).toEqual({ ok: true, command: { kind: 'deflate', on: true } });
    expect(parseTerminalLine('/deflate maybe')).toMatchObject({ ok: false });
    expect(parseTerminalLine('/clear')).toEqual({ ok: true, command: { kind: 'clear' } });
    expect(parseTerminalLine('/help')).toEqual({ ok: true, command: { kind: 'help' } });
    expect(parseTerminalLine('/pong')).toMatchObject({
      ok: false,
      error: { en: 'unknown command /pong (type /help)' },
    });
  });
});

describe('fragmentText', () => {
  it('cuts the UTF-8 bytes into n near-equal parts, code points included', () => {
    const parts = fragmentText('€uro', 2); // e2 82 ac 75 72 6f
    expect(parts.map((p) => [...p])).toEqual([
      [0xe2, 0x82, 0xac],
      [0x75, 0x72, 0x6f],
    ]);
    expect(fragmentText('abcdefg', 3).map((p) => p.length)).toEqual([3, 3, 1]);
  });
});
