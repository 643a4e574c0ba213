import type { ExerciseSpec } from './exercises.ts';

/**
 * The deck's class exercises, by the id a slide's placeholder names
 * (`<div data-widget="exercise" data-widget-id="decode-it-yourself">`): the frame and the questions live
 * here, once, for the page that asks them and the server that checks and tallies them. The server knows
 * every exercise the deck has, so an answer to any other id, or to other bytes, is refused: nobody can
 * squat an exercise or fill the room with made-up ones. test/shared/exerciseCatalogue.test.ts checks that
 * every placeholder in slides/ names one of these, in both languages.
 */
export const classExercises: Readonly<Record<string, ExerciseSpec>> = {
  // slides/*/11-exercise.html: a masked text frame of 128 bytes whose first 4 characters are "Hi! ".
  'decode-it-yourself': {
    frame:
      '81 fe 00 80 a1 b2 c3 d4 e9 db e2 f4 f8 dd b6 f4 c5 d7 a0 bb c5 d7 a7 f4 c8 c6 f9 f4 c0 92 ae b5 d2 d9 a6 b0 81 c6 a6 ac d5 92 a5 a6 c0 df a6 f8 81 f4 8a 9a 81 83 ef f4 ec f3 90 9f 81 83 ef f4 f1 d3 ba b8 ce d3 a7 f4 cd d7 ad f4 90 80 f5 f8 81 c1 ac f4 d5 da a6 f4 cf d7 bb a0 81 83 f5 f4 c3 db b7 a7 81 c1 a2 ad 81 82 bb e4 91 8a f3 f4 9c 92 f2 e6 99 92 a1 ad d5 d7 b0 fa 81 f0 b1 b5 d7 dd e2 f5 80 93 e2 f5',
    questions: ['fin', 'opcode', 'masked', 'length', 'key', 'text'],
    textChars: 4,
  },
};

/** The exercise a slide names, or undefined for an id the deck does not have. */
export function classExercise(id: string): ExerciseSpec | undefined {
  return Object.hasOwn(classExercises, id) ? classExercises[id] : undefined;
}
