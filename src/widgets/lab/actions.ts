import { concatBytes, encodeFrame, Opcode, toHex } from '../../protocol/index.ts';
import type { BrowserEvent, CommandReply, LiveSession } from '../../session/index.ts';
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

/** Server → browser: the server writes these bytes (or a named experiment's) raw on the page's echo socket. */
export async function writeToBrowser(
  session: LiveSession,
  bytes: Uint8Array | { preset: string },
): Promise<CommandReply> {
  const connection = await echoConnection(session);
  if (connection === null) return offline;
  const source = bytes instanceof Uint8Array ? { hex: toHex(bytes) } : bytes;
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
