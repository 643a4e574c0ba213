import type { Bilingual } from '../../protocol/index.ts';
import type { CaseDef, Step } from '../types.ts';
import { binary, caseOf, continuation, echo, type Group, reply, say, send, text } from './build.ts';

/**
 * Autobahn's category 9, all 54 cases: big messages whole (9.1/9.2), in many frames (9.3/9.4), written in
 * small pieces (9.5/9.6), and a thousand round trips (9.7/9.8). Payloads as Autobahn builds them; echoes
 * compared by kind and length, as Autobahn does. The CLI runs them (`--cases 9.*`) and prints each
 * case's time and throughput; the deck's quick run keeps the first three sizes of 9.1 and 9.2.
 */
const why =
  'A message may be far larger than one TCP read, and it may arrive in any number of pieces. An endpoint ' +
  'must reassemble it byte for byte; it may refuse a message above its own limit with 1009 (§7.4.1), ' +
  'and should have one (§10.4), but below that limit size is no excuse for losing bytes.';

const group = (id: string, title: string): Group => ({
  id,
  category: 'limits',
  title,
  section: '5.2, 10.4',
  why,
});

const KiB = 1024;
const MiB = 1024 * 1024;
const label = (n: number) => (n >= MiB ? `${n / MiB} MiB` : n >= KiB ? `${n / KiB} KiB` : `${n} B`);

/** Autobahn's payload_len: its pattern repeated to the length. */
function repeated(pattern: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set(pattern.subarray(0, length));
  // Doubling copies: 16 MiB in two dozen steps rather than millions.
  for (let filled = pattern.length; filled < length; filled *= 2) out.copyWithin(filled, 0, filled);
  return out;
}
const textPattern = new TextEncoder().encode('BAsd7&jh23');
const binaryPattern = new Uint8Array([0x00, 0xfe, 0x23, 0xfa, 0xf0]);
const star = new TextEncoder().encode('*');
const fe = new Uint8Array([0xfe]);

type Kind = 'text' | 'binary';
const frameOf = (kind: Kind) => (kind === 'text' ? text : binary);
const kindWords = { text: ['text', '文本'], binary: ['binary', '二进制'] } as const;

/** Autobahn's waits for category 9 are 10 to 1000 s; a case here waits this long for its echo. */
const bigWaitMs = 60_000;

type Body = Pick<CaseDef, 'steps' | 'expect'>;

/**
 * A category 9 case whose bytes are built on first use: together they weigh about 100 MiB, which neither
 * the deck's bundle nor a run of other cases should pay for.
 */
function timed(g: Group, n: number, title: Bilingual, make: () => Body, deck = false): CaseDef {
  let made: Body | undefined;
  const body = () => {
    made ??= make();
    return made;
  };
  const outline = caseOf(g, n, title, [], echo([]));
  return Object.defineProperties(
    {
      ...outline,
      waitMs: bigWaitMs,
      reportTime: true,
      ...(deck ? {} : { cliOnly: true }),
    },
    {
      steps: { get: () => body().steps, enumerable: true },
      expect: { get: () => body().expect, enumerable: true },
    },
  );
}

/** 9.1/9.2: one message of each size in one frame. */
function whole(id: string, kind: Kind, pattern: Uint8Array): CaseDef[] {
  const g = group(id, `Large ${kind} messages`);
  return [64 * KiB, 256 * KiB, MiB, 4 * MiB, 8 * MiB, 16 * MiB].map((n, i) => {
    return timed(
      g,
      i + 1,
      say(`${kind} message of ${label(n)}`, `${label(n)} 的${kindWords[kind][1]}消息`),
      () => {
        const payload = repeated(pattern, n);
        return {
          steps: [send([frameOf(kind)(payload)])],
          expect: echo([reply[kind](payload)], { lengthsOnly: true }),
        };
      },
      n <= MiB,
    );
  });
}

/** 9.3/9.4: 4 MiB in frames of 64 B up to 4 MiB. */
function fragmented(id: string, kind: Kind, fill: Uint8Array): CaseDef[] {
  const g = group(id, `Fragmented ${kind} message`);
  const size = 4 * MiB;
  return [64, 256, KiB, 4 * KiB, 16 * KiB, 64 * KiB, 256 * KiB, MiB, 4 * MiB].map((piece, i) =>
    timed(
      g,
      i + 1,
      say(
        `${kind} message of 4 MiB in frames of ${label(piece)}`,
        `4 MiB 的${kindWords[kind][1]}消息，每帧 ${label(piece)}`,
      ),
      () => {
        const payload = repeated(fill, size);
        const frames = [];
        for (let at = 0; at < size; at += piece) {
          const chunk = payload.subarray(at, at + piece);
          const fin = at + piece >= size;
          frames.push(at === 0 ? frameOf(kind)(chunk, { fin }) : continuation(chunk, fin));
        }
        return { steps: [send(frames)], expect: echo([reply[kind](payload)], { lengthsOnly: true }) };
      },
    ),
  );
}

/** 9.5/9.6: 1 MiB in one frame, written in pieces of 64 B up to 2 KiB. */
function chopped(id: string, kind: Kind, pattern: Uint8Array): CaseDef[] {
  const g = group(id, `${kind === 'text' ? 'Text' : 'Binary'} message written in small pieces`);
  return [64, 128, 256, 512, 1024, 2048].map((chop, i) =>
    timed(
      g,
      i + 1,
      say(
        `${kind} message of 1 MiB written ${chop} bytes at a time`,
        `1 MiB 的${kindWords[kind][1]}消息，每次写入 ${chop} 字节`,
      ),
      () => {
        const payload = repeated(pattern, MiB);
        return {
          steps: [send([frameOf(kind)(payload)], chop)],
          expect: echo([reply[kind](payload)], { lengthsOnly: true }),
        };
      },
    ),
  );
}

/** 9.7/9.8: a thousand messages, each sent once the echo of the one before is back. */
function roundTrips(id: string, kind: Kind, fill: Uint8Array): CaseDef[] {
  const g = group(id, `Round trips of ${kind} messages`);
  return [0, 16, 64, 256, KiB, 4 * KiB].map((size, i) =>
    timed(
      g,
      i + 1,
      say(
        `1000 ${kind} messages of ${label(size)}, one round trip at a time`,
        `1000 条 ${label(size)} 的${kindWords[kind][1]}消息，一来一回逐条发送`,
      ),
      () => {
        const payload = repeated(fill, size);
        const steps: Step[] = [{ roundTrips: { count: 1000, frame: frameOf(kind)(payload) } }];
        return { steps, expect: echo([reply[kind](payload)], { lengthsOnly: true, times: 1000 }) };
      },
    ),
  );
}

export const limitCases: readonly CaseDef[] = [
  ...whole('9.1', 'text', textPattern),
  ...whole('9.2', 'binary', binaryPattern),
  ...fragmented('9.3', 'text', star),
  ...fragmented('9.4', 'binary', fe),
  ...chopped('9.5', 'text', textPattern),
  ...chopped('9.6', 'binary', binaryPattern),
  ...roundTrips('9.7', 'text', star),
  ...roundTrips('9.8', 'binary', fe),
];
