import { exerciseQuestions } from '../../src/shared/exercises.ts';
import type {
  CommandOf,
  CommandOutcome,
  InspectorCommand,
  ReplyOf,
} from '../../src/shared/inspector/commands.ts';
import type { ServerContext } from '../context.ts';
import type { InspectorClient } from '../inspect/inspectorClient.ts';
import { LatestPush } from './latestPush.ts';
import { visitorsOf } from './visitors.ts';

/** The room's social side (issue 11): exercises, the presenter's chat controls, sharing. */
type RoomSocialType =
  | 'exercise.answer'
  | 'exercise.tally'
  | 'chat.clear'
  | 'chat.mute'
  | 'share'
  | 'visitors';
type RoomSocialCommand = CommandOf<RoomSocialType>;

const roomTypes = new Set<string>([
  'exercise.answer',
  'exercise.tally',
  'chat.clear',
  'chat.mute',
  'share',
  'visitors',
]);

export function isRoomSocialCommand(command: InspectorCommand): command is RoomSocialCommand {
  return roomTypes.has(command.type);
}

const notPresenter = { error: { code: 'not-presenter', message: 'only the presenter may do this' } };

/**
 * The room's social commands on /inspect (issue 11). The presenter's are checked here, against the role
 * the server gave this inspector at hello (its token was checked then, and never travels on a tapped
 * connection); a visitor's answer counts once per session, whatever the page claims.
 */
export function runRoomSocialCommand(
  client: InspectorClient,
  command: RoomSocialCommand,
  context: ServerContext,
): CommandOutcome<RoomSocialType> {
  const presenter = client.role === 'presenter';
  switch (command.type) {
    case 'exercise.answer': {
      if (!client.session) return { error: { code: 'hello-first', message: 'say hello first' } };
      // The frame and questions are the deck's (src/shared/exerciseCatalogue.ts), never the page's.
      const answers: Record<string, string> = {};
      for (const question of exerciseQuestions) {
        const given = command[`answer.${question}`];
        if (given !== undefined) answers[question] = given;
      }
      const outcome = context.exercises.answer(client.session, client.address, command.exercise, answers);
      return 'error' in outcome
        ? outcome
        : { ok: { verdicts: outcome.verdicts } satisfies ReplyOf<'exercise.answer'> };
    }
    case 'exercise.tally':
      return presenter
        ? { ok: { tally: context.exercises.tally(command.exercise) } satisfies ReplyOf<'exercise.tally'> }
        : notPresenter;
    case 'chat.clear':
      if (!presenter) return notPresenter;
      context.chat.clear();
      return { ok: {} };
    case 'chat.mute':
      if (!presenter) return notPresenter;
      return context.chat.mute(command.member, command.muted !== false)
        ? { ok: {} }
        : {
            error: {
              code: 'not-found',
              message: `no chat member ${JSON.stringify(command.member)}`,
            },
          };
    case 'share': {
      if (!client.session) return { error: { code: 'hello-first', message: 'say hello first' } };
      const outcome = context.consent.set(client.session, client.address, command.on);
      return 'error' in outcome ? outcome : { ok: outcome satisfies ReplyOf<'share'> };
    }
    case 'visitors':
      return presenter
        ? { ok: { visitors: visitorsOf(client, context) } satisfies ReplyOf<'visitors'> }
        : notPresenter;
  }
}

/** However fast answers come, a presenter's page is sent an exercise's tally at most this often. */
const tallyEveryMs = 250;

/**
 * A presenter's inspector is sent each exercise's new tally, until it closes: coalesced per exercise
 * (server/room/latestPush.ts), read when it goes, so a flood of answers costs one tally per 250 ms.
 */
export function followTallies(client: InspectorClient, context: ServerContext): () => void {
  const pushes = new Map<string, LatestPush>();
  const stop = context.exercises.onTally((exercise) => {
    let push = pushes.get(exercise);
    if (!push) {
      push = new LatestPush(
        (done) => client.push({ type: 'tally', tally: context.exercises.tally(exercise) }, done),
        tallyEveryMs,
      );
      pushes.set(exercise, push);
    }
    push.changed();
  });
  return () => {
    stop();
    for (const push of pushes.values()) push.stop();
  };
}
