import type { Bilingual, FieldKind } from '../protocol/index.ts';

/** The colour groups of the page: the deck's frame fields, and the layers below and beside them. */
export type ColourKind =
  | FieldKind
  | 'ethernet'
  | 'ip'
  | 'tcp'
  | 'http-start'
  | 'http-name'
  | 'http-value'
  | 'http-syntax';

/** Bits of one byte that mean different things (a frame's first two bytes), each with its own colour. */
export type BitPart = {
  readonly name: string;
  readonly kind: FieldKind;
  readonly bits: string;
  readonly meaning: Bilingual;
};

/**
 * A run of bytes of one record and what they mean, in the Illustrated TLS manner: offset and length within
 * the record, a label, the decoded value and an explanation. Fields of a record never overlap and leave no
 * byte out (test/illustrated checks it).
 */
export type ByteField = {
  readonly offset: number;
  readonly length: number;
  readonly kind: ColourKind;
  readonly label: Bilingual;
  /** The decoded value as text, the same in both languages (a port, a header's value, a payload's text). */
  readonly value: string;
  readonly meaning: Bilingual;
  readonly bits?: readonly BitPart[];
};

/** Fields that belong together inside a record: a frame, a header layer, an HTTP head. */
export type FieldGroup = {
  readonly title: Bilingual;
  readonly fields: readonly ByteField[];
};

/** The same fields moved by `by` bytes (a group decoded on its own, placed in its record). */
export function shifted(fields: readonly ByteField[], by: number): ByteField[] {
  return fields.map((field) => ({ ...field, offset: field.offset + by }));
}
