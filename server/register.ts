import { WebSocket } from 'ws';
import { preciseNow } from '../src/shared/clock.ts';
import { TokenBucket } from './admission/rateLimit.ts';
import type { LiveConnection } from './connections.ts';
import type { ServerContext } from './context.ts';
import { idleSweepWatches } from './endpoints/table.ts';
import type { IdleSweep } from './idleSweep.ts';
import { notice } from './inspect/records.ts';
import { closeCodeOfError } from './wsErrors.ts';

/** What a new connection is, besides what `register` fills in itself. */
export type NewConnection = Omit<LiveConnection, 'id' | 'openedAt' | 'watchers' | 'remote'> & {
  readonly id?: number;
};

export type Register = (fields: NewConnection) => LiveConnection;

/**
 * How every accepted connection, ours or a library's, is registered for the inspectors, under the guards
 * every connection gets (message rate, heartbeat, idle, and its bookkeeping undone at close).
 */
export function createRegister(context: ServerContext, idle: IdleSweep): Register {
  const { options, registry, log, sessions } = context;

  /** What every connection gets, whatever its endpoint. Listeners come first, before the endpoint's. */
  function guard(connection: LiveConnection): void {
    const { ws, id } = connection;
    const bucket = new TokenBucket(
      options.messagesPerSecond,
      options.messagesPerSecond,
      Date.now(),
      context.loopStalls,
    );
    ws.on('message', () => {
      if (bucket.take() || ws.readyState !== ws.OPEN) return;
      registry.emit(connection, notice(id, 'rate-limit', 'too many messages per second'));
      log.warn('rate limit', { id });
      ws.close(1008, 'message rate limit');
    });
    ws.on('error', (error: Error & { code?: string }) => {
      const closeCode = closeCodeOfError(error);
      registry.emit(connection, {
        kind: 'error',
        connection: id,
        t: preciseNow(),
        closeCode,
        errorCode: error.code ?? 'ERROR',
        message: error.message,
      });
      if (!connection.conform) log.info('error', { id, code: error.code, closeCode, message: error.message });
    });
    ws.on('close', (code: number, reason: Buffer) => {
      registry.emit(connection, {
        kind: 'close',
        connection: id,
        t: preciseNow(),
        code,
        reason: reason.toString(),
      });
      if (!connection.conform) log.info('close', { id, code, reason: reason.toString() || undefined });
      registry.remove(connection);
      context.heartbeat.untrack(connection);
      idle.untrack(connection);
      context.labClients.get(id)?.destroy();
      if (connection.session) sessions.release(connection.session);
    });
    // WebSocket-Node and socket.io keep their own heartbeats (what they put on the wire is what we show);
    // a polling exchange is HTTP and ends with its response.
    // Their send queues are bounded like ours all the same.
    context.heartbeat.track(connection, connection.ws instanceof WebSocket);
    if (idleSweepWatches(connection.endpoint)) idle.track(connection);
  }

  return (fields) => {
    const connection: LiveConnection = {
      ...fields,
      id: fields.id ?? fields.tap.connection,
      remote: fields.socket.remoteAddress ?? 'unknown',
      openedAt: preciseNow(),
      watchers: [],
    };
    guard(connection);
    registry.add(connection);
    if (connection.session) sessions.hold(connection.session);
    // A conformance run opens hundreds of short connections: its result says what happened on each.
    if (!connection.conform)
      log.info('open', {
        id: connection.id,
        path: connection.path,
        remote: connection.remote,
        session: connection.session?.label,
        lab: connection.lab || undefined,
        deflate: connection.deflate || undefined,
        subprotocol: connection.ws.protocol || undefined,
      });
    return connection;
  };
}
