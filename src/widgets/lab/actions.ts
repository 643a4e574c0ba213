import { concatBytes, encodeFrame, Opcode, toHex } from '../../protocol/index.ts';
import type { BrowserEvent, CommandReply, LiveSession } from '../../session/index.ts';
import type { Observation } from '../../shared/labVerdict.ts';
import { fragmentText } from '../terminal/commands.ts';

/**
 * What the composer, the lab and the terminal ask of the server's frame lab (docs/inspector-protocol.md).
 * Every frame they cause is seen the same way as any other: in the tap, decoded by the page.
 */

const waitLimitMs = 5000;

/** Resolves when `test` holds for the session, checking on every change; null after `limitMs`. */
export function when<T>(
  session: LiveSession,
  test: () => T | null | undefined,
  limitMs = waitLimitMs,
): Promise<T | null> {
  const now = test();
  if (now !== null && now !== undefined) return Promise.resolve(now);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(null);
    }, limitMs);
    const stop = session.subscribe(() => {
      const value = test();
      if (value === null || value === undefined) return;
      clearTimeout(timer);
      stop();
      resolve(value);
    });
  });
}

/** The server's id of the page's echo connection, opening a new echo socket when the old one has closed. */
export async function echoConnection(session: LiveSession): Promise<number | null> {
  if (session.echoState === 'closed' || session.echoState === 'none' || session.echoState === 'closing') {
    session.reopenEcho();
  }
  return when(session, () => (session.echoState === 'open' ? session.echoConnection : null));
}

const offline: CommandReply = {
  ok: false,
  code: 'offline',
  message: 'no echo connection (is the server running?)',
};

/** Crafted bytes on a connection make its violations the experiment's result, not an alarm (the event panel). */
function markLabWrite(session: LiveSession, connection: number): void {
  const known = session.connection(connection);
  if (known) known.labWritten = true;
}

/** Server → browser: the server writes these bytes (or a named experiment's) raw on the page's echo socket. */
export async function writeToBrowser(
  session: LiveSession,
  bytes: Uint8Array | { preset: string },
): Promise<CommandReply> {
  const connection = await echoConnection(session);
  if (connection === null) return offline;
  const source = bytes instanceof Uint8Array ? { hex: toHex(bytes) } : bytes;
  markLabWrite(session, connection);
  return session.command({ type: 'lab.serverWrite', connection, ...source });
}

/** The server sends this page's browser a text message in `parts` fragments (browsers cannot send fragments). */
export function fragmentsToBrowser(session: LiveSession, text: string, parts: number): Promise<CommandReply> {
  const pieces = fragmentText(text, parts);
  const frames = pieces.map((payload, i) =>
    encodeFrame({
      opcode: i === 0 ? Opcode.text : Opcode.continuation,
      fin: i === pieces.length - 1,
      payload,
    }),
  );
  return writeToBrowser(session, concatBytes(frames));
}

/** The server pings the page's echo connection now (browsers answer pings; they cannot send them). */
export async function pingNow(session: LiveSession, payload: string): Promise<CommandReply> {
  const connection = await echoConnection(session);
  if (connection === null) return offline;
  return session.command({ type: 'lab.ping', connection, text: payload });
}

/** The server's WebSocket closes the page's echo connection with this code and reason (ws's own close). */
export async function closeFromServer(
  session: LiveSession,
  close: { code: number; reason: string },
): Promise<CommandReply> {
  const connection = await echoConnection(session);
  if (connection === null) return offline;
  return session.command({ type: 'lab.close', connection, code: close.code, reason: close.reason });
}

/** The page's handle on its lab connection (the server's raw client to its /echo, see server/lab/labClient.ts): opens it on demand and sends it bytes. */
export class LabActions {
  private connection: number | null = null;

  constructor(private readonly session: LiveSession) {}

  /** The lab connection's id, opening one when there is none or the last one has closed. */
  async open(): Promise<number | CommandReply> {
    const current = this.connection === null ? undefined : this.session.connection(this.connection);
    if (current && !current.closed && !current.closeFrames.server && !current.closeFrames.client)
      return this.connection!;
    const reply = await this.session.command({ type: 'lab.clientOpen', deflate: false });
    if (!reply.ok) return reply;
    this.connection = Number(reply.connection);
    return this.connection;
  }

  /** Writes client bytes (or a named experiment's, masked by the server) on a lab connection. */
  async write(
    bytes: Uint8Array | { preset: string },
  ): Promise<{ reply: CommandReply; connection: number | null }> {
    const connection = await this.open();
    if (typeof connection !== 'number') return { reply: connection, connection: null };
    const source = bytes instanceof Uint8Array ? { hex: toHex(bytes) } : bytes;
    markLabWrite(this.session, connection);
    return {
      reply: await this.session.command({ type: 'lab.clientWrite', connection, ...source }),
      connection,
    };
  }
}

/** What the server did with a lab connection's frames: its close frame as decoded from the tap, if any. */
export function serverClose(
  session: LiveSession,
  connection: number,
): { code: number | null; reason: string } | null {
  const close = session.connection(connection)?.closeFrames.server;
  return close ? { code: close.code, reason: close.reason } : null;
}

/** Collects the browser's own events on its echo socket for a while: what it did with injected bytes. */
export function watchBrowser(session: LiveSession, quietMs = 700): Promise<BrowserEvent[]> {
  const events: BrowserEvent[] = [];
  return new Promise((resolve) => {
    let timer = setTimeout(finish, quietMs * 3);
    const stop = session.onBrowserEvent((event) => {
      events.push(event);
      clearTimeout(timer);
      timer = setTimeout(finish, event.type === 'close' ? 50 : quietMs);
    });
    function finish() {
      stop();
      resolve(events);
    }
  });
}

/**
 * Bytes the server writes to this page's browser, and what the browser did with them: its API's events
 * and, read from the tap, the close frame it put on the wire (or none). A connection the bytes killed is
 * replaced by a new echo socket, so the page goes on.
 */
export async function observeBrowser(
  session: LiveSession,
  send: () => Promise<CommandReply>,
): Promise<{ reply: CommandReply; connection: number | null; seen: Observation | null }> {
  const connection = await echoConnection(session);
  if (connection === null) return { reply: offline, connection, seen: null };
  const watching = watchBrowser(session);
  const reply = await send();
  if (!reply.ok) return { reply, connection, seen: null };
  const events = await watching;
  const close = events.find((event) => event.type === 'close');
  // The tap's word on how the TCP connection ended comes a moment after the browser's close event.
  if (close) await when(session, () => session.connection(connection)?.closed, 2000);
  const wire = session.connection(connection)?.closeFrames.client;
  if (session.echoState === 'closed' || session.echoState === 'closing') session.reopenEcho();
  const messages = events.filter((event) => event.type === 'message').length;
  return {
    reply,
    connection,
    seen: {
      delivers: messages > 0,
      messages,
      error: events.some((event) => event.type === 'error'),
      closeFrame: wire ? wire.code : 'none',
      closeReason: wire?.reason ?? '',
      page: close?.type === 'close' ? { code: close.code, clean: close.wasClean } : 'open',
      pageReason: close?.type === 'close' ? close.reason : '',
    },
  };
}

/** Client bytes on a lab connection, and what the server (ws) did: its close frame from the tap, its echo. */
export async function observeServer(
  session: LiveSession,
  lab: LabActions,
  bytes: Uint8Array,
): Promise<{ reply: CommandReply; connection: number | null; seen: Observation | null }> {
  const after = session.timeline.list().at(-1)?.id ?? 0;
  const { reply, connection } = await lab.write(bytes);
  if (!reply.ok || connection === null) return { reply, connection, seen: null };
  const close = await when(session, () => serverClose(session, connection), 1500);
  const echoed = session.timeline
    .list()
    .filter(
      (entry) =>
        entry.id > after &&
        entry.connection === connection &&
        entry.kind === 'message' &&
        entry.direction === 'server',
    ).length;
  return {
    reply,
    connection,
    seen: {
      delivers: echoed > 0,
      messages: echoed,
      closeFrame: close ? close.code : 'none',
      closeReason: close?.reason ?? '',
    },
  };
}
