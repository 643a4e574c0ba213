import { KeyedBuckets } from '../admission/keyedBuckets.ts';
import type { Session } from '../sessions.ts';

/** Bytes of output a sender may cause (what it sends × everyone who receives it), at once and per second. */
const outputPerSession = { burst: 1024 * 1024, perSecond: 128 * 1024 };
/** One address may hold several sessions (tabs): together they get a little more than one. */
const addressShare = 2;

export type Spend = { ok: true } | { ok: false; code: 'rate' | 'budget'; message: string };

/**
 * What chat members may cost the room, counted per session and per address (so neither more sockets nor
 * more sessions buy more): messages per ten seconds, and output bytes, since a message's cost is its size
 * times the members it is sent to. A member over either is refused with a notice; output refused is not
 * spent.
 */
export class ChatBudget {
  private readonly sessionMessages: KeyedBuckets<Session>;
  private readonly addressMessages: KeyedBuckets<string>;
  private readonly sessionOutput = new KeyedBuckets<Session>(
    outputPerSession.burst,
    outputPerSession.perSecond,
  );
  private readonly addressOutput = new KeyedBuckets<string>(
    addressShare * outputPerSession.burst,
    addressShare * outputPerSession.perSecond,
  );

  constructor(messagesPer10s: number) {
    this.sessionMessages = new KeyedBuckets(messagesPer10s, messagesPer10s / 10);
    this.addressMessages = new KeyedBuckets(
      addressShare * messagesPer10s,
      (addressShare * messagesPer10s) / 10,
    );
  }

  /**
   * One message received (whatever it turns out to be): taken before any work on it, so what is refused
   * for its content (control characters, a bad name) is bounded by the rate all the same.
   */
  takeMessage(session: Session, address: string, now = Date.now()): Spend {
    if (!this.sessionMessages.hasCredit(session, now) || !this.addressMessages.hasCredit(address, now)) {
      return { ok: false, code: 'rate', message: 'slow down: too many messages' };
    }
    this.sessionMessages.take(session, now);
    this.addressMessages.take(address, now);
    return { ok: true };
  }

  /** What sending `bytes` in all (a message times its recipients, a join's history) costs this sender. */
  spendOutput(session: Session, address: string, bytes: number, now = Date.now()): Spend {
    // One message to a very large room may cost more than a whole burst: it then costs the whole burst.
    const outputBytes = Math.min(bytes, outputPerSession.burst);
    if (
      !this.sessionOutput.hasCredit(session, now, outputBytes) ||
      !this.addressOutput.hasCredit(address, now, outputBytes)
    ) {
      return {
        ok: false,
        code: 'budget',
        message: 'slow down: your messages cost the room too many bytes (shorter ones, or wait a little)',
      };
    }
    this.sessionOutput.take(session, now, outputBytes);
    this.addressOutput.take(address, now, outputBytes);
    return { ok: true };
  }
}
