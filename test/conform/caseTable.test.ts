import { describe, expect, it } from 'vitest';
import { caseTable, categories } from '../../src/conform/cases/index.ts';
import { selectCases } from '../../src/conform/select.ts';
import { isValidUtf8 } from '../../src/protocol/index.ts';

describe('the case table', () => {
  it('has Autobahn|Testsuite’s cases of categories 1–7, 9 and 10 with its counts and numbering', () => {
    const autobahn = caseTable.filter((c) => c.autobahn);
    const counts = Object.fromEntries(
      categories.map((cat) => [cat.number, autobahn.filter((c) => c.category === cat.id).length]),
    );
    // Autobahn's server cases: 1–7 are 246, 9 has 54, 10 has 1 (12 and 13, 216 permessage-deflate cases, not yet).
    expect(counts).toEqual({ 1: 16, 2: 11, 3: 7, 4: 10, 5: 20, 6: 145, 7: 37, 9: 54, 10: 1 });
    expect(autobahn).toHaveLength(301);
    for (const c of autobahn) {
      const number = categories.find((cat) => cat.id === c.category)!.number;
      expect(c.id).toMatch(new RegExp(`^${number}\\.\\d+(\\.\\d+)?$`));
    }
    expect(autobahn.map((c) => c.id).slice(0, 3)).toEqual(['1.1.1', '1.1.2', '1.1.3']);
    expect(caseTable.map((c) => c.id)).toContain('6.22.34');
    expect(caseTable.map((c) => c.id)).toContain('7.13.2');
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
      if (!c.cliOnly) expect(c.steps.length, c.id).toBeGreaterThan(0);
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
