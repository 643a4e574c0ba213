import { describe, expect, it } from 'vitest';
import {
  acceptKey,
  checkUpgradeRequest,
  checkUpgradeResponse,
  parseHttpHead,
} from '../../src/protocol/index.ts';

const seedRequest =
  'GET /chat HTTP/1.1\r\nHost: example.com:8000\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
const seedResponse =
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
  'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n';

function rulesOf(problems: { rule: string }[]) {
  return problems.map((p) => p.rule);
}

describe('RFC 6455 §4.1 and §4.2.1: the opening handshake', () => {
  it("the seed's request and response are valid", () => {
    expect(checkUpgradeRequest(parseHttpHead(seedRequest))).toEqual([]);
    expect(checkUpgradeResponse(parseHttpHead(seedResponse), 'dGhlIHNhbXBsZSBub25jZQ==')).toEqual([]);
  });

  it('keeps every header line exactly as sent, and the bytes after the head', () => {
    const bytes = Buffer.from('GET / HTTP/1.1\r\nhOsT:   odd.example  \r\nX-Y:z\r\n\r\n\x81\x00', 'latin1');
    const head = parseHttpHead(new Uint8Array(bytes))!;
    expect(head.headers.map((h) => h.raw)).toEqual(['hOsT:   odd.example  ', 'X-Y:z']);
    expect(head.headers[0]).toMatchObject({ name: 'hOsT', value: 'odd.example' });
    expect([...head.rest]).toEqual([0x81, 0x00]);
  });

  it('an unfinished head is incomplete', () => {
    expect(parseHttpHead('GET / HTTP/1.1\r\nHost: a\r\n')).toBeNull();
    expect(rulesOf(checkUpgradeRequest(null))).toEqual(['incomplete']);
  });

  it('names what is wrong with a bad request', () => {
    const bad =
      'POST /chat HTTP/1.0\r\nUpgrade: h2c\r\nConnection: keep-alive\r\nSec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 8\r\n\r\n';
    expect(rulesOf(checkUpgradeRequest(parseHttpHead(bad)))).toEqual([
      'not-get',
      'http-version',
      'missing-host',
      'missing-upgrade',
      'missing-connection-upgrade',
      'wrong-version',
      'bad-key-length',
    ]);
  });

  it('a missing key is named', () => {
    const noKey = seedRequest.replace(/Sec-WebSocket-Key:[^\r]*\r\n/, '');
    expect(rulesOf(checkUpgradeRequest(parseHttpHead(noKey)))).toEqual(['missing-key']);
  });

  it('accepts header tokens in any case and in lists', () => {
    const lists = seedRequest
      .replace('Connection: Upgrade', 'Connection: keep-alive, UPGRADE')
      .replace('Upgrade: websocket', 'Upgrade: WebSocket');
    expect(checkUpgradeRequest(parseHttpHead(lists))).toEqual([]);
  });

  it('names what is wrong with a bad response, including the wrong accept', () => {
    const bad = 'HTTP/1.1 200 OK\r\nSec-WebSocket-Accept: wrong=\r\n\r\n';
    const problems = checkUpgradeResponse(parseHttpHead(bad), 'dGhlIHNhbXBsZSBub25jZQ==');
    expect(rulesOf(problems)).toEqual([
      'not-101',
      'missing-upgrade',
      'missing-connection-upgrade',
      'wrong-accept',
    ]);
    expect(problems[3]!.message.en).toContain('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(
      rulesOf(
        checkUpgradeResponse(parseHttpHead(seedResponse.replace(/Sec-WebSocket-Accept[^\r]*\r\n/, ''))),
      ),
    ).toEqual(['missing-accept']);
  });

  it('acceptKey works for any key', () => {
    expect(acceptKey('x3JJHMbDL1EzLkh9GBhXDw==')).toBe('HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
  });
});
