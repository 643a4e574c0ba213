import { parseCommand } from '../../src/shared/inspector/commandShapes.ts';
import type { CommandOf, InspectorCommand, ReplyOf } from '../../src/shared/inspector/commands.ts';
import type { ResultMessage } from '../../src/shared/inspector/messages.ts';
import { inspectorProtocolVersion } from '../../src/shared/inspector/protocol.ts';
import { TokenBucket } from '../admission/rateLimit.ts';
import type { LiveConnection } from '../connections.ts';
import type { ServerContext } from '../context.ts';
import { labPresets, presetSummary } from '../lab/presets.ts';
import { followTallies, isRoomSocialCommand, runRoomSocialCommand } from '../room/roomCommands.ts';
import { followVisitors } from '../room/visitors.ts';
import { tokensEqual } from '../sessions.ts';
import { isFlatJsonObject } from './flatJson.ts';
import { InspectorClient } from './inspectorClient.ts';
import { runLabCommand } from './labCommands.ts';

/** Before hello a page has said nothing: its first message is a hello, a few hundred bytes. */
const preHelloLimit = 4 * 1024;

/**
 * /inspect: a page says hello (minting or resuming its session), then receives the tap records of the
 * connections it may see, and sends lab commands. Nothing but `hello` is accepted before `hello`.
 */
export function acceptInspector(connection: LiveConnection, context: ServerContext): void {
  const { registry, sessions, options } = context;
  const client = new InspectorClient(
    connection.ws,
    connection.address,
    options.inspectorBufferLimit,
    (c) => c.session?.label,
  );
  registry.addWatcher(client);
  connection.ws.on('close', () => {
    registry.removeWatcher(client);
    if (!client.session) return;
    sessions.release(client.session);
    context.lab.inspectorLeft(client.session);
  });
  // Cost, not count: bytes parsed per second, so a few large commands weigh like many small ones. What a
  // stall of the server held back is not the page's burst (server/loopStalls.ts).
  const budget = new TokenBucket(
    4 * options.inspectorMessageLimit,
    options.inspectorMessageLimit,
    Date.now(),
    context.loopStalls,
  );
  connection.ws.on('message', (data: Buffer, isBinary) => {
    // Cheap checks first: size, then kind, then shape, and only then a parse.
    if (!client.ready && data.length > preHelloLimit) {
      connection.ws.close(1009, `say hello first, in under ${preHelloLimit} bytes`);
      return;
    }
    if (!budget.take(Date.now(), data.length)) {
      // Like the message rate limit (server/upgrade.ts): a policy violation, told with 1008.
      context.log.warn('inspector byte rate limit', { id: connection.id, remote: connection.remote });
      connection.ws.close(1008, 'too many bytes per second');
      return;
    }
    if (isBinary) {
      client.reply({ type: 'error', code: 'bad-json', message: 'send JSON in text frames' });
      return;
    }
    const text = data.toString();
    if (!isFlatJsonObject(text)) {
      client.reply({ type: 'error', code: 'not-flat', message: 'a command is one flat JSON object' });
      return;
    }
    const parsed = parseCommand(text);
    if ('error' in parsed) {
      client.reply({ type: 'error', ...(parsed.id === undefined ? {} : { id: parsed.id }), ...parsed.error });
      return;
    }
    handle(client, parsed.command, context).catch((error: Error) => {
      // A bug must not take the server down with it: say so to the page and to the console.
      context.log.warn('inspector command failed', { type: parsed.command.type, message: error.message });
      const id = parsed.command.id === undefined ? {} : { id: parsed.command.id };
      client.reply({
        type: 'error',
        ...id,
        code: 'internal',
        message: 'the server failed to run this command',
      });
    });
  });
}

async function handle(
  client: InspectorClient,
  command: InspectorCommand,
  context: ServerContext,
): Promise<void> {
  const { registry, sessions } = context;
  const id = command.id === undefined ? {} : { id: command.id };
  if (command.type !== 'hello' && !client.ready) {
    client.reply({ type: 'error', ...id, code: 'hello-first', message: 'say hello first' });
    return;
  }
  switch (command.type) {
    case 'hello': {
      if (client.ready) {
        client.reply({ type: 'error', ...id, code: 'hello-twice', message: 'hello is said once' });
        return;
      }
      if (command.presenterToken !== undefined) {
        const refusal = presenterRefusal(command.presenterToken, command.session, client.address, context);
        if (refusal) {
          context.log.warn('presenter token refused', { remote: client.address, why: refusal.code });
          client.reply({ type: 'error', ...id, ...refusal });
          return;
        }
      }
      const { session, resumed } = sessions.resumeOrMint(command.session);
      sessions.hold(session);
      context.lab.inspectorArrived(session);
      client.session = session;
      client.page = command.page ?? null;
      client.role = command.presenterToken === undefined ? 'visitor' : 'presenter';
      // The presenter's pages drive the room, and follow its exercise tallies and its visitors until their
      // inspector closes.
      if (client.role === 'presenter') {
        context.presenterSessions.add(session);
        client.ws.once('close', followTallies(client, context));
        client.ws.once('close', followVisitors(client, context));
      }
      client.reply({
        type: 'welcome',
        ...id,
        protocol: inspectorProtocolVersion,
        session: session.token,
        resumed,
        role: client.role,
        label: session.label,
        sharing: session.sharing,
        serverTime: Date.now(),
        maxPayload: context.options.maxPayload,
        heartbeatMs: context.options.heartbeatMs,
        presets: labPresets.map(presetSummary),
        connections: registry.visibleTo(client).map((c) => client.summary(c)),
        lanOrigins: context.lanOrigins(),
      });
      // Watching everything visible is what a page wants unless it says otherwise.
      if (command.watch !== false) {
        client.watch();
        registry.refresh(client);
      }
      return;
    }
    case 'watch':
    case 'unwatch': {
      const target =
        command.connection === undefined ? undefined : registry.connections.get(command.connection);
      if (
        command.type === 'watch' &&
        command.connection !== undefined &&
        !(target && client.canSee(target))
      ) {
        // Someone else's connection is answered like one that does not exist.
        client.reply({ type: 'error', ...id, code: 'not-found', message: 'no such connection in your view' });
        return;
      }
      if (command.type === 'watch') client.watch(command.connection);
      else client.unwatch(command.connection);
      registry.refresh(client);
      client.reply(resultOf(command, {}));
      return;
    }
    case 'ticket': {
      // One per socket the page opens: it proves that socket is this session's and this page's, and opens
      // only the endpoint asked for (see server/admission/tickets.ts).
      // A page's echo socket when it does not say.
      const socket = command.socket ?? 'echo';
      const ticket = context.tickets.forPage(client.session!, client.address, client.page, socket);
      if (ticket === null) {
        client.reply({ type: 'error', ...id, code: 'too-many', message: 'too many unused tickets' });
      } else {
        client.reply(resultOf(command, { ticket }));
      }
      return;
    }
    case 'list':
      client.reply({
        type: 'connections',
        ...id,
        connections: registry.visibleTo(client).map((c) => client.summary(c)),
      });
      return;
    case 'conform.run': {
      // The cases arrive in `conform.cases` parts first, to this page only; then this result.
      const run = await context.conformRuns.run(client, command, context);
      if ('error' in run) client.reply({ type: 'error', ...id, ...run.error });
      else client.reply(resultOf(command, run));
      return;
    }
    default: {
      const result = isRoomSocialCommand(command)
        ? runRoomSocialCommand(client, command, context)
        : await runLabCommand(client, command, context);
      if ('ok' in result) client.reply({ type: 'result', ...id, ok: true, ...result.ok });
      else client.reply({ type: 'error', ...id, ...result.error });
    }
  }
}

/** Why a presenter hello is refused, or null when its token is right and its address may still try. */
function presenterRefusal(
  token: string,
  sessionToken: string | undefined,
  address: string,
  context: ServerContext,
): { code: string; message: string } | null {
  const attempts = context.presenterAttempts;
  const resumed = context.sessions.find(sessionToken);
  const knownPresenter = resumed !== null && context.presenterSessions.has(resumed);
  const spent = attempts.refusal(address, Date.now(), knownPresenter);
  if (spent === 'address') {
    return { code: 'too-many-attempts', message: 'too many wrong presenter tokens: try again in a minute' };
  }
  if (spent === 'server') {
    return {
      code: 'too-many-attempts',
      message: 'too many wrong presenter tokens on this server: try again in a minute',
    };
  }
  if (tokensEqual(token, context.presenterToken)) return null;
  attempts.failed(address);
  return { code: 'bad-presenter-token', message: 'wrong presenter token' };
}

/** A command's `result`, with exactly the fields its reply type (src/shared/inspector/commands.ts) names. */
function resultOf<T extends Exclude<InspectorCommand['type'], 'hello' | 'list'>>(
  command: CommandOf<T>,
  reply: ReplyOf<T>,
): ResultMessage<T> {
  return {
    type: 'result',
    ...(command.id === undefined ? {} : { id: command.id }),
    ok: true,
    ...reply,
  } as ResultMessage<T>;
}
