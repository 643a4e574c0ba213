import { io, type Socket } from 'socket.io-client';
import type { RunningServer } from '../../../server/server.ts';
import { parseHttpHead, WireDecoder } from '../../../src/protocol/index.ts';
import type { JsonRecord, TestInspector } from '../helpers.ts';

/**
 * A socket.io client of our server, on the given transports; given an inspector, joined to its session by
 * a ticket that inspector asked for (the client repeats it on every request; only the first claims it).
 */
export async function socketIoClient(
  server: RunningServer,
  inspector: TestInspector | null,
  transports: ('polling' | 'websocket')[],
): Promise<Socket> {
  const ticket = inspector ? await inspector.ticket('socket.io') : null;
  const socket = io(`http://127.0.0.1:${server.port}`, {
    transports,
    ...(ticket ? { query: { ticket } } : {}),
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** The text and binary messages one side sent on a tapped WebSocket, decoded from the tap's bytes. */
export function wsMessages(inspector: TestInspector, connection: number, kind: 'read' | 'write') {
  const bytes = inspector.bytes(connection, kind);
  const head = parseHttpHead(bytes);
  if (!head) return [];
  const output = new WireDecoder({ sender: kind === 'read' ? 'client' : 'server' }).push(head.rest);
  return output.events.flatMap((event) =>
    event.kind === 'message'
      ? [event.opcode === 1 ? new TextDecoder().decode(event.payload) : new Uint8Array(event.payload)]
      : [],
  );
}

/** The bodies of one polling exchange, request and response, from the tap's bytes. */
export function exchangeBodies(inspector: TestInspector, connection: number) {
  const body = (kind: 'read' | 'write') => {
    const bytes = inspector.bytes(connection, kind);
    const head = parseHttpHead(bytes);
    return head ? new TextDecoder().decode(head.rest) : '';
  };
  return { request: body('read'), response: body('write') };
}

export function opens(inspector: TestInspector, endpoint: string): JsonRecord[] {
  return inspector.records.filter((r) => r.kind === 'open' && r.endpoint === endpoint);
}
