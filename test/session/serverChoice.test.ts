import { describe, expect, it } from 'vitest';
import { serverOrigin, staticSite } from '../../src/session/serverChoice.ts';

describe('the server a visitor names for the static site', () => {
  it('takes ws:, wss: or the server page’s http(s): address, and keeps only its origin', () => {
    expect(serverOrigin('wss://deck.example.test/any/path?x=1')).toBe('wss://deck.example.test');
    expect(serverOrigin(' ws://127.0.0.1:3000 ')).toBe('ws://127.0.0.1:3000');
    expect(serverOrigin('https://deck.example.test:8443/')).toBe('wss://deck.example.test:8443');
    expect(serverOrigin('http://[::1]:3000')).toBe('ws://[::1]:3000');
  });

  it('refuses what is not a server address', () => {
    expect(serverOrigin('')).toBeNull();
    expect(serverOrigin('deck.example.test')).toBeNull();
    expect(serverOrigin('ftp://deck.example.test')).toBeNull();
    expect(serverOrigin('javascript:alert(1)')).toBeNull();
  });

  it('is off outside the static build', () => {
    expect(staticSite).toBe(false);
  });
});
