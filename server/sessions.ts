import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A page's session: the /inspect sockets and the connections that page opened. Its `token` is 128
 * random bits from the CSPRNG, minted only by the server (a client cannot choose one, so it cannot fix
 * or guess another visitor's): sent in `hello` on /inspect, it lets a page see and drive its connections.
 * It never travels on a tapped connection, so it never shows on a projected inspector. The page's own
 * sockets join the session with single-use tickets (server/tickets.ts), never with a key in the URL.
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

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly maxSessions = 10_000,
    private readonly idleMs = 30 * 60_000,
  ) {}

  mint(): Session {
    this.forgetIdle();
    const token = randomBytes(16).toString('base64url');
    const session: Session = {
      token,
      label: createHash('sha256').update(token).digest('base64url').slice(0, 6),
      lastUsed: Date.now(),
      holders: 0,
      sharing: false,
    };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The session for a token, or null: an unknown or expired token resumes nothing. */
  find(token: string | null | undefined): Session | null {
    if (!token || token.length > 64) return null;
    const session = this.sessions.get(token) ?? null;
    if (session) session.lastUsed = Date.now();
    return session;
  }

  /** Mint when unknown: a page that comes back after a restart simply gets a fresh session. */
  resumeOrMint(token: string | null | undefined): { session: Session; resumed: boolean } {
    const found = this.find(token);
    return found ? { session: found, resumed: true } : { session: this.mint(), resumed: false };
  }

  hold(session: Session): void {
    session.holders++;
    session.lastUsed = Date.now();
  }

  release(session: Session): void {
    session.holders = Math.max(0, session.holders - 1);
    session.lastUsed = Date.now();
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Memory stays bounded: sessions nobody holds expire, and past the cap the longest unused go first. */
  private forgetIdle(): void {
    const now = Date.now();
    for (const session of this.sessions.values()) {
      if (session.holders === 0 && now - session.lastUsed > this.idleMs) this.forget(session);
    }
    if (this.sessions.size < this.maxSessions) return;
    const idle = [...this.sessions.values()]
      .filter((s) => s.holders === 0)
      .sort((a, b) => a.lastUsed - b.lastUsed);
    for (const session of idle.slice(0, this.sessions.size - this.maxSessions + 1)) this.forget(session);
  }

  private forget(session: Session): void {
    this.sessions.delete(session.token);
  }
}

/** Constant-time comparison, so the presenter token cannot be found a character at a time. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
