import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classExercises } from '../../src/shared/exerciseCatalogue.ts';
import { expectedAnswers } from '../../src/shared/exercises.ts';

const placeholders = (lang: string) =>
  readdirSync(join('slides', lang))
    .filter((file) => file.endsWith('.html'))
    .flatMap((file) =>
      [...readFileSync(join('slides', lang, file), 'utf8').matchAll(/data-widget="exercise"([^>]*)>/g)].map(
        (match) => /data-widget-id="([^"]+)"/.exec(match[1]!)?.[1] ?? '(no id)',
      ),
    );

describe('the deck’s exercises: one catalogue for the slides, the page and the server', () => {
  it.each(['en', 'zh'])(
    'every exercise placeholder in slides/%s names an exercise of the catalogue',
    (lang) => {
      const ids = placeholders(lang);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.filter((id) => !Object.hasOwn(classExercises, id))).toEqual([]);
      expect(new Set(ids)).toEqual(new Set(Object.keys(classExercises)));
    },
  );

  it('every exercise’s frame is a frame the decoder reads', () => {
    for (const spec of Object.values(classExercises))
      expect(expectedAnswers(spec.frame, spec.textChars)).not.toBeNull();
  });
});
