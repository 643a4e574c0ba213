import { describe, expect, it } from 'vitest';
import type { Sender } from '../../src/protocol/index.ts';
import { experimentBytes, labExperiments, measuredBrowsers } from '../../src/shared/labExperiments.ts';
import { rfcVerdict } from '../../src/shared/labVerdict.ts';
import { compareWithWs } from '../helpers/differential.ts';

const maxPayload = 1024 * 1024;

function bytesFor(name: string, sender: Sender): Uint8Array {
  const experiment = labExperiments.find((e) => e.name === name)!;
  return experimentBytes(experiment, sender === 'client' ? 'to-server' : 'to-browser', maxPayload);
}

describe('the lab experiments say what a conforming receiver does', () => {
  for (const experiment of labExperiments) {
    if (experiment.directions.includes('to-server')) {
      it(`${experiment.name}, to the server: our core and ws both react as the table says`, () => {
        const comparison = compareWithWs([bytesFor(experiment.name, 'client')], 'client', maxPayload);
        const last = comparison.theirs.at(-1);
        const rule = experiment.rfc.receiver;
        if (rule.kind === 'accepts') {
          expect(comparison.ours.every((o) => o.kind !== 'error')).toBe(true);
          expect(last?.kind).not.toBe('error');
        } else if (experiment.name === 'close-4000-bye') {
          expect(last).toEqual({ kind: 'close', code: 4000, reason: 'bye' });
        } else {
          expect(last).toEqual({ kind: 'error', closeCodes: [rule.code] });
          expect(comparison.ours.at(-1)).toMatchObject({
            kind: 'error',
            closeCodes: expect.arrayContaining([rule.code]),
          });
          // What the table says ws does is what ws does.
          expect(experiment.server?.closeFrame).toBe(rule.code);
        }
      });
    }
    if (experiment.directions.includes('to-browser')) {
      it(`${experiment.name}, to the browser: our core finds a violation exactly when the browser must fail`, () => {
        const comparison = compareWithWs([bytesFor(experiment.name, 'server')], 'server', maxPayload);
        const failed = comparison.ours.some((o) => o.kind === 'error');
        expect(failed).toBe(experiment.rfc.receiver.kind === 'fails');
      });
    }
  }

  it('every experiment has both languages', () => {
    for (const experiment of labExperiments) {
      for (const text of [experiment.title, experiment.rfc.says]) {
        expect(text.en.length).toBeGreaterThan(3);
        expect(text.zh.length).toBeGreaterThan(3);
      }
    }
  });

  it('every experiment has an RFC rule with its section, and a measured entry for each receiver', () => {
    for (const experiment of labExperiments) {
      expect(experiment.rfc.section, experiment.name).toMatch(/^\d+(\.\d+)*$/);
      if (experiment.directions.includes('to-browser')) {
        for (const browser of measuredBrowsers) {
          expect(experiment.browsers?.[browser], `${experiment.name}: ${browser}`).toBeDefined();
          expect(experiment.browsers?.[browser]?.page, `${experiment.name}: ${browser}`).toBeDefined();
        }
      } else {
        expect(experiment.browsers, experiment.name).toBeUndefined();
      }
      expect(experiment.server !== undefined, experiment.name).toBe(
        experiment.directions.includes('to-server'),
      );
    }
  });

  it('Chromium breaks no MUST in the table; every departure it makes is one the RFC allows', () => {
    for (const experiment of labExperiments) {
      const chromium = experiment.browsers?.chromium;
      if (chromium) expect(rfcVerdict(experiment.rfc, chromium).kind, experiment.name).not.toBe('breaks');
    }
  });
});
