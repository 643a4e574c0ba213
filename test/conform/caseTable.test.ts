import { describe, expect, it } from 'vitest';
import { caseTable, categories } from '../../src/conform/cases/index.ts';
import { selectCases } from '../../src/conform/select.ts';
import { isValidUtf8 } from '../../src/protocol/index.ts';

describe('the case table', () => {
  it('has all 517 of Autobahn|Testsuite’s server cases (categories 1–7, 9, 10, 12, 13) with its numbering', () => {
    const autobahn = caseTable.filter((c) => c.autobahn);
    const counts = Object.fromEntries(
      categories.map((cat) => [cat.number, autobahn.filter((c) => c.category === cat.id).length]),
    );
    // Autobahn's server cases: 1–7 are 246, 9 has 54, 10 has 1, 12 has 5 × 18 and 13 has 7 × 18.
    expect(counts).toEqual({
      1: 16,
      2: 11,
      3: 7,
      4: 10,
      5: 20,
      6: 145,
      7: 37,
      9: 54,
      10: 1,
      12: 90,
      13: 126,
    });
    expect(autobahn).toHaveLength(517);
    for (const c of autobahn) {
      const number = categories.find((cat) => cat.id === c.category)!.number;
      expect(c.id).toMatch(new RegExp(`^${number}\\.\\d+(\\.\\d+)?$`));
    }
    expect(autobahn.map((c) => c.id).slice(0, 3)).toEqual(['1.1.1', '1.1.2', '1.1.3']);
    expect(caseTable.map((c) => c.id)).toContain('6.22.34');
    expect(caseTable.map((c) => c.id)).toContain('7.13.2');
    expect(caseTable.map((c) => c.id).slice(-1)).toEqual(['13.7.18']);
  });

  it('gives 12.x/13.x Autobahn’s MSG_SIZES rows and offers (case12_x_x.py)', () => {
    const deflate = (id: string) => caseTable.find((c) => c.id === id)!.deflate;
    expect(deflate('12.1.1')).toMatchObject({ data: 'json_data1', size: 16, count: 1000, fragmentSize: 0 });
    expect(deflate('12.2.10')).toMatchObject({ data: 'lena512', size: 131072, waitSeconds: 480 });
    expect(deflate('12.5.15')).toMatchObject({ data: 'ooms', size: 131072, fragmentSize: 256 });
    expect(deflate('12.4.18')).toMatchObject({ data: 'html_data1', size: 131072, fragmentSize: 32768 });
    expect(deflate('13.4.3')).toMatchObject({ data: 'json_data1', size: 256, waitSeconds: 120 });
    const base = 'permessage-deflate; client_no_context_takeover; client_max_window_bits';
    expect([1, 2, 3, 4, 5, 6, 7].map((j) => deflate(`13.${j}.1`)!.offers)).toEqual([
      [base],
      [`${base}; server_no_context_takeover`],
      [`${base}; server_max_window_bits=8`],
      [`${base}; server_max_window_bits=15`],
      [`${base}; server_no_context_takeover; server_max_window_bits=8`],
      [`${base}; server_no_context_takeover; server_max_window_bits=15`],
      [
        `${base}; server_no_context_takeover; server_max_window_bits=8`,
        `${base}; server_no_context_takeover`,
        base,
      ],
    ]);
    // The deck runs the first row of each of the 12 subgroups; the CLI all 216.
    const quick = caseTable.filter((c) => c.deflate && !c.cliOnly).map((c) => c.id);
    expect(quick).toEqual(
      [1, 2, 3, 4, 5].map((j) => `12.${j}.1`).concat([1, 2, 3, 4, 5, 6, 7].map((j) => `13.${j}.1`)),
    );
  });

  it('numbers ws101’s own cases apart from Autobahn’s', () => {
    const own = caseTable.filter((c) => !c.autobahn);
    expect(own.length).toBeGreaterThan(0);
    for (const c of own) expect(c.id).toMatch(/^ws101\./);
  });

  it('gives every case a unique id, a title, an RFC section, a reason and steps', () => {
    expect(new Set(caseTable.map((c) => c.id)).size).toBe(caseTable.length);
    for (const c of caseTable) {
      expect(c.title.en.length, c.id).toBeGreaterThan(5);
      expect(c.title.zh.length, c.id).toBeGreaterThan(3);
      expect(c.section, c.id).toMatch(/^\d/);
      expect(c.why.length, c.id).toBeGreaterThan(40);
      // Category 9's long cases build their bytes on first use (about 100 MiB in all): one is built below.
      // 12.x/13.x run their deflate script instead of steps.
      if (!c.cliOnly && !c.deflate) expect(c.steps.length, c.id).toBeGreaterThan(0);
    }
    const fragmented = caseTable.find((c) => c.id === '9.3.1')!;
    const step = fragmented.steps[0]!;
    if (!('send' in step)) throw new Error('9.3.1 sends nothing');
    expect(step.send).toHaveLength((4 * 1024 * 1024) / 64); // 4 MiB in frames of 64 bytes
    expect(fragmented).toMatchObject({
      cliOnly: true,
      reportTime: true,
      expect: { kind: 'echo', lengthsOnly: true },
    });
  });

  it('expects an echo of exactly the valid UTF-8 payloads of 6.5–6.23 and 1007 for the others', () => {
    const single = caseTable.filter((c) => /^6\.(\d+)\./.test(c.id) && Number(c.id.split('.')[1]) >= 5);
    expect(single).toHaveLength(145 - 13);
    for (const c of single) {
      const step = c.steps[0]!;
      if (!('send' in step)) throw new Error(`${c.id} sends nothing`);
      const payload = step.send[0]!.payload as Uint8Array;
      if (isValidUtf8(payload)) expect(c.expect, c.id).toMatchObject({ kind: 'echo' });
      else expect(c.expect, c.id).toMatchObject({ kind: 'fail', codes: [1007] });
    }
    // Spot checks against Markus Kuhn's file: U+10FFFF is the last valid, U+110000 is not.
    expect(caseTable.find((c) => c.id === '6.11.4')!.expect.kind).toBe('echo');
    expect(caseTable.find((c) => c.id === '6.11.5')!.expect.kind).toBe('fail');
    expect(caseTable.find((c) => c.id === '6.20.1')!.expect.kind).toBe('fail');
  });

  it('marks the cases the RFC leaves open as informational, as Autobahn does', () => {
    const informational = caseTable.filter((c) => c.expect.kind === 'informational').map((c) => c.id);
    expect(informational).toEqual(expect.arrayContaining(['7.1.6', '7.13.1', '7.13.2']));
  });
});

describe('--cases', () => {
  it('selects by category, group and id, in table order', () => {
    const picked = selectCases(caseTable, '7.7.3,5.*,6.1.*');
    if ('error' in picked) throw new Error(picked.error);
    expect(picked.cases.map((c) => c.id)).toEqual([
      ...caseTable.filter((c) => c.id.startsWith('5.')).map((c) => c.id),
      '6.1.1',
      '6.1.2',
      '6.1.3',
      '7.7.3',
    ]);
  });

  it('refuses a pattern that matches nothing, and one that is not a pattern', () => {
    expect(selectCases(caseTable, '8.*')).toEqual({ error: "no case matches '8.*'" });
    expect(selectCases(caseTable, '5.(1)')).toMatchObject({
      error: expect.stringContaining('not a case pattern'),
    });
  });
});
