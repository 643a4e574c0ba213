import { type InspectorCommand, inspectorProtocolVersion } from '../../src/shared/inspector/protocol.ts';
import { parseCommand } from '../../src/shared/inspector/validate.ts';
import type { LiveConnection } from '../connections.ts';
import type { ServerContext } from '../context.ts';
import { labPresets, presetSummary } from '../lab/presets.ts';
import { followVisitors } from '../room/visitors.ts';
import { tokensEqual } from '../sessions.ts';
import { InspectorClient } from './inspectorClient.ts';
import { runLabCommand } from './labCommands.ts';
import { followTallies, isRoomSocialCommand, runRoomSocialCommand } from './roomCommands.ts';

/**
 * /inspect: a page says hello (minting or resuming its session), then receives the tap records of the
 * connections it may see, and sends lab commands. Nothing but `hello` is accepted before `hello`.
 */
export function acceptInspector(connection: LiveConnection, context: ServerContext): void {
  const { registry, sessions, options } = context;
  const client = new InspectorClient(connection.ws, options.inspectorBufferLimit, (c) => c.session?.label);
  registry.addWatcher(client);
  connection.ws.on('close', () => {
    registry.removeWatcher(client);
    if (client.session) sessions.release(client.session);
  });
  connection.ws.on('message', (data, isBinary) => {
    if (isBinary) {
      client.reply({ type: 'error', code: 'bad-json', message: 'send JSON in text frames' });
      return;
    }
    const parsed = parseCommand(data.toString());
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
      if (
        command.presenterToken !== undefined &&
        !tokensEqual(command.presenterToken, context.presenterToken)
      ) {
        client.reply({ type: 'error', ...id, code: 'bad-presenter-token', message: 'wrong presenter token' });
        return;
      }
      const { session, resumed } = sessions.resumeOrMint(command.session);
      sessions.hold(session);
      client.session = session;
      client.page = command.page ?? null;
      client.role = command.presenterToken === undefined ? 'visitor' : 'presenter';
      // The presenter's pages follow the room's exercise tallies and its visitors until their inspector closes.
      if (client.role === 'presenter') {
        client.ws.once('close', followTallies(client, context));
        client.ws.once('close', followVisitors(client, context));
      }
      client.reply({
        type: 'welcome',
        ...id,
        protocol: inspectorProtocolVersion,
        session: session.token,
        join: session.joinKey,
        resumed,
        role: client.role,
        label: session.label,
        sharing: session.sharing,
        serverTime: Date.now(),
        maxPayload: context.options.maxPayload,
        heartbeatMs: context.options.heartbeatMs,
        presets: labPresets.map(presetSummary),
        connections: registry.visibleTo(client).map((c) => client.summary(c)),
      });
      if (command.watch) {
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
      client.reply({ type: 'result', ...id, ok: true });
      return;
    }
    case 'list':
      client.reply({
        type: 'connections',
        ...id,
        connections: registry.visibleTo(client).map((c) => client.summary(c)),
      });
      return;
    default: {
      const result = isRoomSocialCommand(command)
        ? runRoomSocialCommand(client, command, context)
        : await runLabCommand(client, command, context);
      if ('ok' in result) client.reply({ type: 'result', ...id, ok: true, ...result.ok });
      else client.reply({ type: 'error', ...id, ...result.error });
    }
  }
}
