/**
 * Field-by-field readers for the inspector protocol's JSON, each checked by the compiler against the type it
 * reads: `object<T>({...})` must name every field of `T`, an optional field with `optional(…)`, each with a
 * reader of exactly that field's type. A field renamed or retyped in protocol.ts, commands.ts or messages.ts
 * then fails to compile here as well as in the server and the page. A reader never throws: it returns the
 * value (unknown fields left out) or a `Refusal` naming the field and what it should be.
 */

/** Why a value was refused: the field's path and what it should be, and the error code to answer with. */
export class Refusal {
  constructor(
    readonly message: string,
    readonly code = 'bad-command',
  ) {}
}

/** `in out`: a reader of `'a'` is not a reader of `'a' | 'b'` (nor the reverse), so the types stay exact. */
export interface Shape<in out T> {
  readonly optional: false;
  read(value: unknown, at: string): T | Refusal;
}

export interface OptionalShape<in out T> {
  readonly optional: true;
  read(value: unknown, at: string): T | undefined | Refusal;
}

/** One reader per field of `T`: `optional(…)` exactly where `T`'s field is optional. */
export type FieldShapes<T> = {
  readonly [K in keyof T]-?: Partial<Pick<T, K>> extends Pick<T, K>
    ? OptionalShape<Exclude<T[K], undefined>>
    : Shape<T[K]>;
};

const quoted = (at: string) => `"${at}"`;

function shape<T>(what: string, test: (value: unknown) => boolean): Shape<T> {
  return {
    optional: false,
    read: (value, at) =>
      value === undefined
        ? new Refusal(`${quoted(at)} is missing: it is ${what}`)
        : test(value)
          ? (value as T)
          : new Refusal(`${quoted(at)} is ${what}, not ${JSON.stringify(value)?.slice(0, 40)}`),
  };
}

export const string = shape<string>('a string', (v) => typeof v === 'string');
export const boolean = shape<boolean>('true or false', (v) => typeof v === 'boolean');
export const number = shape<number>('a number', (v) => typeof v === 'number' && Number.isFinite(v));
export const integer = shape<number>('an integer', (v) => Number.isSafeInteger(v));

/** A string that passes `test`, described as `what` in the refusal. */
export function stringWhere(what: string, test: (value: string) => boolean): Shape<string> {
  return shape<string>(what, (v) => typeof v === 'string' && test(v));
}

/** One of a fixed list of values (`'read' | 'write'`, `1`). */
export function oneOf<const V extends readonly (string | number | boolean)[]>(values: V): Shape<V[number]> {
  const what = values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.join(', ')}`;
  return shape<V[number]>(what, (v) => (values as readonly unknown[]).includes(v));
}

/** A field that may be left out (`undefined`); `null` is not leaving it out. */
export function optional<T>(inner: Shape<T>): OptionalShape<T> {
  return {
    optional: true,
    read: (value, at) => (value === undefined ? undefined : inner.read(value, at)),
  };
}

export function nullable<T>(inner: Shape<T>): Shape<T | null> {
  return {
    optional: false,
    read: (value, at) => (value === null ? null : (inner.read(value, at) as T | Refusal)),
  } as Shape<T | null>;
}

export function array<T>(item: Shape<T>): Shape<readonly T[]> {
  return {
    optional: false,
    read(value, at) {
      if (!Array.isArray(value))
        return new Refusal(`${quoted(at)} is ${value === undefined ? 'missing: it is ' : ''}an array`);
      const items: T[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        const read = item.read(value[i], `${at}[${i}]`);
        if (read instanceof Refusal) return read;
        items[i] = read;
      }
      return items;
    },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with exactly the fields of `T` read (others left out), each by its own reader. */
export function object<T>(fields: FieldShapes<T>): Shape<T> {
  const entries = Object.entries(fields) as [string, Shape<unknown> | OptionalShape<unknown>][];
  return {
    optional: false,
    read(value, at) {
      if (!isRecord(value))
        return new Refusal(`${quoted(at)} is ${value === undefined ? 'missing: it is ' : ''}an object`);
      const out: Record<string, unknown> = {};
      for (const [name, field] of entries) {
        const read = field.read(value[name], at === '' ? name : `${at}.${name}`);
        if (read instanceof Refusal) return read;
        if (read !== undefined) out[name] = read;
      }
      return out as T;
    },
  };
}

/** Reads JSON text into one object, or says it is not one. */
export function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}
