/**
 * The page's one live session. Every widget asks `getSession()`; the first call starts it (the event panel,
 * a page widget, does so at page load). In the deck's print and speaker-preview modes nothing connects.
 *
 * What a widget may use (issue 7's composer, lab, bit editor and terminal build on these):
 * - `status` (phase connecting | live | reconnecting | offline, attempt, retryAt…), `welcome` (presets,
 *   maxPayload, heartbeatMs, role).
 * - `subscribe(listener)` → unsubscribe: told once per batch which of frames / timeline / status /
 *   connections changed, and `focus` when someone asks to see a frame. Draw in requestAnimationFrame.
 * - `store` (FrameStore: ring of StoredFrame `{ seq, connection, direction, t, decodedAt, frame, message }`,
 *   `counts` exact over everything seen, `at(i)`, `find(seq)`, `latest()`, `list(filter)`, `version`),
 *   `reads` (ReadTable: which TCP read/write each frame came from), `timeline` (TimelineEntry ring),
 *   `connections` / `connection(id)` (WireConnection: handshake bytes and heads, close frames, `deflate`).
 * - `echoConnection` (the server's id of this page's /echo socket), `echoState`, `deflate`.
 * - `send(text | bytes)`: a message on the echo socket (reopened on demand); its frames appear only when the
 *   tap reports them. `closeEcho(code, reason)`, `reopenEcho({ deflate })`.
 * - `command({ type: 'lab.…', … })` → Promise of `{ ok: true, …its reply's fields }` or `{ ok: false, code,
 *   message }` (never rejects): any /inspect command of src/shared/inspector/commands.ts, its fields and
 *   its reply typed by its `type`; the id is added here.
 * - `socketUrl(socket, query)`: the URL, with its single-use ticket, of any socket the page opens.
 * - `onBrowserEvent(listener)`: the browser API's own open / message / close(code, wasClean) / error for
 *   the echo socket (what the browser did, e.g. 1006 after a bad server frame), never used to draw frames.
 * - `focusFrame(seq)`, `clear()`, `frameDrawn(stored)` (wire-to-pixel samples in `latency`).
 * - `consent` (issue 11): a student's `sharing` and `share(on)`; the presenter's `visitors` (grouped by
 *   session, pushed on every change), `show(connection, on)` and `shown`; `room` in a change says it moved.
 */
import { LiveSession } from './liveSession.ts';

export type { CommandReply } from '../shared/inspector/commands.ts';
export type { SessionChange } from './changeBatcher.ts';
export { Consent } from './consent.ts';
export type { BrowserEvent, EchoSocketState } from './echoSocket.ts';
export type {
  FrameCounts,
  FrameFilter,
  InflatedMessage,
  MessageInfo,
  StoredFrame,
} from './frameStore.ts';
export { FrameStore, isDataFrame, matchesFilter } from './frameStore.ts';
export type { SessionPhase, SessionStatus } from './inspectorLink.ts';
export { LiveSession } from './liveSession.ts';
export type { ReadInfo, ReadSpan } from './readTable.ts';
export { preview, RecordPipeline } from './recordPipeline.ts';
export type { TimelineEntry } from './timeline.ts';
export type { ConnectionInfo, HandshakeSide, WireConnection } from './wireConnection.ts';

let session: LiveSession | null = null;

/** True where the deck shows captured examples only (print to PDF, the speaker view's previews). */
export function isStaticDeck(): boolean {
  return typeof location !== 'undefined' && /print-pdf|receiver/i.test(location.search);
}

const presenterKey = 'ws101.presenter';

/**
 * `?presenter=TOKEN` makes this page the presenter's: it sees the visitors, and the connections of those
 * who share. The token is taken out of the address bar at once (it would otherwise sit on the projector)
 * and kept for reloads of this tab.
 */
function presenterTokenFromPage(): string | null {
  if (typeof location === 'undefined') return null;
  const url = new URL(location.href);
  const given = url.searchParams.get('presenter');
  try {
    if (given) {
      sessionStorage.setItem(presenterKey, given);
      url.searchParams.delete('presenter');
      history.replaceState(history.state, '', url);
    }
    return given ?? sessionStorage.getItem(presenterKey);
  } catch {
    return given;
  }
}

export function getSession(): LiveSession {
  if (!session) {
    session = new LiveSession({
      presenterToken: presenterTokenFromPage(),
      // A refused token is not tried again at the next reload of this tab.
      onPresenterRefused: () => {
        try {
          sessionStorage.removeItem(presenterKey);
        } catch {
          // No storage: nothing was kept.
        }
      },
    });
    if (!isStaticDeck()) session.start();
    // For the e2e tests, the benchmark and the curious: the session is reachable from DevTools.
    Object.assign(window, { ws101Session: session });
  }
  return session;
}
