import type { LiveConnection } from '../connections.ts';
import type { EventRecord } from './records.ts';

/** What an inspector is told about a connection: never its session token, never another's secrets. */
export function connectionSummary(connection: LiveConnection, owner?: string) {
  return {
    connection: connection.id,
    endpoint: connection.endpoint,
    path: connection.path,
    lab: connection.lab,
    deflate: connection.deflate,
    subprotocol: connection.ws.protocol,
    extensions: connection.ws.extensions,
    remote: connection.remote,
    openedAt: connection.openedAt,
    ...(owner === undefined ? {} : { owner }),
  };
}

export function openRecord(connection: LiveConnection, owner?: string): EventRecord {
  const { openedAt, connection: id, ...rest } = connectionSummary(connection, owner);
  return { kind: 'open', connection: id, t: openedAt, ...rest };
}
