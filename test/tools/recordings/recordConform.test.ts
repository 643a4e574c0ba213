import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConformRecording } from '../../../src/widgets/conform/recording.ts';
import { conformRecordingText } from '../../../tools/recordings/recordConform.ts';

const committed = readFileSync(new URL('../../../slides/recordings/conform.json', import.meta.url), 'utf8');

describe('the conformance recording’s file', () => {
  it('is JSON that reads back as the recording, one case a line', () => {
    const recording = JSON.parse(committed) as ConformRecording;
    const text = conformRecordingText(recording);
    expect(JSON.parse(text)).toEqual(recording);
    const cases = recording.endpoints.reduce((sum, run) => sum + run.cases.length, 0);
    expect(text.split('\n').filter((line) => line.trimStart().startsWith('{"id":"')).length).toBe(
      cases + recording.endpoints.length,
    );
  });

  it('is committed exactly as `npm run record` writes it', () => {
    expect(conformRecordingText(JSON.parse(committed) as ConformRecording)).toBe(committed);
  });
});
