import type { Bilingual } from '../protocol/index.ts';

/** Something in a capture that could not be read as hoped, as data: where, and in both languages, why. */
export type CaptureProblem = {
  readonly kind:
    | 'not-a-capture'
    | 'truncated-file'
    | 'unsupported-link-type'
    | 'unsupported-block'
    | 'not-tcp'
    | 'ip-fragment'
    | 'malformed-packet'
    | 'snapped-packet';
  /** The 1-based packet number, as Wireshark counts, when the problem belongs to one packet. */
  readonly packet?: number;
  readonly message: Bilingual;
};

export function captureProblem(
  kind: CaptureProblem['kind'],
  en: string,
  zh: string,
  packet?: number,
): CaptureProblem {
  return packet === undefined ? { kind, message: { en, zh } } : { kind, packet, message: { en, zh } };
}
