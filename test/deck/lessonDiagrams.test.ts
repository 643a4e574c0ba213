import { describe, expect, it } from 'vitest';
import { renderByteWalk } from '../../src/deck/diagrams/byteWalk.ts';
import { renderCloseCodeMap } from '../../src/deck/diagrams/closeCodeMap.ts';
import { renderCloseCodeTable } from '../../src/deck/diagrams/protocolTables.ts';
import { renderViolationsTable } from '../../src/deck/diagrams/violationsTable.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a frame read byte by byte (RFC 6455 §5.2: bit 0 is the MSB of byte 0, lengths are big-endian)', () => {
  it('reads a 64-bit length from its header alone', () => {
    const html = renderByteWalk('82 7f 00 00 00 00 00 01 00 00', 'en');
    expect(text(html)).toContain('FIN = 1 · RSV1–3 = 000 · opcode = 0x2 binary');
    expect(text(html)).toContain('2–9 00 00 00 00 00 01 00 00');
    expect(text(html)).toContain('= 0x10000 = 65 536 (big-endian)');
    expect(text(html)).toContain('10… … payload 65 536 bytes of payload');
  });

  it('reads a close frame’s code as a 16-bit big-endian number, and its reason', () => {
    expect(text(renderByteWalk('88 02 03 e8', 'en'))).toContain('close code = 0x3e8 = 1000 Normal Closure');
    expect(text(renderByteWalk('88 05 03 e8 62 79 65', 'zh'))).toContain('原因 “bye”');
  });
});

describe('RFC 6455 §7.4: the map of close codes', () => {
  const html = renderCloseCodeMap('en');
  const rows = [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((match) => text(match[1]!).trim());

  it('has every code from 1000 to 1015 and both application ranges', () => {
    const codes = rows.map((row) => row.split(' ')[0]);
    expect(codes).toEqual([
      ...Array.from({ length: 16 }, (_, i) => String(1000 + i)),
      '3000–3999',
      '4000–4999',
    ]);
  });

  it('tags the codes that never cross the wire, and the ones the browser’s close() accepts', () => {
    const tagged = (tag: string) => rows.filter((row) => row.includes(tag)).map((row) => row.split(' ')[0]);
    expect(tagged('never on the wire')).toEqual(['1005', '1006', '1015']);
    expect(tagged('close() ✓')).toEqual(['1000', '3000–3999', '4000–4999']);
  });
});

describe('RFC 6455 §7.4 and WHATWG close(): the close slide agrees with what the browser accepts', () => {
  it('names both ranges close() accepts beside 1000: 3000–3999 and 4000–4999', () => {
    const html = renderCloseCodeTable([1000, 3000, 4000], 'en');
    const codes = [...html.matchAll(/<td class="hex">([^<]*)<\/td>/g)].map((match) => match[1]);
    expect(codes).toEqual(['1000', '3000–3999', '4000–4999']);
  });

  it('explains 1010 in English as well as in Chinese: who sends it and why', () => {
    const row = (lang: 'en' | 'zh') =>
      [...renderCloseCodeMap(lang).matchAll(/<tr[^>]*>(.*?)<\/tr>/g)]
        .map((match) => text(match[1]!).trim())
        .find((line) => line.startsWith('1010'));
    expect(row('en')).toBe('1010 Mandatory Extension (client: an extension it needs was refused)');
    expect(row('zh')).toContain('扩展');
  });
});

describe('RFC 6455 §5.2: every rule a frame can break, the minimal length included', () => {
  it('lists the length not in its shortest form with §5.2 and 1002, its receivers not measured', () => {
    for (const lang of ['en', 'zh'] as const) {
      const row = renderViolationsTable(lang).match(/<tr data-rule="non-minimal-length">(.*?)<\/tr>/)?.[1];
      expect(row, lang).toBeDefined();
      expect(text(row!)).toContain('§5.2 · 1002');
      expect(row!.match(/<td class="muted">—<\/td>/g)).toHaveLength(3);
    }
    expect(renderViolationsTable('en')).toContain('Payload length is not in its minimal form');
  });
});
