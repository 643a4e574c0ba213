import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A page's session: the /inspect sockets and the connections that page opened. Its `token` is 128
 * random bits from the CSPRNG, minted only by the server (a client cannot choose one, so it cannot fix
 * or guess another visitor's): sent in `hello` on /inspect, it lets a page see and drive its connections.
 * It never travels on a tapped connection, so it never shows on a projected inspector. The page's own
 * sockets join the session with single-use tickets (server/admission/tickets.ts), never with a key in the URL.
 */
export type Session = {
  readonly token: string;
  /** A short label for the presenter's view, derived so that it reveals nothing. */
  readonly label: string;
  lastUsed: number;
  /** Open inspector sockets and WebSocket connections that belong to this session. */
  holders: number;
  /** The visitor chose "share my connection with the presenter's screen" (and may stop at any time). */
  sharing: boolean;
};

/**
 * Every session, by token. Those nobody holds (no open socket) are also kept in `idle`, in the order they
 * were last used: a Map iterates in insertion order, and a use moves a session to the end. So the longest
 * unused is always the first, and each mint does O(1) work (amortized: each expiry is paid for by the mint
 * that made the session): no copy and no sort of ten thousand sessions when the store is at its cap.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly idle = new Set<Session>();

  constructor(
    private readonly maxSessions = 10_000,
    private readonly idleMs = 30 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  mint(): Session {
    this.forgetIdle();
    const token = randomBytes(16).toString('base64url');
    const session: Session = {
      token,
      label: createHash('sha256').update(token).digest('base64url').slice(0, 6),
      lastUsed: this.now(),
      holders: 0,
      sharing: false,
    };
    this.sessions.set(session.token, session);
    this.idle.add(session);
    return session;
  }

  /** The session for a token, or null: an unknown or expired token resumes nothing. */
  find(token: string | null | undefined): Session | null {
    if (!token || token.length > 64) return null;
    const session = this.sessions.get(token) ?? null;
    if (session) this.used(session);
    return session;
  }

  /** Mint when unknown: a page that comes back after a restart simply gets a fresh session. */
  resumeOrMint(token: string | null | undefined): { session: Session; resumed: boolean } {
    const found = this.find(token);
    return found ? { session: found, resumed: true } : { session: this.mint(), resumed: false };
  }

  hold(session: Session): void {
    session.holders++;
    this.used(session);
  }

  release(session: Session): void {
    session.holders = Math.max(0, session.holders - 1);
    this.used(session);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Sessions nobody holds: the ones expiry and the cap may forget. */
  get idleCount(): number {
    return this.idle.size;
  }

  /** A session was used: its clock restarts, and if nobody holds it, it goes to the end of `idle`. */
  private used(session: Session): void {
    session.lastUsed = this.now();
    this.idle.delete(session);
    if (session.holders === 0 && this.sessions.get(session.token) === session) this.idle.add(session);
  }

  /** Memory stays bounded: sessions nobody holds expire, and past the cap the longest unused go first. */
  private forgetIdle(): void {
    const now = this.now();
    for (const oldest of this.idle) {
      const expired = now - oldest.lastUsed > this.idleMs;
      if (!expired && this.sessions.size < this.maxSessions) return;
      this.forget(oldest);
    }
  }

  private forget(session: Session): void {
    this.sessions.delete(session.token);
    this.idle.delete(session);
  }
}

/** Constant-time comparison, so the presenter token cannot be found a character at a time. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
