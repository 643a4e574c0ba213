import { type Bilingual, closePayload, type FrameSpec, Opcode, parseHex } from '../../protocol/index.ts';
import type { CaseDef, CategoryId, Expectation, Reply, Step } from '../types.ts';

/** Small builders so the case files read like the table they are. Every client frame is masked (§5.1). */

const encoder = new TextEncoder();

export function bytes(payload: string | Uint8Array): Uint8Array {
  return typeof payload === 'string' ? encoder.encode(payload) : payload;
}

/** Bytes from hex written in the table ("ce ba e1"), checked once at load. */
export function hex(text: string): Uint8Array {
  const parsed = text.trim() === '' ? { ok: true as const, bytes: new Uint8Array(0) } : parseHex(text);
  if (!parsed.ok) throw new Error(`bad hex in the case table: ${text}`);
  return parsed.bytes;
}

type Extra = Omit<FrameSpec, 'opcode' | 'payload' | 'mask'>;

export function frame(opcode: number, payload: string | Uint8Array = '', extra: Extra = {}): FrameSpec {
  return { opcode, payload: bytes(payload), mask: true, ...extra };
}
export const text = (payload: string | Uint8Array = '', extra: Extra = {}) =>
  frame(Opcode.text, payload, extra);
export const binary = (payload: string | Uint8Array = '', extra: Extra = {}) =>
  frame(Opcode.binary, payload, extra);
export const ping = (payload: string | Uint8Array = '', extra: Extra = {}) =>
  frame(Opcode.ping, payload, extra);
export const pong = (payload: string | Uint8Array = '', extra: Extra = {}) =>
  frame(Opcode.pong, payload, extra);
export const continuation = (payload: string | Uint8Array = '', fin = true) =>
  frame(Opcode.continuation, payload, { fin });
export const close = (code?: number, reason = '', extra: Extra = {}) =>
  frame(Opcode.close, closePayload(code, reason), extra);

export const reply = {
  text: (payload: string | Uint8Array): Reply => ({ kind: 'text', payload: bytes(payload) }),
  binary: (payload: string | Uint8Array): Reply => ({ kind: 'binary', payload: bytes(payload) }),
  pong: (payload: string | Uint8Array = ''): Reply => ({ kind: 'pong', payload: bytes(payload) }),
};

export const send = (frames: readonly FrameSpec[], chop?: 'frames' | number): Step =>
  chop === undefined ? { send: frames } : { send: frames, chop };
export const wait = (ms: number): Step => ({ wait: ms });

export const echo = (
  replies: readonly Reply[] = [],
  more: Omit<Extract<Expectation, { kind: 'echo' }>, 'kind' | 'replies'> = {},
): Expectation => ({
  kind: 'echo',
  replies,
  ...more,
});
export const fails = (
  codes: readonly number[] = [1002],
  more: Omit<Extract<Expectation, { kind: 'fail' }>, 'kind' | 'codes'> = {},
): Expectation => ({ kind: 'fail', codes, ...more });

export type Group = {
  readonly id: string;
  readonly category: CategoryId;
  readonly title: string;
  readonly section: string;
  readonly why: string;
  /** False for ws101's own cases, which Autobahn does not have. */
  readonly autobahn?: boolean;
};

/** A case of `group`, numbered `group.id + '.' + n` (or exactly `group.id` when n is omitted). */
/** A title in both languages: English first, as the CLI prints it. */
export const say = (en: string, zh: string): Bilingual => ({ en, zh });

/** A case that ws101 sends or judges differently from Autobahn on purpose, with the reason. */
export const differing = (def: CaseDef, differs: Bilingual): CaseDef => ({ ...def, differs });

export function caseOf(
  group: Group,
  n: number | null,
  title: Bilingual,
  steps: readonly Step[],
  expect: Expectation,
): CaseDef {
  return {
    id: n === null ? group.id : `${group.id}.${n}`,
    autobahn: group.autobahn ?? true,
    category: group.category,
    group: group.title,
    title,
    section: group.section,
    why: group.why,
    steps,
    expect,
  };
}
