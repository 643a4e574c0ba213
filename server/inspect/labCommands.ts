import type {
  BytesFields,
  CommandOf,
  CommandOutcome,
  CommandType,
  ReplyOf,
} from '../../src/shared/inspector/commands.ts';
import type { CommandError } from '../../src/shared/inspector/protocol.ts';
import { reserveRefusal } from '../admission/caps.ts';
import type { LiveConnection } from '../connections.ts';
import type { ServerContext } from '../context.ts';
import { openLabClient } from '../lab/labClient.ts';
import { findPreset, type LabDirection, presetBytes } from '../lab/presets.ts';
import type { Session } from '../sessions.ts';
import { decodeBytes } from './commandBytes.ts';
import type { InspectorClient } from './inspectorClient.ts';

type LabCommandType = Extract<CommandType, `lab.${string}`>;
type LabCommand = CommandOf<LabCommandType>;

const maxLabClientsPerSession = 4;
const notFound: { error: CommandError } = {
  error: { code: 'not-found', message: 'no such connection in your session' },
};

/** Resolves a command's bytes; presets are built for the direction they will travel. */
function bytesFor(
  source: BytesFields,
  direction: LabDirection,
  context: ServerContext,
): Buffer | CommandError {
  if (source.preset !== undefined) {
    const preset = findPreset(source.preset);
    if (!preset)
      return { code: 'unknown-preset', message: `no preset named ${JSON.stringify(source.preset)}` };
    return presetBytes(preset, direction, context.options.maxPayload);
  }
  return decodeBytes(source, context.options.maxPayload + 14);
}

/**
 * The frame lab. Every command names a connection, and acts only when that connection belongs to the
 * requester's own session: another visitor's connection is answered exactly like one that does not
 * exist, so ids reveal nothing either.
 */
export async function runLabCommand(
  client: InspectorClient,
  command: LabCommand,
  context: ServerContext,
): Promise<CommandOutcome<LabCommandType>> {
  if (command.type === 'lab.clientOpen') return openClient(client, command, context);
  const connection = context.registry.connections.get(command.connection);
  if (!connection || !client.owns(connection)) return notFound;

  switch (command.type) {
    case 'lab.serverWrite': {
      if (connection.endpoint !== 'echo') {
        return { error: { code: 'not-echo', message: 'raw server bytes go on /echo connections only' } };
      }
      if (connection.ws.readyState !== connection.ws.OPEN) return { error: closing };
      if (connection.ws.bufferedAmount > context.options.sendQueueLimit) return { error: backlog };
      const bytes = bytesFor(command, 'to-browser', context);
      if (!Buffer.isBuffer(bytes)) return { error: bytes };
      // Whole frames from ws are written synchronously, so these bytes land between two of them.
      connection.socket.write(bytes);
      return { ok: { bytes: bytes.length } satisfies ReplyOf<'lab.serverWrite'> };
    }
    case 'lab.clientWrite': {
      const labClient = context.labClients.get(connection.id);
      if (!labClient)
        return { error: { code: 'not-lab', message: 'client bytes go on lab connections only' } };
      if (labClient.socket.writableLength > context.options.sendQueueLimit) return { error: backlog };
      const bytes = bytesFor(command, 'to-server', context);
      if (!Buffer.isBuffer(bytes)) return { error: bytes };
      labClient.write(bytes);
      return { ok: { bytes: bytes.length } satisfies ReplyOf<'lab.clientWrite'> };
    }
    case 'lab.ping': {
      const payload = command.preset === undefined ? decodeBytes(command, 125) : undefined;
      if (!Buffer.isBuffer(payload)) {
        return { error: payload ?? { code: 'bad-bytes', message: 'a ping payload is bytes, not a preset' } };
      }
      if (connection.ws.readyState !== connection.ws.OPEN) return { error: closing };
      context.heartbeat.notePing(connection, payload);
      connection.ws.ping(payload);
      return { ok: { bytes: payload.length } satisfies ReplyOf<'lab.ping'> };
    }
    case 'lab.close':
      return closeConnection(connection, command.code, command.reason ?? '');
  }
}

const closing: CommandError = { code: 'closing', message: 'the connection is already closing' };
const backlog: CommandError = {
  code: 'backlog',
  message: 'the other end is not reading: wait until what was written has been read',
};

function closeConnection(
  connection: LiveConnection,
  code: number | undefined,
  reason: string,
): CommandOutcome<'lab.close'> {
  if (connection.ws.readyState !== connection.ws.OPEN) return { error: closing };
  try {
    // ws refuses codes that may not be sent (1005, 1006, …) and reasons over 123 bytes: §5.5, §7.4.
    connection.ws.close(code, reason);
  } catch (error) {
    return { error: { code: 'bad-close', message: (error as Error).message } };
  }
  return { ok: {} };
}

async function openClient(
  client: InspectorClient,
  command: CommandOf<'lab.clientOpen'>,
  context: ServerContext,
): Promise<CommandOutcome<'lab.clientOpen'>> {
  const { lab } = context;
  const session = client.session;
  if (!session) return notFound;
  // Every count is checked and taken before the first await: a burst of commands cannot race past it.
  if (lab.countFor(session) >= maxLabClientsPerSession) {
    return {
      error: { code: 'too-many', message: `at most ${maxLabClientsPerSession} lab connections per page` },
    };
  }
  const full = reserveRefusal(context, client.address, 1);
  if (full) return { error: { code: full.code, message: full.message } };
  const reservation = lab.reserve(session, client.address);
  try {
    return await connectLabClient(command, session, client, context);
  } finally {
    reservation.release();
  }
}

async function connectLabClient(
  command: CommandOf<'lab.clientOpen'>,
  session: Session,
  client: InspectorClient,
  context: ServerContext,
): Promise<CommandOutcome<'lab.clientOpen'>> {
  const { ticket, arrived } = context.tickets.forLab(session, client.address, client.page, 5000);
  const { host, port, tls } = context.target();
  const path = `/echo?ticket=${ticket}${command.deflate === true ? '&deflate=1' : ''}`;
  const subprotocol = command.subprotocol ?? 'echo-protocol';
  const labClient = await openLabClient({
    host,
    port,
    path,
    subprotocol,
    deflate: command.deflate === true,
    tls,
  });
  if (!('socket' in labClient)) {
    context.tickets.withdraw(ticket);
    return { error: { code: 'lab-failed', message: labClient.error } };
  }
  const connection = await arrived;
  if (!connection) {
    labClient.destroy();
    return { error: { code: 'lab-failed', message: 'the lab connection did not arrive' } };
  }
  if (labClient.socket.destroyed)
    return { error: { code: 'lab-failed', message: 'the lab connection closed' } };
  // Held by the session, not by this inspector: one listener per lab socket, none per command.
  context.lab.adopt(session, connection.id, labClient);
  return { ok: { connection: connection.id } };
}
