import { parseHex, toHex } from '../../src/protocol/hex.ts';
import {
  checkAnswers,
  type ExerciseQuestion,
  type ExerciseSpec,
  type ExerciseTallyJson,
} from '../../src/shared/exercises.ts';
import type { Session } from '../sessions.ts';

type Verdicts = Partial<Record<ExerciseQuestion, boolean>>;
type Exercise = { spec: ExerciseSpec; key: string; answers: Map<Session, Verdicts> };

/** Exercises a room may hold at once: the tally's memory stays bounded whatever pages send. */
const maxExercises = 100;

export type AnswerOutcome = { verdicts: Verdicts } | { error: { code: string; message: string } };

/**
 * The room's class exercises: each student's last answer per exercise, checked here (against the frame,
 * by src/shared/exercises.ts) and tallied without names. The first answer to an exercise fixes its frame
 * and questions; an answer that names the same exercise with other bytes is refused, so nobody can skew
 * the tally by answering a different question.
 */
export class ExerciseBoard {
  private readonly exercises = new Map<string, Exercise>();
  private readonly listeners = new Set<(tally: ExerciseTallyJson) => void>();

  answer(
    session: Session,
    id: string,
    spec: ExerciseSpec,
    answers: Readonly<Record<string, string>>,
  ): AnswerOutcome {
    const key = specKey(spec);
    if (key === null)
      return { error: { code: 'bad-exercise', message: 'the exercise’s frame is not a frame' } };
    let exercise = this.exercises.get(id);
    if (!exercise) {
      if (this.exercises.size >= maxExercises) {
        return { error: { code: 'too-many', message: 'this room has too many exercises' } };
      }
      exercise = { spec, key, answers: new Map() };
      this.exercises.set(id, exercise);
    } else if (exercise.key !== key) {
      return { error: { code: 'exercise-mismatch', message: 'that exercise asks about other bytes' } };
    }
    const verdicts = checkAnswers(exercise.spec, answers);
    if (!verdicts) return { error: { code: 'bad-exercise', message: 'the exercise’s frame is not a frame' } };
    exercise.answers.set(session, verdicts);
    const tally = this.tally(id);
    for (const listener of this.listeners) listener(tally);
    return { verdicts };
  }

  /** How many answered, how many right per question; never who. */
  tally(id: string): ExerciseTallyJson {
    const exercise = this.exercises.get(id);
    const right: Partial<Record<ExerciseQuestion, number>> = {};
    for (const question of exercise?.spec.questions ?? []) right[question] = 0;
    for (const verdicts of exercise?.answers.values() ?? []) {
      for (const [question, ok] of Object.entries(verdicts) as [ExerciseQuestion, boolean][]) {
        if (ok) right[question] = (right[question] ?? 0) + 1;
      }
    }
    return { exercise: id, answered: exercise?.answers.size ?? 0, right };
  }

  /** Told every new tally (the presenter's pages). */
  onTally(listener: (tally: ExerciseTallyJson) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** An exercise's identity: its bytes (however spaced), its questions and text length. */
function specKey(spec: ExerciseSpec): string | null {
  const bytes = parseHex(spec.frame);
  if (!bytes.ok) return null;
  return `${toHex(bytes.bytes)}|${spec.questions.join(',')}|${spec.textChars}`;
}
