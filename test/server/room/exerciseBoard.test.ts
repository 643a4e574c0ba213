import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerContext } from '../../../server/context.ts';
import type { InspectorClient } from '../../../server/inspect/inspectorClient.ts';
import { ExerciseBoard } from '../../../server/room/exerciseBoard.ts';
import { followTallies } from '../../../server/room/roomCommands.ts';
import type { Session } from '../../../server/sessions.ts';

let sessions = 0;
const session = (): Session => ({
  token: `s${++sessions}`,
  label: 'x',
  lastUsed: 0,
  holders: 0,
  sharing: false,
});
const right = { fin: '1', opcode: '1', masked: 'yes', length: '128', key: 'a1 b2 c3 d4', text: 'Hi! ' };
const wrong = { fin: '0', opcode: '2', masked: 'no', length: '4', key: '00', text: 'nope' };
const board = () => new ExerciseBoard({ answersPerAddress: 64, answersPerExercise: 1000 });

afterEach(() => vi.useRealTimers());

describe('exercises are the deck’s', () => {
  it('refuses an exercise id the deck does not have, so none can be squatted or made up', () => {
    const exercises = board();
    for (let i = 0; i < 150; i++) {
      expect(exercises.answer(session(), '10.0.0.1', `made-up-${i}`, right)).toMatchObject({
        error: { code: 'unknown-exercise' },
      });
    }
    expect(exercises.answer(session(), '10.0.0.2', 'decode-it-yourself', right)).toMatchObject({
      verdicts: { fin: true, opcode: true, masked: true, length: true, key: true, text: true },
    });
  });
});

describe('the tally: one answer per session, running counts, bounded', () => {
  it('counts a session once; a changed answer moves the counts both ways', () => {
    const exercises = board();
    const ana = session();
    exercises.answer(ana, '10.0.0.1', 'decode-it-yourself', right);
    exercises.answer(session(), '10.0.0.2', 'decode-it-yourself', right);
    exercises.answer(ana, '10.0.0.1', 'decode-it-yourself', { ...wrong, fin: '1' });
    expect(exercises.tally('decode-it-yourself')).toEqual({
      exercise: 'decode-it-yourself',
      answered: 2,
      right: { fin: 2, opcode: 1, masked: 1, length: 1, key: 1, text: 1 },
    });
  });

  it('takes at most 64 answering sessions from one address, and a bounded number in all', () => {
    const exercises = board();
    const outcomes = Array.from({ length: 100 }, () =>
      exercises.answer(session(), '10.0.0.66', 'decode-it-yourself', right),
    );
    expect(outcomes.filter((o) => 'verdicts' in o)).toHaveLength(64);
    expect(outcomes.at(-1)).toMatchObject({ error: { code: 'too-many' } });
    for (let i = 0; i < 2000; i++)
      exercises.answer(session(), `10.1.${i >> 8}.${i & 255}`, 'decode-it-yourself', right);
    expect(exercises.tally('decode-it-yourself').answered).toBe(1000);
  });
});

describe('tally pushes to the presenter: at most one per 250 ms', () => {
  it('sends a handful of tallies for 5,000 answers in one second, the last one right', () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const exercises = board();
    const pushed: { answered: number }[] = [];
    const client = {
      push: (message: { tally: { answered: number } }, done: () => void) => {
        pushed.push(message.tally);
        done();
      },
    } as unknown as InspectorClient;
    const stop = followTallies(client, { exercises } as unknown as ServerContext);
    const answerers = Array.from({ length: 1000 }, session);
    for (let i = 0; i < 5000; i++) {
      exercises.answer(
        answerers[i % 1000]!,
        `10.2.${(i % 1000) >> 6}.${i % 64}`,
        'decode-it-yourself',
        right,
      );
      vi.advanceTimersByTime(0.2);
    }
    vi.advanceTimersByTime(1000);
    stop();
    expect(pushed.length).toBeLessThanOrEqual(1000 / 250 + 2);
    expect(pushed.at(-1)?.answered).toBe(1000);
  });
});
