import { deckCaseTable } from '../../src/conform/cases/index.ts';
import { findConformEndpoint } from '../../src/conform/endpoints.ts';
import { type CaseRun, runSuite } from '../../src/conform/net/runSuite.ts';
import { casePatternsMaxLength, selectCases } from '../../src/conform/select.ts';
import { directionBytes } from '../../src/conform/transcript.ts';
import { toHex } from '../../src/protocol/index.ts';
import type {
  CommandError,
  CommandId,
  ConformCaseJson,
  ConformCasesMessage,
  ConformRunJson,
} from '../../src/shared/inspector/protocol.ts';
import { type CapCounts, reserveRefusal } from '../admission/caps.ts';
import { TokenBucket } from '../admission/rateLimit.ts';
import type { ConnectionTickets } from '../admission/tickets.ts';
import type { ConnectionRegistry } from '../connections.ts';
import type { InspectorClient } from '../inspect/inspectorClient.ts';
import type { Session } from '../sessions.ts';

/** Bytes of one case the page gets, per direction, cut so a 256 KiB case stays small. */
const pageBytesPerCase = 2048;
/** Cases at once within one run: each on its own connection, all held against the visitor's address. */
export const conformCasesAtOnce = 8;
/** A run's connection is dialled right after its ticket is issued: an unused one is not kept long. */
const ticketMs = 5000;
/** Finished cases wait this long for company before they are sent. */
const partEveryMs = 100;
/** Runs a session may ask for at once, refused or not, then this many a second. */
export const conformStartsBurst = 4;
const conformStartsPerSecond = 0.5;

/**
 * What a run reads of the server (`ServerContext` has all of it; named here so that server/context.ts can
 * hold the runs without the two files importing each other).
 */
export type ConformRunContext = CapCounts & {
  readonly registry: CapCounts['registry'] & Pick<ConnectionRegistry, 'hold'>;
  readonly tickets: Pick<ConnectionTickets, 'forConform'>;
  /** Our own listening address: the suite dials it like a visitor's client would. */
  target(): { host: string; port: number; tls: boolean };
};

/**
 * The deck's conformance runs (`conform.run`): the server runs the suite against one of its own echo
 * endpoints, by id from an allow-list (src/conform/endpoints.ts), never a URL from the page.
 *
 * Bounded like the lab, and counted before the first `await`: one run at a time per session, `maxRuns`
 * on the server; a run holds room for its `conformCasesAtOnce` connections against the requesting
 * visitor's address (and the server's total) from its start to its end. Each connection carries a
 * single-use ticket (server/admission/tickets.ts) and names the server by its own address, so it passes the same
 * Host and ticket checks as a visitor's. A run stops starting cases when its page's inspector leaves.
 *
 * The cases go to the page that asked only, in `conform.cases` parts paced by that socket's bound
 * (`InspectorClient.sendPart`), then the run's `result`: a long run never floods the page's queue.
 */
export class ConformRuns {
  private readonly running = new Set<Session>();
  private casesRunning = 0;
  /** Each session's `conform.run` commands, counted before anything else they ask for is looked at. */
  private readonly starts = new WeakMap<Session, TokenBucket>();

  constructor(
    readonly maxRuns = 2,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs whose cases are still going (their results may still be on their way to the page). */
  get active(): number {
    return this.casesRunning;
  }

  async run(
    client: InspectorClient,
    command: { id?: CommandId; endpoint: string; cases?: string },
    context: ConformRunContext,
  ): Promise<ConformRunJson | { error: CommandError }> {
    const { registry } = context;
    const session = client.session;
    if (!session) return { error: { code: 'hello-first', message: 'say hello first' } };
    // Every cheap limit first (rate, busy, size, room), each checked and taken before the first await
    // (a burst of commands cannot race past it), and before any work the command asks for.
    if (!this.startsOf(session).take(this.now())) {
      return {
        error: {
          code: 'rate-limited',
          message: `at most ${conformStartsBurst} runs asked for at once, then one every ${1 / conformStartsPerSecond} s`,
        },
      };
    }
    if (this.running.has(session)) {
      return { error: { code: 'busy', message: 'a run of yours is still going: one at a time' } };
    }
    if (this.casesRunning >= this.maxRuns) {
      return {
        error: {
          code: 'server-busy',
          message: `the server runs at most ${this.maxRuns} suites at once; try again shortly`,
        },
      };
    }
    if ((command.cases?.length ?? 0) > casePatternsMaxLength) {
      return {
        error: {
          code: 'bad-cases',
          message: `case patterns longer than ${casePatternsMaxLength} characters`,
        },
      };
    }
    const address = client.address;
    const full = reserveRefusal(context, address, conformCasesAtOnce);
    if (full) {
      const message =
        full.cap === 'address'
          ? `a run needs room for ${conformCasesAtOnce} connections from your address`
          : full.message;
      return { error: { code: full.code, message } };
    }
    const endpoint = findConformEndpoint(command.endpoint);
    if (!endpoint) {
      return {
        error: {
          code: 'unknown-endpoint',
          message: `no conformance endpoint ${JSON.stringify(command.endpoint)}`,
        },
      };
    }
    const picked = selectCases(deckCaseTable, command.cases);
    if ('error' in picked) return { error: { code: 'bad-cases', message: picked.error } };
    this.running.add(session);
    this.casesRunning++;
    const hold = registry.hold(address, conformCasesAtOnce);
    const stop = new AbortController();
    const pageLeft = () => stop.abort();
    client.ws.once('close', pageLeft);
    let casesOver = false;
    // The cases are over: the server-wide slot and the address's room go back at once, delivered or not.
    const endCases = () => {
      if (casesOver) return;
      casesOver = true;
      this.casesRunning--;
      hold.release();
      client.ws.off('close', pageLeft);
    };

    const total = picked.cases.length;
    const outbox = new Outbox(client, (cases, done) => ({
      type: 'conform.cases',
      ...(command.id === undefined ? {} : { id: command.id }),
      endpoint: endpoint.id,
      done,
      total,
      cases,
    }));
    try {
      const { host, port, tls } = context.target();
      const hostText = host.includes(':') ? `[${host}]` : host;
      const run = await runSuite({
        target: {
          url: `${tls ? 'wss' : 'ws'}://${hostText}:${port}${endpoint.path}`,
          secure: tls,
          // Our own certificate names the LAN address or name, not the loopback address we dial.
          insecure: tls,
          host,
          port,
          path: endpoint.path,
          ...(endpoint.protocols ? { protocols: endpoint.protocols } : {}),
          pathForConnection: ({ offersExtensions }) => {
            const ticket = context.tickets.forConform(session, address, endpoint.socket, ticketMs);
            const path = offersExtensions && endpoint.deflatePath ? endpoint.deflatePath : endpoint.path;
            return `${path}${path.includes('?') ? '&' : '?'}ticket=${ticket}`;
          },
        },
        cases: picked.cases,
        concurrency: conformCasesAtOnce,
        signal: stop.signal,
        onCase: (caseRun) => outbox.add(caseJson(caseRun)),
      });
      endCases();
      if (!(await outbox.finish())) return { error: { code: 'gone', message: 'the page stopped reading' } };
      return {
        endpoint: endpoint.id,
        path: endpoint.path,
        durationMs: Math.round(run.durationMs),
        total: run.runs.length,
      };
    } catch (error) {
      void outbox.finish();
      return { error: { code: 'conform-failed', message: (error as Error).message } };
    } finally {
      endCases();
      this.running.delete(session);
    }
  }

  private startsOf(session: Session): TokenBucket {
    let bucket = this.starts.get(session);
    if (!bucket) {
      bucket = new TokenBucket(conformStartsBurst, conformStartsPerSecond, this.now());
      this.starts.set(session, bucket);
    }
    return bucket;
  }
}

/**
 * Finished cases on their way to the page, in parts of at most `client.partBytes`, each sent when the
 * page's socket has drained (`InspectorClient.sendPart`). Memory is bounded by the case table: every
 * case is cut to `pageBytesPerCase` a side.
 */
class Outbox {
  private readonly waiting: { json: ConformCaseJson; size: number }[] = [];
  private sent = 0;
  private over = false;
  private wake: (() => void) | null = null;
  private readonly pumping: Promise<boolean>;

  constructor(
    private readonly client: InspectorClient,
    private readonly part: (cases: ConformCaseJson[], done: number) => ConformCasesMessage,
  ) {
    this.pumping = this.pump();
  }

  add(json: ConformCaseJson): void {
    this.waiting.push({ json, size: JSON.stringify(json).length });
    this.wake?.();
  }

  /** No more cases: resolves once every part is sent (true), or the page went away (false). */
  finish(): Promise<boolean> {
    this.over = true;
    this.wake?.();
    return this.pumping;
  }

  private async pump(): Promise<boolean> {
    for (;;) {
      if (this.waiting.length === 0) {
        if (this.over) return true;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = null;
        // Finished cases wait a moment for company: fewer, fuller parts, fewer redraws in the page.
        if (!this.over) await new Promise((resolve) => setTimeout(resolve, partEveryMs));
        continue;
      }
      const cases = this.take(this.client.partBytes);
      this.sent += cases.length;
      if (!(await this.client.sendPart(this.part(cases, this.sent)))) return false;
    }
  }

  /** As many waiting cases as fit in `bytes`, at least one. */
  private take(bytes: number): ConformCaseJson[] {
    let size = 0;
    let count = 0;
    while (count < this.waiting.length && (count === 0 || size + this.waiting[count]!.size <= bytes)) {
      size += this.waiting[count]!.size;
      count++;
    }
    return this.waiting.splice(0, count).map((waiting) => waiting.json);
  }
}

/** One case for the page: its verdict, and the bytes that crossed, cut at `pageBytesPerCase` a side. */
function caseJson({ def, verdict, observation }: CaseRun): ConformCaseJson {
  const budget = { s: pageBytesPerCase, r: pageBytesPerCase };
  const chunks: { d: 's' | 'r'; at: number; hex: string }[] = [];
  for (const chunk of observation.transcript) {
    const d = chunk.direction === 'sent' ? 's' : 'r';
    if (budget[d] <= 0) continue;
    const kept = chunk.bytes.subarray(0, budget[d]);
    budget[d] -= kept.length;
    chunks.push({ d, at: Math.round(chunk.at * 10) / 10, hex: toHex(kept) });
  }
  return {
    id: def.id,
    result: verdict.result,
    close: verdict.close,
    ...(verdict.closeWhy === undefined ? {} : { closeWhy: verdict.closeWhy }),
    expected: verdict.expected,
    observed: verdict.observed,
    ...(verdict.why === undefined ? {} : { why: verdict.why }),
    durationMs: Math.round(observation.durationMs),
    chunks,
    sentBytes: directionBytes(observation.transcript, 'sent', 0).total,
    receivedBytes: directionBytes(observation.transcript, 'received', 0).total,
  };
}
