import type { CaseDef } from '../types.ts';
import { binary, caseOf, echo, type Group, reply, say, send, text } from './build.ts';

/**
 * Autobahn's category 9 where it fits a teaching server and a quick run: whole messages up to 1 MiB.
 * Left out: 9.1.4–9.1.6 and 9.2.4–9.2.6 (4–16 MiB, above the bundled server's 1 MiB limit), 9.3/9.4
 * (4 MiB in many fragments), 9.5/9.6 (1 MiB in 64- to 2048-byte writes: 16,384 writes a case, a
 * throughput test that takes tens of seconds on two cores) and 9.7/9.8 (1000 round trips: a rate
 * limit's business).
 */
const why =
  'A message may be far larger than one TCP read, and it may arrive in any number of pieces. An endpoint ' +
  'must reassemble it byte for byte; it may refuse a message above its own limit with 1009 (§7.4.1), ' +
  'and should have one (§10.4), but below that limit size is no excuse for losing bytes.';

const large: Group = {
  id: '9.1',
  category: 'limits',
  title: 'Large text messages',
  section: '5.2, 10.4',
  why,
};
const largeBinary: Group = { ...large, id: '9.2', title: 'Large binary messages' };

const sizes = [64 * 1024, 256 * 1024, 1024 * 1024] as const;
const label = (n: number) => (n >= 1 << 20 ? `${n >> 20} MiB` : `${n >> 10} KiB`);
const textOf = (n: number) => '*'.repeat(n);
const bytesOf = (n: number) => new Uint8Array(n).fill(0xfe);

export const limitCases: readonly CaseDef[] = [
  ...sizes.map((n, i) =>
    caseOf(
      large,
      i + 1,
      say(`text message of ${label(n)}`, `${label(n)} 的文本消息`),
      [send([text(textOf(n))])],
      echo([reply.text(textOf(n))]),
    ),
  ),
  ...sizes.map((n, i) =>
    caseOf(
      largeBinary,
      i + 1,
      say(`binary message of ${label(n)}`, `${label(n)} 的二进制消息`),
      [send([binary(bytesOf(n))])],
      echo([reply.binary(bytesOf(n))]),
    ),
  ),
];
