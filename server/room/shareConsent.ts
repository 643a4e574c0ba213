import { KeyedBuckets } from '../admission/keyedBuckets.ts';
import type { ConnectionRegistry } from '../connections.ts';
import type { Session } from '../sessions.ts';

/** Changes of mind a visitor may make at once, and how fast that credit comes back. */
const perSession = { burst: 4, perSecond: 1 / 5 };
/** Every session of one address together (one visitor may open many tabs). */
const perAddress = { burst: 12, perSecond: 1 / 2 };

export type ShareOutcome = { sharing: boolean } | { error: { code: string; message: string } };

/**
 * A visitor's consent to share its connections with the presenter's screen (issue 11). Each change costs
 * the server a pass over that session's connections and the presenter a new visitors list, so changes are
 * rate-limited per session and per address; saying what is already so is free and changes nothing.
 */
export class ShareConsent {
  private readonly sessions = new KeyedBuckets<Session>(perSession.burst, perSession.perSecond);
  private readonly addresses = new KeyedBuckets<string>(perAddress.burst, perAddress.perSecond);

  constructor(private readonly registry: ConnectionRegistry) {}

  set(session: Session, address: string, on: boolean, now = Date.now()): ShareOutcome {
    if (session.sharing === on) return { sharing: on };
    if (!this.sessions.hasCredit(session, now) || !this.addresses.hasCredit(address, now)) {
      return {
        error: { code: 'rate', message: 'sharing was switched too often: try again in a few seconds' },
      };
    }
    this.sessions.take(session, now);
    this.addresses.take(address, now);
    // Consent belongs to the visitor: the whole session (every tab) shares or stops, whatever its role.
    session.sharing = on;
    // The presenter's view follows at once: shared connections become visible, unshared ones go.
    this.registry.consentChanged(session);
    return { sharing: on };
  }
}
