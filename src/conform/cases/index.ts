import type { Bilingual } from '../../protocol/index.ts';
import type { CaseDef, CategoryId } from '../types.ts';
import { closeCases } from './close.ts';
import { deflateCases } from './deflate.ts';
import { fragmentationCases } from './fragmentation.ts';
import { framingCases } from './framing.ts';
import { limitCases } from './limits.ts';
import { miscCases } from './misc.ts';
import { opcodeCases } from './opcodes.ts';
import { pingCases } from './pings.ts';
import { reservedBitCases } from './reservedBits.ts';
import { utf8Cases } from './utf8.ts';

export type Category = {
  readonly id: CategoryId;
  /** Autobahn's category number. */
  readonly number: number;
  /** Its name, in both languages (the CLI, the reports and the slide). */
  readonly title: Bilingual;
};

export const categories: readonly Category[] = [
  { id: 'framing', number: 1, title: { en: 'Framing', zh: '帧格式' } },
  { id: 'pings', number: 2, title: { en: 'Pings and pongs', zh: 'Ping 与 Pong' } },
  { id: 'reserved-bits', number: 3, title: { en: 'Reserved bits', zh: '保留位' } },
  { id: 'opcodes', number: 4, title: { en: 'Opcodes', zh: '操作码' } },
  { id: 'fragmentation', number: 5, title: { en: 'Fragmentation', zh: '分片' } },
  { id: 'utf8', number: 6, title: { en: 'UTF-8 handling', zh: 'UTF-8 校验' } },
  { id: 'close', number: 7, title: { en: 'Close handling', zh: '关闭处理' } },
  { id: 'limits', number: 9, title: { en: 'Limits and performance', zh: '上限与性能' } },
  { id: 'misc', number: 10, title: { en: 'Miscellaneous', zh: '其他' } },
  // permessage-deflate (RFC 7692): each case's group names it; the titles stay one line on the slide.
  { id: 'deflate', number: 12, title: { en: 'Compression', zh: '压缩' } },
  { id: 'deflate-params', number: 13, title: { en: 'Compression options', zh: '压缩参数' } },
];

/**
 * Every case, in Autobahn's order: categories 1–7, 9, 10, 12 and 13 (all 517 of Autobahn's server cases).
 * ws101's own cases (ids `ws101.…`) sit in the category they test.
 */
const octetWise: Bilingual = {
  en: 'ws101 writes these bytes 1 ms apart where Autobahn waits 10 µs, so that a close or FIN the server sends after a bad byte is read before the next byte goes out (docs/conform-autobahn.md).',
  zh: 'ws101 每写一个字节间隔 1 毫秒，Autobahn 只间隔 10 微秒：这样服务端在坏字节之后发出的 Close 或 FIN 会在下一个字节发出之前被读到（见 docs/conform-autobahn.md）。',
};

/** Cases written one byte at a time say how their pacing differs from Autobahn's (category 9 has none). */
function withPacingNote(def: CaseDef): CaseDef {
  if (def.category === 'limits' || def.deflate || def.differs) return def;
  const octets = def.steps.some((step) => 'send' in step && step.chop === 1);
  return octets ? { ...def, differs: octetWise } : def;
}

export const caseTable: readonly CaseDef[] = [
  ...framingCases,
  ...pingCases,
  ...reservedBitCases,
  ...opcodeCases,
  ...fragmentationCases,
  ...utf8Cases,
  ...closeCases,
  ...limitCases,
  ...miscCases,
  ...deflateCases,
].map(withPacingNote);

/**
 * What the deck's conformance slide runs: all but the long cases of category 9 and of 12/13 (the first
 * row of each compression subgroup stays; the CLI runs them all).
 */
export const deckCaseTable: readonly CaseDef[] = caseTable.filter((c) => !c.cliOnly);

export function findCase(id: string): CaseDef | undefined {
  return caseTable.find((c) => c.id === id);
}

export function categoryOf(id: CategoryId): Category {
  return categories.find((c) => c.id === id)!;
}
