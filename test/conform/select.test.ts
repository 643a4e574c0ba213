import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseTable } from '../../src/conform/cases/index.ts';
import { casePatternsMaxLength, globMatches, selectCases } from '../../src/conform/select.ts';

describe('globMatches: * is any run of characters, the rest is literal', () => {
  it.each([
    ['5.*', '5.1', true],
    ['5.*', '5.10', true],
    ['5.*', '15.1', false],
    ['6.1.*', '6.1.2', true],
    ['6.1.*', '6.10.2', false],
    ['*', '', true],
    ['*.3', '7.7.3', true],
    ['7*7*3', '7.7.3', true],
    ['7*7*3', '7.3', false],
    ['*1*1*', '1.1', true],
    ['*1*1*', '1.2', false],
    ['7.7.3', '7.7.3', true],
    ['7.7.3', '7x7.3', false],
    ['a*a', 'a', false],
  ])('%s against %s: %s', (glob, text, expected) => {
    expect(globMatches(glob, text)).toBe(expected);
  });

  it('never backtracks: 30,000 stars then a Z against every case id take one pass each', () => {
    const glob = `${'*'.repeat(30_000)}Z`;
    // A RegExp built from this (`.*` × 30,000) would not finish; the pieces are all empty but the last.
    const matched = caseTable.filter((c) => globMatches(glob, c.id));
    expect(matched).toHaveLength(0);
  });
});

describe('selectCases: never a RegExp from the patterns it is given', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('constructs no RegExp, whatever the patterns', () => {
    let built = 0;
    const Original = RegExp;
    vi.stubGlobal(
      'RegExp',
      new Proxy(Original, {
        construct(target, args) {
          built++;
          return Reflect.construct(target, args);
        },
        apply(target, self, args) {
          built++;
          return Reflect.apply(target, self, args);
        },
      }),
    );
    const picked = selectCases(caseTable, '5.*,6.1.*,7.7.3,*Z');
    expect(picked).toEqual({ error: "no case matches '*Z'" });
    expect(built).toBe(0);
  });
});

describe('selectCases: bounded before any matching', () => {
  it('refuses patterns longer than the limit, before matching any', () => {
    const long = `${'*'.repeat(casePatternsMaxLength)}Z`;
    expect(selectCases(caseTable, long)).toEqual({
      error: `case patterns longer than ${casePatternsMaxLength} characters`,
    });
  });

  it('34 stars then Z (the pattern that froze the server) matches nothing, as an error', () => {
    expect(selectCases(caseTable, `${'*'.repeat(34)}Z`)).toEqual({
      error: `no case matches '${'*'.repeat(34)}Z'`,
    });
  });
});
