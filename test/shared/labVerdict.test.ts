import { describe, expect, it } from 'vitest';
import { findLabExperiment, labExperiments } from '../../src/shared/labExperiments.ts';
import { differences, identifyBrowser, rfcVerdict } from '../../src/shared/labVerdict.ts';

const rule = (name: string) => findLabExperiment(name)!.rfc;

describe('a run against the RFC', () => {
  it('a browser that delivers a masked server frame breaks §5.1, plainly', () => {
    const verdict = rfcVerdict(rule('masked-server-frame'), {
      delivers: true,
      closeFrame: 'none',
      page: 'open',
    });
    expect(verdict.kind).toBe('breaks');
    if (verdict.kind === 'breaks') {
      expect(verdict.why.en).toContain('delivered the message');
      expect(verdict.why.en).toContain('MUST fail');
      expect(verdict.why.zh).toContain('必须断开');
    }
  });

  it('failing without a close frame is allowed (§7.1.7), and so is another close code', () => {
    const dropped = rfcVerdict(rule('reserved-opcode'), {
      delivers: false,
      closeFrame: 'none',
      page: { code: 1006, clean: false },
    });
    expect(dropped).toMatchObject({ kind: 'allowed', why: { en: expect.stringContaining('§7.1.7') } });
    const code = rfcVerdict(rule('invalid-utf8'), {
      delivers: false,
      closeFrame: 1002,
      page: { code: 1006, clean: false },
    });
    expect(code).toMatchObject({ kind: 'allowed', why: { en: expect.stringContaining('1007') } });
    const exact = rfcVerdict(rule('reserved-opcode'), { delivers: false, closeFrame: 1002 });
    expect(exact.kind).toBe('follows');
  });

  it('a clean close after a bad close frame breaks the rule: failing is never clean', () => {
    const verdict = rfcVerdict(rule('close-1005'), {
      delivers: false,
      closeFrame: null,
      page: { code: 1005, clean: true },
    });
    expect(verdict.kind).toBe('breaks');
  });

  it('a valid experiment that is refused breaks it; one that is taken follows', () => {
    expect(rfcVerdict(rule('utf8-split'), { delivers: true, closeFrame: 'none', page: 'open' }).kind).toBe(
      'follows',
    );
    expect(rfcVerdict(rule('utf8-split'), { delivers: false, closeFrame: 1007 }).kind).toBe('breaks');
  });

  it('Firefox, as measured, breaks exactly three rules: the masked frame and the two bad close frames', () => {
    const broken = labExperiments
      .filter((e) => e.browsers?.firefox && rfcVerdict(e.rfc, e.browsers.firefox).kind === 'breaks')
      .map((e) => e.name);
    expect(broken).toEqual(['masked-server-frame', 'close-1005', 'close-1-byte']);
  });
});

describe('a run against what is known', () => {
  it('names the fields that differ', () => {
    const known = { delivers: false, closeFrame: 1002, page: { code: 1006, clean: false } } as const;
    expect(differences(known, known)).toEqual([]);
    expect(differences(known, { ...known, closeFrame: 'none' })).toEqual(['closeFrame']);
    expect(differences(known, { delivers: true, closeFrame: 'none', page: 'open' })).toEqual([
      'delivers',
      'closeFrame',
      'page',
    ]);
    // ws's rows say nothing about a page: only the wire counts.
    expect(differences({ delivers: false, closeFrame: 1002 }, { delivers: false, closeFrame: 1002 })).toEqual(
      [],
    );
  });
});

describe('which browser the page runs in', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'firefox', 'Firefox 153'],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
      'chromium',
      'Chromium 156',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0',
      null,
      'Edge 140',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      null,
      'Safari 17',
    ],
  ])('%s', (userAgent, known, name) => {
    expect(identifyBrowser(userAgent)).toEqual({ known, name });
  });
});
