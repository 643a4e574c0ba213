import { classExercise } from '../../src/shared/exerciseCatalogue.ts';
import {
  type ExerciseQuestion,
  type ExerciseSpec,
  type ExerciseTallyJson,
  type ExpectedAnswers,
  expectedAnswers,
  verdictsFor,
} from '../../src/shared/exercises.ts';
import type { Session } from '../sessions.ts';

type Verdicts = Partial<Record<ExerciseQuestion, boolean>>;

/** One exercise's answers: each session's last verdicts, and the running counts the tally reads. */
type Exercise = {
  readonly spec: ExerciseSpec;
  /** The right answers, read from the frame once, not at every answer. */
  readonly expected: ExpectedAnswers;
  readonly answers: Map<Session, Verdicts>;
  /** Sessions that answered, per address: one address cannot stand for a whole class. */
  readonly perAddress: Map<string, number>;
  readonly right: Record<ExerciseQuestion, number>;
};

export type ExerciseLimits = {
  /** Sessions of one address that may answer one exercise (as many as it may hold connections). */
  readonly answersPerAddress: number;
  /** Answers one exercise keeps in all (as many as the server keeps sessions). */
  readonly answersPerExercise: number;
};

export type AnswerOutcome = { verdicts: Verdicts } | { error: { code: string; message: string } };

/**
 * The room's class exercises: each visitor's last answer per exercise, checked here (against the frame
 * the deck defines, src/shared/exerciseCatalogue.ts) and tallied without names. An exercise the deck does
 * not have is refused; a session's new answer replaces its last one in running counts (the tally is read,
 * never recomputed over all answers); answers are bounded per address and per exercise.
 */
export class ExerciseBoard {
  private readonly exercises = new Map<string, Exercise>();
  private readonly listeners = new Set<(exercise: string) => void>();

  constructor(
    private readonly limits: ExerciseLimits,
    private readonly lookUp: (id: string) => ExerciseSpec | undefined = classExercise,
  ) {}

  answer(
    session: Session,
    address: string,
    id: string,
    answers: Readonly<Record<string, string>>,
  ): AnswerOutcome {
    const spec = this.lookUp(id);
    if (!spec) return { error: { code: 'unknown-exercise', message: 'this deck has no such exercise' } };
    const exercise = this.exerciseOf(id, spec);
    if (!exercise) return { error: { code: 'bad-exercise', message: 'the exercise’s frame is not a frame' } };
    const before = exercise.answers.get(session);
    if (!before) {
      if (exercise.answers.size >= this.limits.answersPerExercise) {
        return { error: { code: 'too-many', message: 'this exercise has all the answers it can keep' } };
      }
      if ((exercise.perAddress.get(address) ?? 0) >= this.limits.answersPerAddress) {
        return { error: { code: 'too-many', message: 'too many answers from your address' } };
      }
    }
    const verdicts = verdictsFor(spec.questions, exercise.expected, answers);
    if (before) this.count(exercise, before, -1);
    else exercise.perAddress.set(address, (exercise.perAddress.get(address) ?? 0) + 1);
    exercise.answers.set(session, verdicts);
    this.count(exercise, verdicts, 1);
    for (const listener of this.listeners) listener(id);
    return { verdicts };
  }

  /** How many answered, how many right per question; never who. Read from running counts: O(questions). */
  tally(id: string): ExerciseTallyJson {
    const exercise = this.exercises.get(id);
    const right: Partial<Record<ExerciseQuestion, number>> = {};
    for (const question of (exercise ?? { spec: this.lookUp(id) }).spec?.questions ?? []) {
      right[question] = exercise?.right[question] ?? 0;
    }
    return { exercise: id, answered: exercise?.answers.size ?? 0, right };
  }

  /** Told the id of every exercise whose tally changed (the presenter's pages, coalesced there). */
  onTally(listener: (exercise: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The exercise's running state, made at its first answer; null when the deck's frame is not a frame. */
  private exerciseOf(id: string, spec: ExerciseSpec): Exercise | null {
    let exercise = this.exercises.get(id);
    if (!exercise) {
      const expected = expectedAnswers(spec.frame, spec.textChars);
      if (!expected) return null;
      const right = Object.fromEntries(spec.questions.map((q) => [q, 0])) as Record<ExerciseQuestion, number>;
      exercise = { spec, expected, answers: new Map(), perAddress: new Map(), right };
      this.exercises.set(id, exercise);
    }
    return exercise;
  }

  private count(exercise: Exercise, verdicts: Verdicts, sign: 1 | -1): void {
    for (const question of exercise.spec.questions) if (verdicts[question]) exercise.right[question] += sign;
  }
}
