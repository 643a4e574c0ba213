import type { Bilingual } from '../protocol/index.ts';
import type { Behaviour, MeasuredBrowser, RfcRule } from './labExperiments.ts';

/**
 * How a lab run reads: against the RFC's rule (does this receiver follow it, depart where the RFC allows,
 * or break it?) and against what this receiver is known to do (the table's measurements). Pure: the page
 * and the browser-measuring script share it.
 */

/** What one run showed; `page` and the reasons are there when they were seen. */
export type Observation = Behaviour & {
  readonly messages?: number;
  readonly error?: boolean;
  /** The reason in the receiver's close frame, as the tap decoded it. */
  readonly closeReason?: string;
  /** The reason the page's `close` event carried. */
  readonly pageReason?: string;
};

export type RfcVerdict =
  | { readonly kind: 'follows' }
  /** Differs from the RFC's first choice where the RFC lets it (SHOULD, MAY). `why` names its section. */
  | { readonly kind: 'allowed'; readonly why: Bilingual }
  /** Breaks a MUST: the receiver does what the RFC forbids; the rule's section goes beside `why`. */
  | { readonly kind: 'breaks'; readonly why: Bilingual };

export function rfcVerdict(rule: RfcRule, seen: Behaviour): RfcVerdict {
  const { receiver } = rule;
  const pageClosed = seen.page !== undefined && seen.page !== 'open' ? seen.page : null;
  if (receiver.kind === 'accepts') {
    if (!seen.delivers || seen.closeFrame !== 'none' || pageClosed)
      return breaks(
        'the frames are valid, yet it did not take the message',
        '这些帧是合法的，它却没有接收消息',
      );
    return { kind: 'follows' };
  }
  if (receiver.kind === 'closes') {
    if (seen.closeFrame !== receiver.code || (pageClosed && pageClosed.code !== receiver.code))
      return breaks(
        `it should answer the close with close ${receiver.code}`,
        `它应该用关闭帧 ${receiver.code} 回应`,
      );
    return { kind: 'follows' };
  }
  // The RFC says: fail the connection (§7.1.7).
  if (seen.delivers)
    return breaks(
      'it delivered the message, where the receiver MUST fail the connection',
      '它交付了消息，而接收方必须断开连接',
    );
  if (seen.page === 'open')
    return breaks(
      'it kept the connection open, where the receiver MUST fail it',
      '它让连接保持打开，而接收方必须断开连接',
    );
  if (pageClosed?.clean)
    return breaks(
      `it reported a clean close (${pageClosed.code}), where the receiver MUST fail the connection, never clean (§7.1.7)`,
      `它报告了干净的关闭（${pageClosed.code}），而接收方必须断开连接，断开不会是干净的（§7.1.7）`,
    );
  if (seen.closeFrame === 'none')
    return allowed(
      `no close frame, TCP dropped: §7.1.7 allows it (close ${receiver.code} first is a SHOULD)`,
      `没有关闭帧，直接断开 TCP：§7.1.7 允许（先发关闭帧 ${receiver.code} 只是“应该”）`,
    );
  if (seen.closeFrame !== receiver.code)
    return allowed(
      `close ${seen.closeFrame ?? '(no code)'} where §7.4.1 names ${receiver.code} (a SHOULD)`,
      `关闭码 ${seen.closeFrame ?? '（无）'}，而 §7.4.1 对应的是 ${receiver.code}（“应该”，非必须）`,
    );
  return { kind: 'follows' };
}

/** The fields in which a run differs from what is known; empty when it matches. */
export function differences(known: Behaviour, seen: Behaviour): ('delivers' | 'closeFrame' | 'page')[] {
  const out: ('delivers' | 'closeFrame' | 'page')[] = [];
  if (known.delivers !== seen.delivers) out.push('delivers');
  if (known.closeFrame !== seen.closeFrame) out.push('closeFrame');
  if (known.page !== undefined && !samePage(known.page, seen.page)) out.push('page');
  return out;
}

function samePage(a: Behaviour['page'], b: Behaviour['page']): boolean {
  if (a === undefined || b === undefined || a === 'open' || b === 'open') return a === b;
  return a.code === b.code && a.clean === b.clean;
}

function breaks(en: string, zh: string): RfcVerdict {
  return { kind: 'breaks', why: { en, zh } };
}

function allowed(en: string, zh: string): RfcVerdict {
  return { kind: 'allowed', why: { en, zh } };
}

/** Which browser a page runs in, from its user agent; `known` is null for one the table has not measured. */
export type BrowserIdentity = {
  readonly known: MeasuredBrowser | null;
  /** A name to show: "Firefox 153", "Chromium 156", "Safari". */
  readonly name: string;
};

export function identifyBrowser(userAgent: string): BrowserIdentity {
  const firefox = /\bFirefox\/(\d+)/.exec(userAgent);
  if (firefox) return { known: 'firefox', name: `Firefox ${firefox[1]}` };
  // Edge, Opera and the like build on Chromium but were not measured: never assume.
  const other = /\b(Edg|OPR|SamsungBrowser|YaBrowser|Vivaldi)\/(\d+)/.exec(userAgent);
  if (other) return { known: null, name: `${other[1] === 'Edg' ? 'Edge' : other[1]} ${other[2]}` };
  const chrome = /\b(?:HeadlessChrome|Chrome|Chromium)\/(\d+)/.exec(userAgent);
  if (chrome) return { known: 'chromium', name: `Chromium ${chrome[1]}` };
  const safari = /\bVersion\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//.exec(userAgent);
  if (safari) return { known: null, name: `Safari ${safari[1]}` };
  return { known: null, name: userAgent.split(' ').at(-1)?.split('/')[0] || 'this browser' };
}
