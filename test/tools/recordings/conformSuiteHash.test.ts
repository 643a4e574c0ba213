import { describe, expect, it } from 'vitest';
import { deckCaseTable } from '../../../src/conform/cases/index.ts';
import { conformEndpoints } from '../../../src/conform/endpoints.ts';
import type { CaseDef } from '../../../src/conform/types.ts';
import { conformSuiteHash } from '../../../tools/recordings/conformSuiteHash.ts';

const now = conformSuiteHash(deckCaseTable, conformEndpoints);
const changed = (id: string, change: (def: CaseDef) => CaseDef) =>
  deckCaseTable.map((def) => (def.id === id ? change(def) : def));

describe('the conformance suite’s hash (what makes a recorded run stale)', () => {
  it('is the same for the same suite, though its 6.4.x pieces are masked with a key drawn as it loads', () => {
    expect(conformSuiteHash()).toBe(now);
    const pieces = deckCaseTable.find((c) => c.id === '6.4.3')!;
    const raw = pieces.steps.filter((step) => 'raw' in step);
    expect(raw.length).toBeGreaterThan(1);
    // Other bytes of the same lengths, as a fresh masking key gives.
    const remasked = changed('6.4.3', (def) => ({
      ...def,
      steps: def.steps.map((step) => ('raw' in step ? { raw: step.raw.map((byte) => byte ^ 0x5a) } : step)),
    }));
    expect(conformSuiteHash(remasked, conformEndpoints)).toBe(now);
    const cutElsewhere = changed('6.4.3', (def) => ({
      ...def,
      steps: def.steps.map((step) => ('raw' in step ? { raw: step.raw.subarray(1) } : step)),
    }));
    expect(conformSuiteHash(cutElsewhere, conformEndpoints)).not.toBe(now);
  });

  it('changes when a case sends other bytes, expects something else, or waits longer', () => {
    const text = deckCaseTable.find((c) => c.id === '1.1.1')!;
    expect(text.steps[0]).toHaveProperty('send');
    const otherBytes = changed('1.1.1', (def) => ({
      ...def,
      steps: [{ send: [{ opcode: 1, payload: 'other', mask: true }] }, ...def.steps.slice(1)],
    }));
    expect(conformSuiteHash(otherBytes, conformEndpoints)).not.toBe(now);
    const otherCodes = changed('3.1', (def) => ({ ...def, expect: { kind: 'fail', codes: [1007] } }));
    expect(conformSuiteHash(otherCodes, conformEndpoints)).not.toBe(now);
    const longer = changed('3.1', (def) => ({ ...def, waitMs: 9000 }));
    expect(conformSuiteHash(longer, conformEndpoints)).not.toBe(now);
  });

  it('changes when a case comes or goes', () => {
    expect(conformSuiteHash(deckCaseTable.slice(1), conformEndpoints)).not.toBe(now);
  });

  it('does not change when a case is only reworded (the slide reads its words from the table)', () => {
    const reworded = changed('3.1', (def) => ({
      ...def,
      title: { en: 'another title', zh: '另一个标题' },
      why: 'another reason',
      section: '5.2.1',
    }));
    expect(conformSuiteHash(reworded, conformEndpoints)).toBe(now);
  });

  it('changes when an endpoint comes, goes, or moves', () => {
    const [ws, ...others] = conformEndpoints;
    expect(conformSuiteHash(deckCaseTable, others)).not.toBe(now);
    expect(conformSuiteHash(deckCaseTable, [{ ...ws!, path: '/echo2' }, ...others])).not.toBe(now);
    expect(conformSuiteHash(deckCaseTable, [...conformEndpoints, { ...ws!, id: 'another' }])).not.toBe(now);
    // Its label is what the slide writes over its column: read from the list, not from the recording.
    expect(conformSuiteHash(deckCaseTable, [{ ...ws!, label: 'ws (Node)' }, ...others])).toBe(now);
  });
});
